//! Stack tokens in async code: a fresh token for every `poll`.
//!
//! A future that may move between threads (`Send`) cannot keep a token
//! across an `.await`: the token is not `Send`, so holding it there makes the
//! whole future `!Send`, and rightly so, since the next poll may run on
//! another thread where the token proves nothing. [`poll_with_token`] builds
//! a future whose every `poll` makes a new token on the polling thread's
//! stack and passes it to a closure, so each poll reads a
//! [`Sticky`](super::Sticky) with a proof about *that* thread.
//!
//! An `async` block may also make a token with `stack_token!` and keep it,
//! and references from it, across an `.await`. That is sound (the thread's
//! registry frees no value while the token lives), but it makes the future
//! `!Send` for good, and it keeps the thread's values alive for as long as
//! the future lives. A token per poll has neither cost.

use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

use super::StackToken;

/// The future returned by [`poll_with_token`].
///
/// It is `Send` when the closure is, and `Unpin`: it holds nothing but the
/// closure, and no token survives a poll.
#[must_use = "futures do nothing unless polled"]
pub struct PollWithToken<F> {
    poll: F,
}

/// Makes a future from a poll function that receives a fresh
/// [`StackToken`] on every call.
///
/// The closure's result cannot borrow from the token (`R` is chosen outside
/// the call), so nothing tied to one poll leaks into the next.
///
/// # Example
///
/// ```
/// use companion::stack_token::{poll_with_token, Sticky};
/// use std::cell::Cell;
/// use std::pin::pin;
/// use std::rc::Rc;
/// use std::task::{Context, Poll, Waker};
///
/// // A counter only this thread may touch, inside a `Send` future.
/// let ticks = Sticky::new(Rc::new(Cell::new(0)));
/// let future = poll_with_token(move |token, cx| {
///     let ticks = ticks.get(token);
///     ticks.set(ticks.get() + 1);
///     if ticks.get() < 3 {
///         cx.waker().wake_by_ref();
///         Poll::Pending
///     } else {
///         Poll::Ready(ticks.get())
///     }
/// });
///
/// let mut future = pin!(future);
/// let mut cx = Context::from_waker(Waker::noop());
/// let mut polls = 1;
/// while future.as_mut().poll(&mut cx).is_pending() {
///     polls += 1;
/// }
/// assert_eq!(polls, 3);
/// ```
pub fn poll_with_token<R, F>(poll: F) -> PollWithToken<F>
where
    F: FnMut(&StackToken, &mut Context<'_>) -> Poll<R> + Unpin,
{
    PollWithToken { poll }
}

impl<R, F> Future for PollWithToken<F>
where
    F: FnMut(&StackToken, &mut Context<'_>) -> Poll<R> + Unpin,
{
    type Output = R;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<R> {
        // The token lives in this call's frame, on the thread that polls.
        crate::stack_token!(token);
        (self.get_mut().poll)(token, cx)
    }
}

#[cfg(test)]
mod tests {
    use super::poll_with_token;
    use crate::stack_token::{Sticky, StickyError};
    use std::cell::Cell;
    use std::future::Future;
    use std::pin::pin;
    use std::rc::Rc;
    use std::task::{Context, Poll, Waker};
    use std::thread;

    fn assert_send<T: Send>(_: &T) {}

    /// Polls to completion on this thread, with a waker that does nothing.
    fn block_on<F: Future>(future: F) -> F::Output {
        let mut future = pin!(future);
        let mut cx = Context::from_waker(Waker::noop());
        loop {
            if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
                return output;
            }
        }
    }

    #[test]
    fn an_async_block_reads_a_sticky_and_stays_send() {
        let name = Sticky::new(Rc::new(String::from("ferris")));
        let future = async move {
            let first = poll_with_token(|token, _| Poll::Ready(name.get(token).len())).await;
            std::future::ready(()).await;
            let second = poll_with_token(|token, _| Poll::Ready(name.get(token).len())).await;
            first + second
        };
        assert_send(&future);
        assert_eq!(block_on(future), 12);
    }

    #[test]
    fn every_poll_gets_a_token() {
        let polls = Sticky::new(Cell::new(0));
        let output = block_on(poll_with_token(|token, _| {
            let polls = polls.get(token);
            polls.set(polls.get() + 1);
            if polls.get() == 4 {
                Poll::Ready("done")
            } else {
                Poll::Pending
            }
        }));
        assert_eq!((output, polls.is_valid()), ("done", true));
    }

    #[test]
    fn a_future_moved_to_another_thread_is_refused_there() {
        let value = Sticky::new(Rc::new(7));
        let future =
            poll_with_token(move |token, _| Poll::Ready(value.try_get(token).map(|v| **v)));
        // Polled here it would succeed; moved away, the next poll is refused.
        let elsewhere = thread::spawn(move || block_on(future)).join().unwrap();
        assert_eq!(elsewhere, Err(StickyError::OtherThread));
    }
}
