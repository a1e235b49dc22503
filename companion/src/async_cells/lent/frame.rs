//! The lending frame and the lending waker: how an owner rides in a
//! `Context` on stable Rust, where a `Context` carries nothing but a `&Waker`.

use core::any::TypeId;
use core::cell::Cell;
use core::mem::ManuallyDrop;
use core::ptr;
use core::task::{RawWaker, RawWakerVTable, Waker};

/// What `Lend::poll` publishes for one poll of its child. It lives on
/// `Lend::poll`'s stack; the child's `Context` reaches it through the data
/// pointer of a [`lending_waker`].
pub(super) struct Frame<'a> {
    /// The marker type of the owner below: the lookup casts `owner` back only
    /// for this `TypeId`.
    marker: TypeId,
    /// The polling thread, as the address of [`HERE`].
    thread: *const u8,
    /// `*mut TLCellOwner<M>` for the `M` of `marker`.
    owner: *mut (),
    /// Set while an accessor's closure holds `&mut` to the owner.
    in_use: Cell<bool>,
    /// The executor's waker, which this frame's waker forwards to.
    inner: &'a Waker,
}

thread_local! {
    /// Never read: its address names the current thread. `const`-initialised
    /// and without a destructor, so it is accessible at every moment of the
    /// thread's life, thread-local destructors included.
    static HERE: u8 = const { 0 };
}

/// The current thread's name for frames: unique among live threads, and a
/// frame is only reachable while its thread runs `Lend::poll`.
fn here() -> *const u8 {
    HERE.with(|here| here as *const u8)
}

impl<'a> Frame<'a> {
    pub(super) fn new(marker: TypeId, owner: *mut (), inner: &'a Waker) -> Self {
        Frame { marker, thread: here(), owner, in_use: Cell::new(false), inner }
    }
}

static LENDING: RawWakerVTable = RawWakerVTable::new(lending_clone, lending_wake, lending_wake, lending_drop);

/// A waker whose data is `frame`. It must not outlive `frame`: the caller
/// keeps it in `frame`'s stack frame and lends only `&Waker` for one poll.
pub(super) fn lending_waker(frame: &Frame<'_>) -> ManuallyDrop<Waker> {
    let raw = RawWaker::new((frame as *const Frame<'_>).cast(), &LENDING);
    // SAFETY:
    // - the data pointer is a live `Frame`, kept alive by the caller for as
    //   long as the waker (same stack frame, waker lent only by reference);
    // - the `LENDING` functions only read the frame's `inner` waker, which
    //   outlives the frame (it is borrowed by it);
    // - `clone` returns a clone of `inner`, with `inner`'s own vtable, so no
    //   waker with this data pointer ever escapes by value; `drop` never runs
    //   (`ManuallyDrop`) and does nothing; `wake` by value is unreachable for
    //   the same reason and behaves as `wake_by_ref`;
    // - reading `inner` from another thread (the `&Waker` is `Send`) is fine:
    //   it is never written, and `Waker` is `Sync`.
    ManuallyDrop::new(unsafe { Waker::from_raw(raw) })
}

/// # Safety
/// `data` is a live `Frame` (see `lending_waker`).
unsafe fn lending_clone(data: *const ()) -> RawWaker {
    // SAFETY:
    // - `data` is a live `Frame` by this function's contract (only
    //   `lending_waker` makes wakers with this vtable);
    // - only its immutable `inner` field is read.
    let inner = unsafe { (*data.cast::<Frame<'_>>()).inner };
    // The clone is the executor's waker: the owner does not travel with it.
    let clone = ManuallyDrop::new(inner.clone());
    RawWaker::new(clone.data(), clone.vtable())
}

/// # Safety
/// `data` is a live `Frame`.
unsafe fn lending_wake(data: *const ()) {
    // SAFETY:
    // - `data` is a live `Frame` by this function's contract;
    // - only its immutable `inner` field is read, and `Waker` is `Sync`, so
    //   this may run on any thread.
    unsafe { (*data.cast::<Frame<'_>>()).inner.wake_by_ref() }
}

fn lending_drop(_: *const ()) {}

/// The frame for marker `marker` that `waker` leads to, on this thread.
///
/// Walks the chain of lending wakers (a `Lend` of one marker polled inside a
/// `Lend` of another wraps the outer lending waker) and stops at the first
/// waker that is not a lending one, or at a frame of another thread.
pub(super) fn find<'w>(waker: &'w Waker, marker: TypeId) -> Option<&'w Frame<'w>> {
    let mut waker = waker;
    let thread = here();
    loop {
        if !ptr::eq(waker.vtable(), &LENDING) {
            return None;
        }
        // SAFETY:
        // - only `lending_waker` builds a waker with the private `LENDING`
        //   vtable (forging one needs `unsafe`: `Waker::from_raw`), so the
        //   data pointer is a `Frame`;
        // - that waker is lent by reference for one `Lend::poll` call only,
        //   and `waker` is such a reference (or the `inner` of a frame, which
        //   outlives that frame), so the frame is alive for `'w`;
        // - the frame is only read through `&`, its one mutable field is a
        //   `Cell`, and `thread` is compared before anything else so a frame
        //   of another thread is never touched beyond its immutable fields.
        let frame = unsafe { &*waker.data().cast::<Frame<'w>>() };
        if frame.thread != thread {
            return None;
        }
        if frame.marker == marker {
            return Some(frame);
        }
        waker = frame.inner;
    }
}

/// Marks a frame's owner in use for as long as the guard lives, unwinding
/// included.
pub(super) struct InUse<'f>(&'f Cell<bool>);

impl<'a> Frame<'a> {
    /// Takes the owner for one accessor: `None` if an accessor further up
    /// already holds it.
    pub(super) fn take(&self) -> Option<(InUse<'_>, *mut ())> {
        if self.in_use.replace(true) {
            return None;
        }
        Some((InUse(&self.in_use), self.owner))
    }
}

impl Drop for InUse<'_> {
    fn drop(&mut self) {
        self.0.set(false);
    }
}
