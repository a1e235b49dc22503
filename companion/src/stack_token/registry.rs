//! The per-thread registry behind [`Sticky`](super::Sticky): who owns which
//! value, and the one-word thread state that makes the ownership check cheap.
//!
//! Two thread-locals per thread:
//!
//! * `THREAD_STATE`, a `Cell<u64>` with a `const` initialiser and no
//!   destructor, so reading it is one load from the thread's TLS block and it
//!   stays readable until the thread is gone, even while other thread-local
//!   destructors run. It holds 0 until the thread registers its first value,
//!   then a process-unique thread id, and that id with [`TEARDOWN`] set once
//!   the registry starts dropping values.
//! * `REGISTRY`, the values themselves (type-erased boxes). Its destructor
//!   runs when the thread's thread-local storage is torn down: it first sets
//!   [`TEARDOWN`], then drops every value still registered, on this thread,
//!   exactly once.
//!
//! A `Sticky` remembers the id of the thread that created it. "Am I on the
//! owner thread, and are its values still alive?" is then one comparison:
//! `THREAD_STATE == owner`. It fails on every other thread (ids are never
//! reused) and on the owner thread once teardown has begun (the bit differs).

use core::cell::{Cell, RefCell};
use core::sync::atomic::{AtomicU64, Ordering};

/// Set in `THREAD_STATE` when the registry of this thread starts dropping
/// its values. No id ever has this bit, so no owner matches after that point.
pub(super) const TEARDOWN: u64 = 1 << 63;

thread_local! {
    static THREAD_STATE: Cell<u64> = const { Cell::new(0) };
    static REGISTRY: Registry = const { Registry { slots: RefCell::new(Slots::new()) } };
}

/// The state word of the current thread: 0, an id, or an id with
/// [`TEARDOWN`].
#[inline(always)]
pub(super) fn current_state() -> u64 {
    THREAD_STATE.with(Cell::get)
}

/// The id of the current thread, assigned on first use. `Sticky::new` calls
/// it before boxing the value, so that a refusal leaks nothing.
///
/// # Panics
///
/// If this thread's registry has already started its teardown.
pub(super) fn current_id() -> u64 {
    let state = current_state();
    if state & TEARDOWN != 0 {
        panic!(
            "Sticky::new called while this thread's thread-local storage is being destroyed: \
             a value created now could never be dropped on its own thread"
        );
    }
    if state != 0 {
        return state;
    }
    // Ids start at 1 (0 means "no id yet") and must never repeat, or a
    // thread could open values of a dead thread whose id it inherited. A
    // `u64` counter does not wrap in practice; if it ever reached the
    // TEARDOWN bit, we abort rather than panic, because a caught panic would
    // let the next caller receive a duplicate (fragile issue #31 was exactly
    // that, with a `usize` counter on 32-bit targets).
    static NEXT_ID: AtomicU64 = AtomicU64::new(1);
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    if id >= TEARDOWN {
        std::process::abort();
    }
    THREAD_STATE.with(|state| state.set(id));
    id
}

/// A type-erased owned value: a pointer from `Box::into_raw` and the function
/// that turns it back into the box and drops it.
pub(super) struct Entry {
    pub(super) ptr: *mut (),
    pub(super) drop_box: unsafe fn(*mut ()),
}

/// Where a value was registered: the owner thread's id and the slot index.
#[derive(Clone, Copy)]
pub(super) struct Ticket {
    pub(super) owner: u64,
    pub(super) slot: usize,
}

/// A slab: a vector of slots and a list of free indices.
struct Slots {
    entries: Vec<Option<Entry>>,
    free: Vec<usize>,
}

impl Slots {
    const fn new() -> Self {
        Slots {
            entries: Vec::new(),
            free: Vec::new(),
        }
    }
}

struct Registry {
    slots: RefCell<Slots>,
}

/// Registers `entry` with the current thread, whose id `owner` was just
/// returned by [`current_id`], and returns its ticket.
pub(super) fn register(owner: u64, entry: Entry) -> Ticket {
    let slot = REGISTRY
        .try_with(|registry| {
            let mut slots = registry.slots.borrow_mut();
            match slots.free.pop() {
                Some(slot) => {
                    slots.entries[slot] = Some(entry);
                    slot
                }
                None => {
                    slots.entries.push(Some(entry));
                    slots.entries.len() - 1
                }
            }
        })
        // Unreachable in practice: the registry sets TEARDOWN before it is
        // gone, and `current_id` has just checked that bit.
        .expect("the stack-token registry of this thread is already destroyed");
    Ticket { owner, slot }
}

/// Takes the entry of `ticket` out of the registry, so that the caller drops
/// the value itself, and frees the slot.
///
/// Must only be called on the owner thread while `current_state() ==
/// ticket.owner`: then the registry is alive (its destructor sets TEARDOWN
/// before anything else) and the slot still holds this ticket's entry (only
/// the ticket's own `Sticky` ever empties it, and it does so once).
pub(super) fn unregister(ticket: Ticket) {
    debug_assert_eq!(current_state(), ticket.owner);
    REGISTRY.with(|registry| {
        let mut slots = registry.slots.borrow_mut();
        let entry = slots.entries[ticket.slot].take();
        debug_assert!(entry.is_some(), "a slot was emptied twice");
        slots.free.push(ticket.slot);
    });
}

impl Drop for Registry {
    fn drop(&mut self) {
        // First close the door: from now on no `Sticky` of this thread
        // passes its ownership check, so none can hand out a reference to a
        // value we are about to drop, and none unregisters itself (a
        // `Sticky` dropped by a value's destructor below leaves its entry to
        // this loop).
        THREAD_STATE.with(|state| state.set(state.get() | TEARDOWN));
        let entries = core::mem::take(&mut self.slots.get_mut().entries);
        for entry in entries.into_iter().flatten() {
            // SAFETY:
            // - `ptr` came from `Box::into_raw` of the type `drop_box` was
            //   made for (see `Sticky::new`);
            // - each entry is dropped once: `unregister` took the entries of
            //   values already dropped, and `into_iter` yields each remaining
            //   entry once;
            // - no reference to the value is alive: references are handed
            //   out only while the ownership check passes (so not from here
            //   on), and each one is tied to a stack token borrowed in a frame
            //   of this thread. Thread-local destructors run one after another
            //   once the thread's main function has returned, so no such frame
            //   is still running code; the one way to start them from a live
            //   frame is `process::exit`, and that frame never runs again.
            unsafe { (entry.drop_box)(entry.ptr) };
        }
    }
}

/// Overwrites this thread's state word, so a test can simulate teardown.
#[cfg(test)]
pub(super) fn set_state_for_test(state: u64) {
    THREAD_STATE.with(|cell| cell.set(state));
}

/// A test-only view of the registry: how many values this thread holds.
#[cfg(test)]
pub(super) fn live_entries() -> usize {
    REGISTRY.with(|registry| registry.slots.borrow().entries.iter().flatten().count())
}
