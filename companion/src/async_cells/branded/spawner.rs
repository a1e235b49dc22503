//! Spawning from inside a task: the [`Spawner`] handle and the side queue it
//! pushes to.
//!
//! A task is polled while the executor holds `&mut` to its owner and to its
//! task slab, so a spawn cannot reach either. It pushes the boxed child onto
//! a queue of its own, shared by the executor and its spawners through an
//! `Rc`; the executor moves the queued children into the slab between two
//! polls, never during one.

#![forbid(unsafe_code)]

use core::cell::{Cell, RefCell};
use core::fmt;
use core::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;

use super::BrandedFuture;
use super::waker::TaskKey;
use crate::async_cells::wake::Inbox;
use crate::ghost::GhostToken;

/// A task as the executor stores it: boxed, of brand `'id`, borrowing for `'f`.
pub(super) type BoxedTask<'id, 'f, O> = Pin<Box<dyn BrandedFuture<'id, O, Output = ()> + 'f>>;

/// The children spawned since the executor last looked, and whether it still
/// takes them.
pub(super) struct Spawns<'id, 'f, O> {
    queued: RefCell<Vec<BoxedTask<'id, 'f, O>>>,
    /// Set when the executor is dropped (for good) and while `clear` drops
    /// its tasks (for the time it takes).
    closed: Cell<bool>,
    /// Whether the executor is polling its tasks right now: then it looks at
    /// the queue before it stops, and a spawn need not wake it.
    polling: Cell<bool>,
    /// The executor's inbox: a spawn while the executor is not polling (from
    /// another task of the runtime it is embedded in) wakes it through it.
    inbox: Arc<Inbox<TaskKey>>,
}

impl<'id, 'f, O> Spawns<'id, 'f, O> {
    pub(super) fn new(inbox: &Arc<Inbox<TaskKey>>) -> Rc<Self> {
        Rc::new(Spawns {
            queued: RefCell::new(Vec::new()),
            closed: Cell::new(false),
            polling: Cell::new(false),
            inbox: inbox.clone(),
        })
    }

    /// Swaps the queued children with `into` (empty): the executor then
    /// adopts them without holding the queue's borrow, so a spawn from a
    /// `Drop` it runs meanwhile finds the queue free.
    pub(super) fn take_all(&self, into: &mut Vec<BoxedTask<'id, 'f, O>>) -> bool {
        let mut queued = self.queued.borrow_mut();
        if queued.is_empty() {
            return false;
        }
        core::mem::swap(&mut *queued, into);
        true
    }

    pub(super) fn len(&self) -> usize {
        self.queued.borrow().len()
    }

    pub(super) fn set_polling(&self, polling: bool) {
        self.polling.set(polling);
    }

    /// Refuses spawns until the returned guard is dropped, and drops the
    /// children queued so far: their `Drop`s may spawn, and are refused.
    pub(super) fn refuse_while(&self) -> Refusing<'_, 'id, 'f, O> {
        self.closed.set(true);
        let queued = core::mem::take(&mut *self.queued.borrow_mut());
        drop(queued);
        Refusing(self)
    }
}

/// Spawns are refused while it lives.
pub(super) struct Refusing<'s, 'id, 'f, O>(&'s Spawns<'id, 'f, O>);

impl<'id, 'f, O> Refusing<'_, 'id, 'f, O> {
    /// Keeps spawns refused for good: the executor is being dropped.
    pub(super) fn forever(self) {
        core::mem::forget(self);
    }
}

impl<O> Drop for Refusing<'_, '_, '_, O> {
    fn drop(&mut self) {
        self.0.closed.set(false);
    }
}

/// A handle that spawns tasks onto one [`Executor`](super::Executor), kept
/// by the tasks themselves: made by [`Executor::spawner`](super::Executor::spawner).
///
/// A child has the executor's brand `'id` and may borrow for the executor's
/// `'f`, exactly as a task spawned from outside. [`spawn`](Self::spawn)
/// queues it; the executor polls it after the poll that spawned it has
/// returned, so a spawn never touches the owner or the tasks the executor is
/// lending and polling. A task that spawns a copy of itself on every poll is
/// a loop, not a recursion: `run` never returns, as with a task that wakes
/// itself forever, and the stack does not grow.
///
/// The handle is `!Send` and `!Sync` (the children need not be `Send`), and
/// may outlive the executor: its spawns are then refused. While the executor
/// is being dropped, or is dropping its tasks in
/// [`clear`](super::Executor::clear), spawns are refused too, so a task's
/// `Drop` cannot put a child into an executor that is emptying itself.
///
/// # Example
///
/// ```
/// use companion::async_cells::branded::{CellExt, Executor, poll_fn};
/// use companion::ghost::{GhostCell, GhostToken};
/// use std::rc::Rc;
/// use std::task::Poll;
///
/// GhostToken::new(|token| {
///     let log = Rc::new(GhostCell::new(Vec::new()));
///     let mut executor = Executor::new(token);
///     let spawner = executor.spawner();
///     let parent_log = log.clone();
///     executor.spawn(poll_fn(move |cx| {
///         for child in 0..3 {
///             let log = parent_log.clone();
///             spawner
///                 .spawn(poll_fn(move |cx| {
///                     log.rw(cx).push(child);
///                     Poll::Ready(())
///                 }))
///                 .unwrap();
///         }
///         parent_log.rw(cx).push(-1); // the parent's poll goes on
///         Poll::Ready(())
///     }));
///     executor.run();
///     assert_eq!(*log.borrow(executor.owner()), [-1, 0, 1, 2]);
/// });
/// ```
pub struct Spawner<'id, 'f, O = GhostToken<'id>> {
    spawns: Rc<Spawns<'id, 'f, O>>,
}

impl<'id, 'f, O> Spawner<'id, 'f, O> {
    pub(super) fn new(spawns: &Rc<Spawns<'id, 'f, O>>) -> Self {
        Spawner { spawns: spawns.clone() }
    }

    /// Queues `task` on the executor; it is first polled after the current
    /// poll (or, from outside a poll, at the executor's next run).
    ///
    /// # Errors
    ///
    /// Hands `task` back, in the error, if the executor is gone or is
    /// dropping its tasks.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::branded::{Executor, poll_fn};
    /// use companion::ghost::GhostToken;
    /// use std::task::Poll;
    ///
    /// GhostToken::new(|token| {
    ///     let mut executor = Executor::new(token);
    ///     let spawner = executor.spawner();
    ///     spawner.spawn(poll_fn(|_| Poll::Ready(()))).unwrap();
    ///     assert_eq!(executor.len(), 1);
    ///     executor.run();
    ///     drop(executor);
    ///     let refused = spawner.spawn(poll_fn(|_| Poll::Ready(())));
    ///     assert!(refused.is_err());
    /// });
    /// ```
    pub fn spawn<F>(&self, task: F) -> Result<(), SpawnError<F>>
    where
        F: BrandedFuture<'id, O, Output = ()> + 'f,
    {
        let spawns = &*self.spawns;
        if spawns.closed.get() {
            return Err(SpawnError { task });
        }
        let task: BoxedTask<'id, 'f, O> = Box::pin(task);
        let was_empty = {
            let mut queued = spawns.queued.borrow_mut();
            queued.push(task);
            queued.len() == 1
        };
        if was_empty && !spawns.polling.get() {
            // Spawned from outside the executor's polls, while it may wait
            // (embedded in another runtime): wake it. A closed inbox means
            // the executor is gone, and the child was dropped with it.
            let _gone = spawns.inbox.post(TaskKey::SPAWNED);
        }
        Ok(())
    }
}

impl<'id, 'f, O> Clone for Spawner<'id, 'f, O> {
    fn clone(&self) -> Self {
        Spawner::new(&self.spawns)
    }
}

/// A spawn refused because the executor is gone or is dropping its tasks;
/// it holds the task.
///
/// # Example
///
/// ```
/// use companion::async_cells::branded::{Executor, poll_fn};
/// use companion::ghost::GhostToken;
/// use std::task::Poll;
///
/// GhostToken::new(|token| {
///     let spawner = Executor::new(token).spawner();
///     let error = spawner.spawn(poll_fn(|_| Poll::Ready(()))).unwrap_err();
///     assert_eq!(error.to_string(), "the executor no longer takes tasks");
///     drop(error.into_task());
/// });
/// ```
pub struct SpawnError<F> {
    task: F,
}

impl<F> SpawnError<F> {
    /// The task that was not spawned.
    pub fn into_task(self) -> F {
        self.task
    }
}

impl<F> fmt::Debug for SpawnError<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SpawnError").finish_non_exhaustive()
    }
}

impl<F> fmt::Display for SpawnError<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the executor no longer takes tasks")
    }
}

impl<F> std::error::Error for SpawnError<F> {}
