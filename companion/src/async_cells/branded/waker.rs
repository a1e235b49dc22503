//! The branded executor's wakers.
//!
//! Each task has one [`TaskWaker`] in an `Arc`, made at its first poll: a
//! [`Doorbell`] whose key is the task's [`TaskKey`], posted to the executor's
//! [`Inbox`]. The poll lends it as a [`WakerRef`], which borrows the `Arc`
//! without touching its count, and `clone` adds a count. When a task finishes
//! and no clone of its waker is left, the next task's first poll reuses it: a
//! run of tasks that finish in their first poll allocates one waker in all.
//!
//! A wake, from any thread, rings the bell: only the wake that finds it
//! clear posts the key, and the executor answers it just before it polls the
//! task. So a task woken many times between two polls is queued, and polled,
//! once. Why no wake is lost, whether the executor parks its thread or runs
//! inside another runtime, is argued (and model-checked) in
//! [`wake`](crate::async_cells::wake).

#![forbid(unsafe_code)]

use std::sync::Arc;

use futures::task::{ArcWake, WakerRef, waker_ref};

use crate::async_cells::wake::{Doorbell, Inbox};

/// A task's key: its slab slot and the number it was spawned with. A slot is
/// reused once its task finishes; the number is not, so a late wake of the
/// finished task does not match the task that reuses the slot.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) struct TaskKey {
    pub(super) slot: usize,
    pub(super) spawned: u64,
}

impl TaskKey {
    /// The key of the future given to `Executor::block_on`: task slots are
    /// slab indices, which never reach it.
    pub(super) const MAIN: TaskKey = TaskKey { slot: usize::MAX, spawned: 0 };

    /// Posted by a `Spawner` that queues a child while the executor is not
    /// polling: it wakes the executor, which then adopts the child.
    pub(super) const SPAWNED: TaskKey = TaskKey { slot: usize::MAX, spawned: 1 };
}

/// The keys of woken tasks, shared by every waker of one executor, which
/// owns this handle to it: dropping the executor closes the inbox, so a
/// waker kept after it wakes nothing and queues nothing.
pub(super) struct WakeQueue(Arc<Inbox<TaskKey>>);

impl WakeQueue {
    pub(super) fn new() -> WakeQueue {
        WakeQueue(Arc::new(Inbox::new()))
    }
}

impl core::ops::Deref for WakeQueue {
    type Target = Arc<Inbox<TaskKey>>;

    fn deref(&self) -> &Arc<Inbox<TaskKey>> {
        &self.0
    }
}

impl Drop for WakeQueue {
    fn drop(&mut self) {
        self.0.close();
    }
}

/// What one task's wakers point at. A waker may outlive its task and the
/// executor: it keeps the inbox alive, and a key that matches no task is
/// ignored (a closed inbox refuses it).
pub(super) struct TaskWaker(Doorbell<TaskKey>);

impl TaskWaker {
    /// The waker of `key`, not queued.
    pub(super) fn new(queue: &Arc<Inbox<TaskKey>>, key: TaskKey) -> Arc<TaskWaker> {
        Arc::new(TaskWaker(Doorbell::new(queue, key)))
    }

    /// The waker of `key`, not queued: `spare` renamed if nothing else holds
    /// it, else a new one.
    pub(super) fn reuse(spare: Option<Arc<TaskWaker>>, queue: &Arc<Inbox<TaskKey>>, key: TaskKey) -> Arc<TaskWaker> {
        if let Some(mut waker) = spare
            && let Some(unique) = Arc::get_mut(&mut waker)
        {
            unique.0.reset(key);
            return waker;
        }
        TaskWaker::new(queue, key)
    }

    /// Called just before a poll: a wake from now on queues the task again,
    /// and what every earlier waker wrote is visible to the poll.
    pub(super) fn dequeue(&self) {
        self.0.answer();
    }

    /// The waker to poll with, borrowed from `self` for the poll.
    pub(super) fn as_waker(self: &Arc<Self>) -> WakerRef<'_> {
        waker_ref(self)
    }
}

impl ArcWake for TaskWaker {
    fn wake_by_ref(arc_self: &Arc<Self>) {
        arc_self.0.ring();
    }
}
