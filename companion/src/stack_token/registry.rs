//! The per-thread registry behind [`Sticky`](super::Sticky): who owns which
//! value, the one-word thread state that makes the ownership check cheap, and
//! the count of live stack tokens that keeps the values alive while any token
//! could still reach them.
//!
//! Four thread-locals per thread. The first three have `const` initialisers
//! and no destructor, so they stay readable until the thread is gone, even
//! while other thread-local destructors run, and reading one is one load
//! from the thread's TLS block:
//!
//! * `THREAD_STATE`, a `Cell<u64>`. It holds 0 until the thread registers its
//!   first value, then a process-unique thread id, and that id with
//!   [`TEARDOWN`] set once the registry's destructor has run.
//! * `TOKENS`, a `Cell<usize>`: how many [`StackToken`](super::StackToken)s
//!   of this thread are alive, plus [`PENDING`] while a teardown waits for
//!   them. `stack_token!` adds one, the token's `Drop` takes it away.
//! * `DEFERRED`, the values of a teardown that is waiting for the last token.
//! * `REGISTRY`, the values themselves (type-erased boxes). Its destructor
//!   runs when the thread's thread-local storage is torn down: it sets
//!   [`TEARDOWN`], then drops every value still registered, on this thread,
//!   exactly once, but only when no token of the thread is alive. Otherwise
//!   it hands the values to `DEFERRED`, and the last token's `Drop` drops them.
//!
//! A `Sticky` remembers the id of the thread that created it. "Am I on the
//! owner thread, and are its values still alive?" is then one comparison:
//! `THREAD_STATE == owner`. It fails on every other thread (ids are never
//! reused) and on the owner thread once teardown has begun (the bit differs).
//!
//! # Why the registry waits for tokens
//!
//! Every reference that `Sticky::get` hands out is tied to the borrow of a
//! live token, so while no token of the thread is alive, no such reference
//! exists. The converse is what an earlier design got wrong: a token is not
//! always a slot of a running stack frame. In an `async` block a token and a
//! reference from it become fields of the future, and the future can outlive
//! the frame that made it: boxed into another thread-local whose destructor
//! polls or drops it after this registry's, or leaked. `process::exit` runs
//! the registry's destructor while the frame that called it still holds its
//! tokens, and scoped threads still hold references. Counting tokens covers
//! all of these with one rule: teardown frees nothing while a token lives. A
//! token that is never dropped (leaked with its future) keeps the values
//! forever, which is a leak, and leaks are safe.

use core::cell::{Cell, RefCell};
use core::ptr::NonNull;
use core::sync::atomic::{AtomicU64, Ordering};

/// Set in `THREAD_STATE` when the registry of this thread starts its
/// teardown. No id ever has this bit, so no owner matches after that point.
pub(super) const TEARDOWN: u64 = 1 << 63;

/// Set in `TOKENS` while a teardown waits for the thread's last token. The
/// count of live tokens is in the other bits.
const PENDING: usize = 1 << (usize::BITS - 1);

/// The values of a teardown that waits for the last token: the registry's
/// slots, moved out of the registry when it was destroyed.
type Deferred = Vec<Option<Entry>>;

thread_local! {
    static THREAD_STATE: Cell<u64> = const { Cell::new(0) };
    static TOKENS: Cell<usize> = const { Cell::new(0) };
    static DEFERRED: Cell<Option<NonNull<Deferred>>> = const { Cell::new(None) };
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

/// Counts a new token of this thread. Called by `StackToken::__new_unchecked`
/// only.
#[inline(always)]
pub(super) fn token_created() {
    TOKENS.with(|tokens| {
        let count = tokens.get();
        // Unreachable in practice (it takes 2^63 tokens kept alive or
        // forgotten), but a count that wrapped into PENDING would let a
        // teardown free values a live token still reaches: abort, because a
        // caught panic would leave the count where it is.
        if count & !PENDING == !PENDING {
            std::process::abort();
        }
        tokens.set(count + 1);
    });
}

/// Uncounts a token of this thread; if it was the last one and a teardown is
/// waiting, runs that teardown now. Called by `Drop for StackToken` only.
#[inline(always)]
pub(super) fn token_dropped() {
    TOKENS.with(|tokens| {
        let count = tokens.get();
        // Unreachable unless a token's `Drop` runs on a thread that did not
        // count it, which only an unsound `Send` impl elsewhere (a stackful
        // coroutine moved between threads) can cause. The count would then
        // be wrong on both threads: abort rather than let it wrap.
        if count & !PENDING == 0 {
            std::process::abort();
        }
        tokens.set(count - 1);
        if count - 1 == PENDING {
            run_deferred_teardown(tokens);
        }
    });
}

/// The teardown that waited for the last token: drops the values that the
/// registry's destructor handed to `DEFERRED`.
#[cold]
#[inline(never)]
fn run_deferred_teardown(tokens: &Cell<usize>) {
    // Clear the flag and take the values before dropping any of them, so
    // that a token made and dropped by one of their destructors finds
    // nothing left to run.
    tokens.set(0);
    if let Some(deferred) = DEFERRED.with(Cell::take) {
        // SAFETY:
        // - `deferred` came from `Box::into_raw` in `Drop for Registry`, and
        //   `Cell::take` left `None` behind, so it is rebuilt exactly once.
        drop_entries(*unsafe { Box::from_raw(deferred.as_ptr()) });
    }
}

/// Drops every value of a torn-down registry, once each.
///
/// Called with `TEARDOWN` already set and no token of this thread alive.
fn drop_entries(entries: Deferred) {
    for entry in entries.into_iter().flatten() {
        // SAFETY:
        // - `ptr` came from `Box::into_raw` of the type `drop_box` was made
        //   for (see `Sticky::new`);
        // - each entry is dropped once: `unregister` took the entries of
        //   values already dropped, and `into_iter` yields each remaining
        //   entry once;
        // - no reference to the value is alive: references are handed out
        //   only while the ownership check passes, so not since TEARDOWN was
        //   set, and each one handed out before is tied to the borrow of a
        //   token of this thread (tokens are neither `Send` nor `Sync`), and
        //   no token of this thread is alive: the count is zero, and a token
        //   cannot be dropped while it is borrowed.
        unsafe { (entry.drop_box)(entry.ptr) };
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        // First close the door: from now on no `Sticky` of this thread
        // passes its ownership check, so none can hand out a new reference
        // to a value we are about to drop, and none unregisters itself (a
        // `Sticky` dropped by a value's destructor leaves its entry to us).
        THREAD_STATE.with(|state| state.set(state.get() | TEARDOWN));
        let entries = core::mem::take(&mut self.slots.get_mut().entries);
        let tokens = TOKENS.with(Cell::get);
        #[cfg(test)]
        TOKENS_AT_TEARDOWN.with(|seen| seen.set(Some(tokens)));
        if tokens == 0 {
            drop_entries(entries);
        } else {
            // A live token may still reach these values: a future holding a
            // token and a reference across `.await`, kept in a thread-local
            // that is destroyed after this one, or the frame that called
            // `process::exit`. Keep them until the last token is dropped.
            let deferred = NonNull::from(Box::leak(Box::new(entries)));
            DEFERRED.with(|slot| slot.set(Some(deferred)));
            TOKENS.with(|count| count.set(tokens | PENDING));
        }
    }
}

#[cfg(test)]
thread_local! {
    static TOKENS_AT_TEARDOWN: Cell<Option<usize>> = const { Cell::new(None) };
}

/// How many tokens of this thread were alive when its registry's destructor
/// ran, for tests: under a design that freed the values right there, each
/// of those tokens could still have reached a freed value.
#[cfg(test)]
pub(super) fn tokens_at_teardown() -> Option<usize> {
    TOKENS_AT_TEARDOWN.with(Cell::get)
}

/// How many tokens of this thread are alive, for tests.
#[cfg(test)]
pub(super) fn live_tokens() -> usize {
    TOKENS.with(Cell::get) & !PENDING
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
