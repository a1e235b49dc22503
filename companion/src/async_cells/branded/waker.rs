//! The branded executor's wakers.
//!
//! A wake, from any thread, pushes the task's key onto a queue behind a
//! `Mutex` and unparks the executor's thread. There are no atomics of our own:
//! the only synchronisation is the `Mutex`, `Arc`'s counts and
//! `Thread::unpark`/`thread::park`, whose token makes "unpark, then park"
//! return at once, so a wake that lands between the executor's last look at
//! the queue and its `park` is never lost (tests `waker_from_another_thread_*`).
//!
//! A task's poll receives a *borrowed* waker: its data pointer is a
//! [`TaskRef`] on the executor's stack, and nothing is allocated. Only
//! `clone` allocates, an [`OwnedWaker`] in an `Arc`, so a task that finishes
//! in its first poll never pays for a waker.

use core::mem::ManuallyDrop;
use core::task::{RawWaker, RawWakerVTable, Waker};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, Thread};

/// What every waker of one executor points at.
pub(super) struct Shared {
    woken: Mutex<Vec<usize>>,
    thread: Thread,
}

impl Shared {
    /// Shared state for an executor that runs on the current thread.
    pub(super) fn new() -> Arc<Shared> {
        Arc::new(Shared { woken: Mutex::new(Vec::new()), thread: thread::current() })
    }

    pub(super) fn wake(&self, key: usize) {
        // A panic while the lock was held cannot leave the `Vec` half-updated
        // in a way that matters here: keys are only pushed and drained.
        self.woken.lock().unwrap_or_else(PoisonError::into_inner).push(key);
        self.thread.unpark();
    }

    /// Moves every woken key into `into`; `false` if there were none.
    pub(super) fn drain_into(&self, into: &mut Vec<usize>) -> bool {
        let mut woken = self.woken.lock().unwrap_or_else(PoisonError::into_inner);
        if woken.is_empty() {
            return false;
        }
        into.append(&mut woken);
        true
    }
}

/// The data of a borrowed waker: which task, of which executor. Lives on the
/// executor's stack for one poll.
pub(super) struct TaskRef {
    shared: *const Shared,
    key: usize,
}

impl TaskRef {
    pub(super) fn new(shared: &Arc<Shared>, key: usize) -> TaskRef {
        TaskRef { shared: Arc::as_ptr(shared), key }
    }

    /// A waker that borrows `self`. It must not outlive `self`: callers hand
    /// out only `&Waker` borrowed from the returned value, which they keep on
    /// the same stack frame as `self`.
    pub(super) fn waker(&self) -> ManuallyDrop<Waker> {
        let raw = RawWaker::new((self as *const TaskRef).cast(), &BORROWED);
        // SAFETY:
        // - the data pointer is a live `TaskRef`, valid for as long as this
        //   waker, which the caller keeps in the `TaskRef`'s frame and lends
        //   only by reference for one poll;
        // - every function of `BORROWED` treats the pointer as a `&TaskRef`
        //   and never frees it; `drop` does nothing and never runs anyway
        //   (`ManuallyDrop`), `wake` by value cannot be reached because
        //   nobody gets this waker by value (`clone` returns an owned waker);
        // - `TaskRef` is only read, and `Shared` is `Sync`, so using it from
        //   another thread (the `&Waker` is `Send`) is fine.
        ManuallyDrop::new(unsafe { Waker::from_raw(raw) })
    }
}

/// The data of a cloned waker: it keeps the executor's shared state alive.
struct OwnedWaker {
    shared: Arc<Shared>,
    key: usize,
}

static BORROWED: RawWakerVTable =
    RawWakerVTable::new(borrowed_clone, borrowed_wake, borrowed_wake, borrowed_drop);

static OWNED: RawWakerVTable = RawWakerVTable::new(owned_clone, owned_wake, owned_wake_by_ref, owned_drop);

/// # Safety
/// `data` is a live `TaskRef` (see `TaskRef::waker`).
unsafe fn borrowed_clone(data: *const ()) -> RawWaker {
    // SAFETY:
    // - `data` is a live `TaskRef` by this function's contract;
    // - its `shared` came from `Arc::as_ptr` of the executor's `Arc`, which
    //   the executor holds while it polls, so the count is at least one and
    //   may be incremented to give the new waker its own reference.
    let (shared, key) = unsafe {
        let task = &*data.cast::<TaskRef>();
        Arc::increment_strong_count(task.shared);
        (Arc::from_raw(task.shared), task.key)
    };
    let owned = Arc::new(OwnedWaker { shared, key });
    RawWaker::new(Arc::into_raw(owned).cast(), &OWNED)
}

/// # Safety
/// `data` is a live `TaskRef`.
unsafe fn borrowed_wake(data: *const ()) {
    // SAFETY:
    // - `data` is a live `TaskRef`, and its `shared` is kept alive by the
    //   executor during the poll this waker is lent for.
    unsafe {
        let task = &*data.cast::<TaskRef>();
        (*task.shared).wake(task.key);
    }
}

fn borrowed_drop(_: *const ()) {}

/// # Safety
/// `data` came from `Arc::into_raw` of an `Arc<OwnedWaker>` and that
/// reference has not been released.
unsafe fn owned_clone(data: *const ()) -> RawWaker {
    // SAFETY:
    // - `data` is an `Arc<OwnedWaker>` pointer whose reference this waker
    //   holds, so the count is at least one; the new waker gets its own.
    unsafe { Arc::increment_strong_count(data.cast::<OwnedWaker>()) };
    RawWaker::new(data, &OWNED)
}

/// # Safety
/// As `owned_clone`; this consumes the waker's reference.
unsafe fn owned_wake(data: *const ()) {
    // SAFETY:
    // - `wake` consumes the waker, so its reference is taken back here and
    //   released when `owned` drops.
    let owned = unsafe { Arc::from_raw(data.cast::<OwnedWaker>()) };
    owned.shared.wake(owned.key);
}

/// # Safety
/// As `owned_clone`.
unsafe fn owned_wake_by_ref(data: *const ()) {
    // SAFETY:
    // - the waker holds a reference, so the `OwnedWaker` is alive while it
    //   is borrowed here; nothing is released.
    let owned = unsafe { &*data.cast::<OwnedWaker>() };
    owned.shared.wake(owned.key);
}

/// # Safety
/// As `owned_wake`.
unsafe fn owned_drop(data: *const ()) {
    // SAFETY:
    // - dropping the waker releases its one reference.
    drop(unsafe { Arc::from_raw(data.cast::<OwnedWaker>()) });
}
