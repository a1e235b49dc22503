//! Combinators for branded futures: `join`, `select`, `poll_fn`, `from_std`.
//!
//! Each polls its children with the very `Cx` it was given, one child after
//! the other, so the owner passes down the tree of futures exactly as a
//! `&mut` argument passes down a call stack.

#![forbid(unsafe_code)]

use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

use futures::future::Either;
use pin_project_lite::pin_project;

use super::{BrandedFuture, Cx};

pin_project! {
    /// A child of [`Join`]: still running, finished with its output kept, or
    /// emptied once `Join` has returned.
    #[project = MaybeDoneProj]
    #[project_replace = MaybeDoneTaken]
    enum MaybeDone<F, T> {
        Running { #[pin] future: F },
        Done { output: T },
        Taken,
    }
}

impl<F, T> MaybeDone<F, T> {
    /// Polls a running child; `true` once its output is stored.
    fn poll_done<'id, O>(mut self: Pin<&mut Self>, cx: &mut Cx<'id, '_, O>) -> bool
    where
        F: BrandedFuture<'id, O, Output = T>,
    {
        let output = match self.as_mut().project() {
            MaybeDoneProj::Running { future } => match future.poll(cx) {
                Poll::Ready(output) => output,
                Poll::Pending => return false,
            },
            MaybeDoneProj::Done { .. } => return true,
            MaybeDoneProj::Taken => panic!("`Join` polled after it completed"),
        };
        self.set(MaybeDone::Done { output });
        true
    }

    fn take(self: Pin<&mut Self>) -> T {
        match self.project_replace(MaybeDone::Taken) {
            MaybeDoneTaken::Done { output } => output,
            _ => unreachable!("`Join` takes an output only after both children are done"),
        }
    }
}

pin_project! {
    /// The future returned by [`join`]. `TA` and `TB` are the outputs of `A`
    /// and `B`, kept until both are done.
    #[must_use = "futures do nothing unless polled"]
    pub struct Join<A, B, TA, TB> {
        #[pin]
        a: MaybeDone<A, TA>,
        #[pin]
        b: MaybeDone<B, TB>,
    }
}

/// Runs two branded futures to completion and returns both outputs.
///
/// Each poll of the `Join` polls every unfinished child once, first `a`, then
/// `b`, each with the same `Cx`: both may write the same cells, one after the
/// other, never at once.
///
/// # Example
///
/// ```
/// use companion::async_cells::branded::{CellExt, Executor, join, poll_fn};
/// use companion::ghost::{GhostCell, GhostToken};
/// use std::task::Poll;
///
/// GhostToken::new(|token| {
///     let log = GhostCell::new(Vec::new());
///     let mut executor = Executor::new(token);
///     let mut turns = 0;
///     let slow = poll_fn(|cx| {
///         log.rw(cx).push("slow");
///         turns += 1;
///         if turns < 2 {
///             cx.waker().wake_by_ref();
///             Poll::Pending
///         } else {
///             Poll::Ready(turns)
///         }
///     });
///     let fast = poll_fn(|cx| {
///         log.rw(cx).push("fast");
///         Poll::Ready("fast")
///     });
///     assert_eq!(executor.block_on(join(slow, fast)), (2, "fast"));
///     assert_eq!(*log.borrow(executor.owner()), ["slow", "fast", "slow"]);
/// });
/// ```
pub fn join<'id, O, A, B>(a: A, b: B) -> Join<A, B, A::Output, B::Output>
where
    A: BrandedFuture<'id, O>,
    B: BrandedFuture<'id, O>,
{
    Join {
        a: MaybeDone::Running { future: a },
        b: MaybeDone::Running { future: b },
    }
}

impl<'id, O, A, B> BrandedFuture<'id, O> for Join<A, B, A::Output, B::Output>
where
    A: BrandedFuture<'id, O>,
    B: BrandedFuture<'id, O>,
{
    type Output = (A::Output, B::Output);

    fn poll(self: Pin<&mut Self>, cx: &mut Cx<'id, '_, O>) -> Poll<Self::Output> {
        let mut this = self.project();
        let a_done = this.a.as_mut().poll_done(cx);
        let b_done = this.b.as_mut().poll_done(cx);
        if a_done && b_done {
            Poll::Ready((this.a.take(), this.b.take()))
        } else {
            Poll::Pending
        }
    }
}

pin_project! {
    /// The future returned by [`select`].
    #[must_use = "futures do nothing unless polled"]
    pub struct Select<A, B> {
        #[pin]
        a: A,
        #[pin]
        b: B,
    }
}

/// Waits for the first of two branded futures to finish and returns its
/// output; the other is dropped with the `Select`.
///
/// `a` is polled first on every turn, so if both are ready at once the
/// result is `Either::Left`.
///
/// # Example
///
/// ```
/// use companion::async_cells::branded::{CellExt, Executor, poll_fn, select};
/// use companion::ghost::{GhostCell, GhostToken};
/// use futures::future::Either;
/// use std::task::Poll;
///
/// GhostToken::new(|token| {
///     let polls = GhostCell::new(0);
///     let mut executor = Executor::new(token);
///     let never = poll_fn(|cx| {
///         *polls.rw(cx) += 1;
///         Poll::<()>::Pending
///     });
///     let soon = poll_fn(|cx| Poll::Ready(*polls.ro(cx)));
///     assert!(matches!(executor.block_on(select(never, soon)), Either::Right(1)));
/// });
/// ```
pub fn select<'id, O, A, B>(a: A, b: B) -> Select<A, B>
where
    A: BrandedFuture<'id, O>,
    B: BrandedFuture<'id, O>,
{
    Select { a, b }
}

impl<'id, O, A, B> BrandedFuture<'id, O> for Select<A, B>
where
    A: BrandedFuture<'id, O>,
    B: BrandedFuture<'id, O>,
{
    type Output = Either<A::Output, B::Output>;

    fn poll(self: Pin<&mut Self>, cx: &mut Cx<'id, '_, O>) -> Poll<Self::Output> {
        let this = self.project();
        if let Poll::Ready(output) = this.a.poll(cx) {
            return Poll::Ready(Either::Left(output));
        }
        this.b.poll(cx).map(Either::Right)
    }
}

/// The future returned by [`poll_fn`].
#[must_use = "futures do nothing unless polled"]
pub struct PollFn<F> {
    poll: F,
}

// The closure is never pinned: `poll` only ever calls it through `&mut`.
impl<F> Unpin for PollFn<F> {}

/// A branded future whose `poll` is the closure `poll`.
///
/// # Example
///
/// ```
/// use companion::async_cells::branded::{CellExt, Executor, poll_fn};
/// use companion::ghost::{GhostCell, GhostToken};
/// use std::task::Poll;
///
/// GhostToken::new(|token| {
///     let cell = GhostCell::new(String::from("poll"));
///     let mut executor = Executor::new(token);
///     let len = executor.block_on(poll_fn(|cx| {
///         cell.rw(cx).push_str("_fn");
///         Poll::Ready(cell.ro(cx).len())
///     }));
///     assert_eq!(len, 7);
/// });
/// ```
pub fn poll_fn<'id, O, T, F>(poll: F) -> PollFn<F>
where
    F: FnMut(&mut Cx<'id, '_, O>) -> Poll<T>,
{
    PollFn { poll }
}

impl<'id, O, T, F> BrandedFuture<'id, O> for PollFn<F>
where
    F: FnMut(&mut Cx<'id, '_, O>) -> Poll<T>,
{
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Cx<'id, '_, O>) -> Poll<T> {
        (self.get_mut().poll)(cx)
    }
}

pin_project! {
    /// The future returned by [`from_std`].
    #[must_use = "futures do nothing unless polled"]
    pub struct FromStd<F> {
        #[pin]
        future: F,
    }
}

/// A std future as a branded one: polled with a `Context` on the task's
/// waker. It gets no owner, so it cannot open cells; use it to wait for
/// channels, timers and other std futures inside a branded task.
///
/// # Example
///
/// ```
/// use companion::async_cells::branded::{CellExt, Executor, from_std, join, poll_fn};
/// use companion::ghost::{GhostCell, GhostToken};
/// use futures::channel::oneshot;
/// use std::task::Poll;
///
/// GhostToken::new(|token| {
///     let cell = GhostCell::new(0);
///     let (send, receive) = oneshot::channel();
///     let mut executor = Executor::new(token);
///     let worker = std::thread::spawn(move || send.send(42).unwrap());
///     let (received, ()) = executor.block_on(join(
///         from_std(receive),
///         poll_fn(|cx| {
///             *cell.rw(cx) += 1;
///             Poll::Ready(())
///         }),
///     ));
///     worker.join().unwrap();
///     assert_eq!((received, *cell.borrow(executor.owner())), (Ok(42), 1));
/// });
/// ```
pub fn from_std<F: Future>(future: F) -> FromStd<F> {
    FromStd { future }
}

impl<'id, O, F: Future> BrandedFuture<'id, O> for FromStd<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Cx<'id, '_, O>) -> Poll<F::Output> {
        let mut context = Context::from_waker(cx.waker());
        self.project().future.poll(&mut context)
    }
}
