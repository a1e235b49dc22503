//! The branded executor's wakers.
//!
//! Each task has one [`TaskWaker`] in an `Arc`, made at its first poll. The
//! poll lends it as a [`WakerRef`], which borrows the `Arc` without touching
//! its count, and `clone` adds a count. When a task finishes and no clone of
//! its waker is left, the next task's first poll reuses it: a run of tasks
//! that finish in their first poll allocates one waker in all.
//!
//! A wake, from any thread, sets the task's `queued` flag. Only the wake that
//! finds it clear pushes the task's key onto a queue behind a `Mutex` and
//! unparks the executor's thread; the executor clears the flag just before it
//! polls the task. So a task woken many times between two polls is queued,
//! and polled, once. `Thread::unpark`/`thread::park` carry a token, so
//! "unpark, then park" returns at once: a wake that lands between the
//! executor's last look at the queue and its `park` is never lost (tests
//! `waker_from_another_thread_*`).

#![forbid(unsafe_code)]

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, Thread};

use futures::task::{ArcWake, WakerRef, waker_ref};

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
}

/// The keys of woken tasks, shared by every waker of one executor, and the
/// thread to unpark.
pub(super) struct WakeQueue {
    woken: Mutex<Vec<TaskKey>>,
    thread: Thread,
}

impl WakeQueue {
    /// The queue of an executor that runs on the current thread.
    pub(super) fn new() -> Arc<WakeQueue> {
        Arc::new(WakeQueue { woken: Mutex::new(Vec::new()), thread: thread::current() })
    }

    fn push(&self, key: TaskKey) {
        // A panic while the lock was held cannot leave the `Vec` half-updated
        // in a way that matters here: keys are only pushed and drained.
        self.woken.lock().unwrap_or_else(PoisonError::into_inner).push(key);
        self.thread.unpark();
    }

    /// Moves every woken key into `into`; `false` if there were none.
    pub(super) fn drain_into(&self, into: &mut Vec<TaskKey>) -> bool {
        let mut woken = self.woken.lock().unwrap_or_else(PoisonError::into_inner);
        if woken.is_empty() {
            return false;
        }
        into.append(&mut woken);
        true
    }
}

/// What one task's wakers point at: its key, whether it is queued, and the
/// queue. A waker may outlive its task and the executor: it keeps the queue
/// alive, and a key that matches no task is ignored.
pub(super) struct TaskWaker {
    queue: Arc<WakeQueue>,
    key: TaskKey,
    /// Set by the first wake after a poll began, cleared when the next poll
    /// begins: while it is set, the task is queued and wakes add nothing.
    queued: AtomicBool,
}

impl TaskWaker {
    /// The waker of `key`, not queued.
    pub(super) fn new(queue: &Arc<WakeQueue>, key: TaskKey) -> Arc<TaskWaker> {
        Arc::new(TaskWaker { queue: queue.clone(), key, queued: AtomicBool::new(false) })
    }

    /// The waker of `key`, not queued: `spare` renamed if nothing else holds
    /// it, else a new one.
    pub(super) fn reuse(spare: Option<Arc<TaskWaker>>, queue: &Arc<WakeQueue>, key: TaskKey) -> Arc<TaskWaker> {
        if let Some(mut waker) = spare
            && let Some(unique) = Arc::get_mut(&mut waker)
        {
            unique.key = key;
            *unique.queued.get_mut() = false;
            return waker;
        }
        TaskWaker::new(queue, key)
    }

    /// Called just before a poll: a wake from now on queues the task again.
    /// `AcqRel` makes what every earlier waker wrote visible to the poll.
    pub(super) fn dequeue(&self) {
        self.queued.swap(false, Ordering::AcqRel);
    }

    /// The waker to poll with, borrowed from `self` for the poll.
    pub(super) fn as_waker(self: &Arc<Self>) -> WakerRef<'_> {
        waker_ref(self)
    }
}

impl ArcWake for TaskWaker {
    fn wake_by_ref(arc_self: &Arc<Self>) {
        if !arc_self.queued.swap(true, Ordering::AcqRel) {
            arc_self.queue.push(arc_self.key);
        }
    }
}
