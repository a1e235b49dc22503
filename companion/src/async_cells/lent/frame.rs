//! The lending frame and the lending waker: how an owner rides in a
//! `Context` on stable Rust, where a `Context` carries nothing but a `&Waker`,
//! and the argument that lending the owner this way is sound.
//!
//! `Lend`
//! polls its child with a `Context` built on a *lending waker* of its own: a
//! `Waker` whose data pointer is a frame on `Lend::poll`'s stack (the owner's
//! address, the marker's `TypeId`, the polling thread, an in-use flag and the
//! executor's own waker) and whose vtable is a private `static`. Waking it
//! wakes the executor's waker; cloning it returns a clone of the executor's
//! waker, so no stored waker ever carries the owner. `with_owner` compares
//! `cx.waker().vtable()` with that `static`; on a match it reads the frame.
//!
//! # Why it is sound
//!
//! Each point is a test in `tests.rs` beside this file, or one sentence here.
//!
//! * **Only the lending `Context` finds the owner.** The frame is reachable
//!   only through a `&Waker` with the private vtable, and such a `Waker`
//!   exists only as a local of `Lend::poll`, lent by reference to the child's
//!   `Context` for the duration of one `poll` call. Clones are plain executor
//!   wakers. A combinator that builds its own `Context` from its own waker
//!   (`FuturesUnordered`) hides the frame: its children get `NotLent`
//!   (tested). One that passes the same `Context` on (`futures::join!`,
//!   `select!`, `async` blocks) lets its children find it, which is sound
//!   because each accessor runs synchronously and the in-use flag below
//!   keeps it to one at a time (tested).
//! * **Anyone can build a `Context`** (`Context::from_waker`), but not a
//!   lending waker: `Waker::new`/`Waker::from_raw` are `unsafe`, and the
//!   vtable is private. A hand-made `Context` over the *same* borrowed lending
//!   waker is possible inside a poll, so the frame carries an in-use flag:
//!   a second accessor while the first one's closure runs gets
//!   `NotLent::InUse`, never a second `&mut` (tested).
//! * **The frame cannot be used after the poll.** Its lifetime is the `Lend`
//!   poll's stack frame. The lending waker is a `WakerRef<'f>` that borrows
//!   the frame, so the compiler keeps it, and the `Context` built on it,
//!   inside that stack frame; every path to the frame goes through a `&Waker`
//!   borrowed from that `Context`. No `'static` copy exists (clones drop the
//!   frame), so leaking the future (`Box::leak`,
//!   `Pin::static_mut`) leaks the owner with it but exposes no frame.
//! * **`Waker` is `Send + Sync`.** A scoped thread spawned inside a poll can
//!   receive the lending `&Waker`. The frame records the polling thread (the
//!   address of a `const` thread-local, unique among live threads), and the
//!   lookup refuses a frame from another thread before it reads anything else
//!   (tested); waking from another thread wakes the executor's waker (tested).
//!   Both read the thread-local, so where `Lend::poll` and the accessor are
//!   compiled into one function, the compiler sees the two addresses are one
//!   and drops the compare.
//! * **One owner per thread and marker.** `qcell::TLCellOwner::new` panics on
//!   a second owner of one marker on one thread; the `LentOwner` is `!Send`
//!   (an `Rc`), so are `Lend` and the `TLCellOwner`. While a `Lend` polls, its
//!   owner is marked busy: a nested `Lend` of the same owner passes its
//!   child's poll through without a frame of its own, and `LentOwner::with`
//!   refuses (tested). At most one frame per owner exists at any time.
//! * **Panics.** The busy flag and the in-use flag are reset by guards that
//!   also run while unwinding. After a `catch_unwind` around a poll, or
//!   around an accessor inside a poll, the owner is still in its `LentOwner`
//!   and lends again (tested). Nothing is ever moved out, so nothing is lost.
//! * **Re-entrant polls.** Polling a `Lend` from inside an accessor's closure
//!   (a nested `block_on`) finds the owner busy and lends nothing (tested).
//! * **Thread-local destructors.** The lookup touches one `const`
//!   thread-local with no destructor, which stays readable while a thread's
//!   other thread-locals are destroyed; a `Lend` polled from a thread-local
//!   destructor works (tested). qcell's own `TLCellOwner::new` and `drop`
//!   use a thread-local set and panic if called after it is destroyed, and
//!   a panic in a thread-local destructor aborts the process: keep a
//!   `LentOwner` out of thread-locals, or drop it before the thread ends.
//! * **`process::exit`.** The frame lives on the stack of the poll that
//!   called `exit`, which is never left, so a scoped thread holding the
//!   lending `&Waker` still finds it valid. Waking forwards to the
//!   executor's waker, which is as sound as that executor's: `futures`'
//!   `block_on` keeps its waker's state in a thread-local that `exit` frees;
//!   the branded executor keeps it on its own stack.
//! * **Stackful coroutines.** A poll suspended on a coroutine's stack keeps
//!   the owner busy. A crate that resumes a `!Send` stack on another thread
//!   is unsound for `Rc` and `TLCellOwner` alike; the thread check refuses
//!   lookups from the new thread.
//! * **Cargo features.** qcell's optional features do not change
//!   `TLCellOwner` or `LCellOwner`.
//! * **`async` blocks holding things across `.await`.** The accessor's result
//!   type is fixed outside the closure's lifetime, so it cannot borrow the
//!   owner; a cell reference cannot be carried to the next `.await`
//!   (compile-fail cases in `tests/soundness/async_cells/`).

use core::any::TypeId;
use core::cell::Cell;
use core::mem::ManuallyDrop;
use core::ptr;
use core::task::{RawWaker, RawWakerVTable, Waker};

use futures::task::WakerRef;

/// What `Lend::poll` publishes for one poll of its child. It lives on
/// `Lend::poll`'s stack; the child's `Context` reaches it through the data
/// pointer of a [`lending_waker`].
pub(super) struct Frame<'a> {
    /// The marker type of the owner below: the lookup casts `owner` back only
    /// for this `TypeId`.
    marker: TypeId,
    /// The polling thread, as the address of [`HERE`] (see [`here`]).
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
#[inline]
fn here() -> *const u8 {
    HERE.with(|here| here as *const u8)
}

impl<'a> Frame<'a> {
    /// A frame for `owner`, of marker `marker`, lent on this thread and
    /// forwarding wakes to `inner`.
    #[inline]
    pub(super) fn new(marker: TypeId, owner: *mut (), inner: &'a Waker) -> Self {
        Frame { marker, thread: here(), owner, in_use: Cell::new(false), inner }
    }
}

static LENDING: RawWakerVTable = RawWakerVTable::new(lending_clone, lending_wake, lending_wake, lending_drop);

/// A waker whose data is `frame`, borrowed from it: the compiler keeps the
/// waker, and every `&Waker` lent from it, within `frame`'s lifetime.
#[inline]
pub(super) fn lending_waker<'f>(frame: &'f Frame<'_>) -> WakerRef<'f> {
    let raw = RawWaker::new((frame as *const Frame<'_>).cast(), &LENDING);
    // SAFETY:
    // - a dangling data pointer: the `WakerRef<'f>` borrows `frame`, so the
    //   waker and every `&Waker` lent from it are gone before the frame is;
    // - a frame read after it changed: the `LENDING` functions only read its
    //   `inner` waker, which is never written and outlives the frame (the
    //   frame borrows it);
    // - a waker with this data pointer escaping by value: `clone` returns a
    //   clone of `inner`, with `inner`'s own vtable, and the `WakerRef` never
    //   drops its waker (`drop` would do nothing anyway); `wake` by value is
    //   unreachable for the same reason and behaves as `wake_by_ref`;
    // - another thread (the `&Waker` is `Send`): it can only read `inner`,
    //   and `Waker` is `Sync`.
    let waker = unsafe { Waker::from_raw(raw) };
    WakerRef::new_unowned(ManuallyDrop::new(waker))
}

/// # Safety
/// `data` is a live `Frame` (see `lending_waker`).
unsafe fn lending_clone(data: *const ()) -> RawWaker {
    // SAFETY:
    // - a pointer that is not a live `Frame`: only `lending_waker` makes
    //   wakers with this vtable, and this function's contract is that one
    //   of them is still alive;
    // - a frame being changed meanwhile: only its `inner` field is read,
    //   which is never written.
    let inner = unsafe { (*data.cast::<Frame<'_>>()).inner };
    // The clone is the executor's waker: the owner does not travel with it.
    let clone = ManuallyDrop::new(inner.clone());
    RawWaker::new(clone.data(), clone.vtable())
}

/// # Safety
/// `data` is a live `Frame`.
unsafe fn lending_wake(data: *const ()) {
    // SAFETY:
    // - a pointer that is not a live `Frame`: as in `lending_clone`;
    // - another thread: only the `inner` field is read, which is never
    //   written, and `Waker` is `Sync`.
    unsafe { (*data.cast::<Frame<'_>>()).inner.wake_by_ref() }
}

fn lending_drop(_: *const ()) {}

/// The frame for marker `marker` that `waker` leads to, on this thread.
///
/// Walks the chain of lending wakers (a `Lend` of one marker polled inside a
/// `Lend` of another wraps the outer lending waker) and stops at the first
/// waker that is not a lending one, or at a frame of another thread. The
/// first frame is checked here, the walk further out in [`find_outer`]: where
/// `Lend::poll` and the accessor are compiled into one function, the compiler
/// then sees the frame it has just built and drops the checks that cannot fail.
#[inline]
pub(super) fn find<'w>(waker: &'w Waker, marker: TypeId) -> Option<&'w Frame<'w>> {
    let thread = here();
    let frame = frame_of(waker, thread)?;
    if frame.marker == marker { Some(frame) } else { find_outer(frame.inner, marker, thread) }
}

/// `find`'s walk past a first frame of another marker: `Lend`s of several
/// markers nested in one another, which is rare.
#[cold]
fn find_outer<'w>(mut waker: &'w Waker, marker: TypeId, thread: *const u8) -> Option<&'w Frame<'w>> {
    loop {
        let frame = frame_of(waker, thread)?;
        if frame.marker == marker {
            return Some(frame);
        }
        waker = frame.inner;
    }
}

/// The frame behind `waker` if it is a lending waker of thread `thread`.
#[inline]
fn frame_of<'w>(waker: &'w Waker, thread: *const u8) -> Option<&'w Frame<'w>> {
    if !ptr::eq(waker.vtable(), &LENDING) {
        return None;
    }
    // SAFETY:
    // - a data pointer that is not a `Frame`: only `lending_waker` builds
    //   a waker with the private `LENDING` vtable (forging one needs
    //   `unsafe`: `Waker::from_raw`);
    // - a frame that is gone: that waker is a `WakerRef` borrowing the
    //   frame, and `waker` borrows from it (or is the `inner` of a frame,
    //   which outlives that frame), so the frame is alive for `'w`;
    // - a frame written meanwhile: it is only read through `&`, its one
    //   mutable field is a `Cell`, and `thread` is compared before
    //   anything else, so a frame of another thread is never touched
    //   beyond its immutable fields.
    let frame = unsafe { &*waker.data().cast::<Frame<'w>>() };
    (frame.thread == thread).then_some(frame)
}

impl<'a> Frame<'a> {
    /// Takes the owner for one accessor: `None` if an accessor further up
    /// already holds it.
    #[inline]
    pub(super) fn take(&self) -> Option<(Claim<'_>, *mut ())> {
        Some((Claim::take(&self.in_use)?, self.owner))
    }
}

/// A claim on an owner: sets a flag while it lives and clears it when
/// dropped, unwinding included. The owner's `busy` flag (a `Lend` or a
/// `LentOwner::with` has it) and a frame's `in_use` flag (an accessor has it)
/// are both held this way.
pub(super) struct Claim<'f>(&'f Cell<bool>);

impl<'f> Claim<'f> {
    /// Sets `flag`; `None` if it was set already (someone holds the claim).
    #[inline]
    pub(super) fn take(flag: &'f Cell<bool>) -> Option<Self> {
        if flag.replace(true) { None } else { Some(Claim(flag)) }
    }
}

impl Drop for Claim<'_> {
    #[inline]
    fn drop(&mut self) {
        self.0.set(false);
    }
}
