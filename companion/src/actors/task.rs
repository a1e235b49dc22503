//! Async tasks inside actors: a reply that a task can wait for.
//!
//! The runtime runs tasks ([`Core::spawn`](super::Core::spawn)) on Part V's
//! branded executor, whose owner is the runtime's share token. So a task
//! polled by the runtime opens shares with `share.rw(cx)`, checked at
//! compile time like an actor method. What it lacks is a way to wait for an
//! actor: [`reply`] makes one, a [`Ret`] to hand to an actor and a
//! [`Reply`] future that finishes when the actor answers.

#![forbid(unsafe_code)]

use core::pin::Pin;
use core::task::{Poll, Waker};
use std::cell::RefCell;
use std::rc::Rc;

use super::ret::Ret;
use crate::async_cells::branded::{BrandedFuture, Cx};
use crate::ghost::GhostToken;

/// What a [`Reply`] shares with its [`Ret`]: the answer once it came, and
/// the task's waker while the task waits.
struct Slot<M> {
    answer: Option<Option<M>>,
    waker: Option<Waker>,
}

/// The future half of [`reply`]: finishes with `Some(m)` when the `Ret` is
/// used, or `None` when it is dropped unused.
///
/// # Example
///
/// ```
/// use companion::actors::task::reply;
/// use companion::async_cells::branded::Executor;
/// use companion::ghost::GhostToken;
///
/// GhostToken::new(|token| {
///     let (ret, answer) = reply::<u32>();
///     ret.ret(7);
///     assert_eq!(Executor::new(token).block_on(answer), Some(7));
/// });
/// ```
pub struct Reply<M> {
    slot: Rc<RefCell<Slot<M>>>,
}

/// A reply channel for a task: give the [`Ret`] to an actor (as an argument
/// of a call) and poll the [`Reply`] in the task until the actor answers.
///
/// # Example
///
/// A task asks an actor for a value, then writes it into a share: the
/// `share.rw(cx)` in the task's poll is checked by the compiler like one in
/// an actor method.
///
/// ```
/// use companion::actors::task::{Reply, reply};
/// use companion::actors::{Cx, Ret, Runtime, Share, actor, call};
/// use companion::async_cells::branded::{BrandedFuture, poll_fn};
/// use std::pin::Pin;
/// use std::task::Poll;
/// use std::time::Instant;
///
/// struct Oracle;
/// impl Oracle {
///     fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
///         Some(Oracle)
///     }
///     fn ask<'id>(&mut self, _: &mut Cx<'id, '_, Self>, answer: Ret<'id, u32>) {
///         answer.ret(42);
///     }
/// }
///
/// let now = Instant::now();
/// Runtime::scope(now, |mut rt| {
///     let oracle = actor!(rt, Oracle::init(), Ret::nop());
///     let result = Share::new(0);
///     let out = result.clone();
///     let mut pending: Option<Reply<u32>> = None;
///     rt.spawn(poll_fn(move |cx| {
///         let waiting = pending.get_or_insert_with(|| {
///             let (ret, answer) = reply();
///             call!([oracle], ask(ret));
///             answer
///         });
///         let Poll::Ready(answer) = Pin::new(waiting).poll(cx) else { return Poll::Pending };
///         *out.rw(cx) = answer.unwrap_or(0);
///         Poll::Ready(())
///     }));
///     rt.run(now, false);
///     assert_eq!(*result.ro(&rt), 42);
///     assert_eq!(rt.task_count(), 0);
/// });
/// ```
pub fn reply<'id, M: 'id>() -> (Ret<'id, M>, Reply<M>) {
    let slot = Rc::new(RefCell::new(Slot { answer: None, waker: None }));
    let theirs = slot.clone();
    let ret = Ret::new(move |answer| {
        let waker = {
            let mut slot = theirs.borrow_mut();
            slot.answer = Some(answer);
            slot.waker.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    });
    (ret, Reply { slot })
}

impl<M> Unpin for Reply<M> {}

impl<'id, M> BrandedFuture<'id, GhostToken<'id>> for Reply<M> {
    type Output = Option<M>;

    fn poll(self: Pin<&mut Self>, cx: &mut Cx<'id, '_>) -> Poll<Option<M>> {
        let mut slot = self.slot.borrow_mut();
        match slot.answer.take() {
            Some(answer) => Poll::Ready(answer),
            None => {
                // The old waker is dropped after the borrow ends: its `Drop`
                // may be user code that answers the `Ret`.
                let old = slot.waker.replace(cx.waker().clone());
                drop(slot);
                drop(old);
                Poll::Pending
            }
        }
    }
}
