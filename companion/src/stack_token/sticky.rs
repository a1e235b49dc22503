//! `Sticky<T>`: a value that stays on the thread that created it.

use core::fmt;
use core::marker::PhantomData;
use core::ptr::NonNull;

use super::StackToken;
use super::registry::{self, Entry, TEARDOWN, Ticket};

/// A value bound to the thread that created it, in a wrapper that is `Send`
/// and `Sync` whatever `T` is.
///
/// The value is boxed and registered with its thread. The `Sticky` itself is
/// only a handle, so it can travel in structures that demand `Send + Sync`
/// (errors, futures, channels) while the value never leaves its thread:
///
/// * On the creating thread, [`get`](Sticky::get) and
///   [`get_mut`](Sticky::get_mut) give references whose lifetime is tied to
///   a [`StackToken`], so they cannot outlive the token, and the thread
///   frees no value while one of its tokens is alive.
/// * On any other thread, access panics, or returns [`StickyError`] through
///   [`try_get`](Sticky::try_get) and [`try_get_mut`](Sticky::try_get_mut).
/// * Dropped on its own thread, the `Sticky` drops the value at once.
///   Dropped on another thread, it leaves the value where it is, and the
///   creating thread drops it when it exits, exactly once: when its
///   thread-local storage is destroyed, or, if a stack token of that thread
///   is still alive then (in a future kept in another thread-local, in the
///   frame that called `process::exit`), when the last such token is
///   dropped. A token that is never dropped leaks the value, never frees it
///   under a reference.
///
/// `T: 'static` is required because a value dropped elsewhere lives on until
/// its thread exits: a `Sticky` of a borrow would keep the borrow beyond its
/// end (fragile issue #15).
///
/// The ownership check is one thread-local load and one comparison, see
/// the `registry` module; `Sticky::get` costs about as much as reading a
/// `thread_local!` `Cell` (the book's "Measured" page has the numbers).
///
/// # Example
///
/// ```
/// use companion::stack_token::Sticky;
/// use std::rc::Rc;
///
/// // `Rc` is not `Send`, but the `Sticky` holding it is.
/// let shared = Sticky::new(Rc::new(5));
/// companion::stack_token!(token);
/// assert_eq!(**shared.get(token), 5);
///
/// std::thread::spawn(move || {
///     companion::stack_token!(token);
///     assert!(shared.try_get(token).is_err());
/// })
/// .join()
/// .unwrap();
/// ```
pub struct Sticky<T: 'static> {
    value: NonNull<T>,
    ticket: Ticket,
    // The `Sticky` owns a `T` for the drop checker's purposes.
    _owns: PhantomData<T>,
}

// SAFETY:
// - the `T` never moves to another thread: it is boxed on the creating thread
//   and only dropped there (by `Drop` below after the ownership check, or by
//   the registry's thread-local destructor);
// - a `Sticky` on another thread can do nothing with the value: every access
//   checks `is_valid` first, and `Drop` does nothing when the check fails.
unsafe impl<T: 'static> Send for Sticky<T> {}

// SAFETY:
// - `&Sticky<T>` on another thread only reaches `get`/`try_get`/`is_valid`,
//   which refuse to touch the value off its thread, so a `T` that is not
//   `Sync` is never shared between threads.
unsafe impl<T: 'static> Sync for Sticky<T> {}

/// Why a [`Sticky`] refused access to its value.
///
/// # Example
///
/// ```
/// use companion::stack_token::{Sticky, StickyError};
///
/// let sticky = std::thread::spawn(|| Sticky::new(1)).join().unwrap();
/// companion::stack_token!(token);
/// assert_eq!(sticky.try_get(token).unwrap_err(), StickyError::OtherThread);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StickyError {
    /// The access came from a thread other than the one that created the
    /// value.
    OtherThread,
    /// The access came from the value's own thread, but its thread-local
    /// storage is being destroyed, and the value may already be gone.
    TearingDown,
}

impl fmt::Display for StickyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            StickyError::OtherThread => {
                "Sticky value accessed from a thread other than the one that created it"
            }
            StickyError::TearingDown => {
                "Sticky value accessed while its thread's thread-local storage is being destroyed"
            }
        })
    }
}

impl std::error::Error for StickyError {}

/// Turns the pointer of a registry entry back into its box and drops it.
///
/// # Safety
///
/// `ptr` must come from `Box::<T>::into_raw` and not have been freed.
unsafe fn drop_box<T>(ptr: *mut ()) {
    // SAFETY:
    // - the caller guarantees `ptr` is a live `Box<T>` allocation, and the
    //   registry calls this once per entry.
    drop(unsafe { Box::from_raw(ptr.cast::<T>()) });
}

impl<T: 'static> Sticky<T> {
    /// Boxes `value` and binds it to the current thread.
    ///
    /// # Panics
    ///
    /// If called while this thread's thread-local storage is being
    /// destroyed after its registry has started dropping values: a value
    /// created then could never be dropped on its own thread.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::stack_token::Sticky;
    ///
    /// let sticky = Sticky::new(vec![1, 2, 3]);
    /// assert!(sticky.is_valid());
    /// ```
    pub fn new(value: T) -> Self {
        let owner = registry::current_id();
        let value = NonNull::from(Box::leak(Box::new(value)));
        let ticket = registry::register(
            owner,
            Entry {
                ptr: value.as_ptr().cast(),
                drop_box: drop_box::<T>,
            },
        );
        Sticky {
            value,
            ticket,
            _owns: PhantomData,
        }
    }

    /// Whether the value can be accessed from here: `true` on the creating
    /// thread until its thread-local storage starts being destroyed.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::stack_token::Sticky;
    ///
    /// let sticky = Sticky::new("here");
    /// assert!(sticky.is_valid());
    /// let elsewhere = std::thread::spawn(move || sticky.is_valid()).join().unwrap();
    /// assert!(!elsewhere);
    /// ```
    #[inline(always)]
    pub fn is_valid(&self) -> bool {
        registry::current_state() == self.ticket.owner
    }

    /// Borrows the value for as long as both `self` and the token are
    /// borrowed.
    ///
    /// # Panics
    ///
    /// On a thread other than the one that created the value, or while that
    /// thread's thread-local storage is being destroyed. Use
    /// [`try_get`](Sticky::try_get) to get an error instead.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::stack_token::Sticky;
    ///
    /// let name = Sticky::new(String::from("ferris"));
    /// companion::stack_token!(token);
    /// let borrowed: &String = name.get(token);
    /// assert_eq!(borrowed.len(), 6);
    /// ```
    #[inline(always)]
    #[track_caller]
    pub fn get<'s>(&'s self, _token: &'s StackToken) -> &'s T {
        if self.is_valid() {
            // SAFETY: see `value_is_live_for`.
            unsafe { self.value.as_ref() }
        } else {
            access_failed(self.error())
        }
    }

    /// Borrows the value mutably for as long as both `self` and the token
    /// are borrowed.
    ///
    /// # Panics
    ///
    /// As [`get`](Sticky::get).
    ///
    /// # Example
    ///
    /// ```
    /// use companion::stack_token::Sticky;
    ///
    /// let mut names = Sticky::new(vec!["ferris"]);
    /// companion::stack_token!(token);
    /// names.get_mut(token).push("corro");
    /// assert_eq!(names.get(token).len(), 2);
    /// ```
    #[inline(always)]
    #[track_caller]
    pub fn get_mut<'s>(&'s mut self, _token: &'s StackToken) -> &'s mut T {
        if self.is_valid() {
            // SAFETY: see `value_is_live_for`; in addition `&'s mut self`
            // is unique, and the registry never touches a value while a
            // token is alive, so this is the only reference to the value.
            unsafe { self.value.as_mut() }
        } else {
            access_failed(self.error())
        }
    }

    /// Borrows the value, or says why not.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::stack_token::{Sticky, StickyError};
    ///
    /// let here = Sticky::new(7);
    /// let there = std::thread::spawn(|| Sticky::new(8)).join().unwrap();
    /// companion::stack_token!(token);
    /// assert_eq!(here.try_get(token), Ok(&7));
    /// assert_eq!(there.try_get(token), Err(StickyError::OtherThread));
    /// ```
    #[inline]
    pub fn try_get<'s>(&'s self, _token: &'s StackToken) -> Result<&'s T, StickyError> {
        if self.is_valid() {
            // SAFETY: see `value_is_live_for`.
            Ok(unsafe { self.value.as_ref() })
        } else {
            Err(self.error())
        }
    }

    /// Borrows the value mutably, or says why not.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::stack_token::Sticky;
    ///
    /// let mut count = Sticky::new(0);
    /// companion::stack_token!(token);
    /// if let Ok(count) = count.try_get_mut(token) {
    ///     *count += 1;
    /// }
    /// assert_eq!(*count.get(token), 1);
    /// ```
    #[inline]
    pub fn try_get_mut<'s>(&'s mut self, _token: &'s StackToken) -> Result<&'s mut T, StickyError> {
        if self.is_valid() {
            // SAFETY: as in `get_mut`.
            Ok(unsafe { self.value.as_mut() })
        } else {
            Err(self.error())
        }
    }

    /// Why `is_valid` is false. Only called after it was.
    #[cold]
    fn error(&self) -> StickyError {
        if registry::current_state() == self.ticket.owner | TEARDOWN {
            StickyError::TearingDown
        } else {
            StickyError::OtherThread
        }
    }
}

// The one safety argument behind `get`, `get_mut`, `try_get`, `try_get_mut`:
//
// `value_is_live_for`: when `is_valid()` holds and the caller holds
// `&'s StackToken`, the value is alive and stays alive for `'s`.
// - `is_valid()` means this is the owner thread and its registry has not
//   started teardown, so the value has not been dropped by the registry; it
//   has not been dropped by `Drop for Sticky` either, since that needs the
//   `Sticky` by value and we hold `&'s self`.
// - During `'s` the value cannot be dropped. `Drop for Sticky` needs the
//   borrow of `self` to end first. The registry's teardown may start during
//   `'s` (the token and the reference may sit in a future that outlives its
//   frame, or the thread may call `process::exit`), but it drops nothing
//   while a token of this thread is alive, and the token borrowed for `'s`
//   is alive and counted: it cannot be dropped while borrowed, and it is
//   neither `Send` nor `Sync`, so it belongs to this thread's count. If it is
//   never dropped (leaked with its future), the value is never dropped.
// - A shared `&T` may exist on this thread only (the check failed
//   everywhere else), or in a scoped thread when `T: Sync`, for at most
//   `'s`, during which the value is alive by the point above.
// `'s` is never `'static` (the token is a local), which is what stops the
// leak that fragile issue #26 described for a `get(&self) -> &T`.

/// Panics with the message of `error`, reporting the caller's location.
#[cold]
#[inline(never)]
#[track_caller]
fn access_failed(error: StickyError) -> ! {
    panic!("{error}")
}

impl<T: 'static> Drop for Sticky<T> {
    fn drop(&mut self) {
        if self.is_valid() {
            registry::unregister(self.ticket);
            // SAFETY:
            // - the check passed, so the registry has not dropped the value
            //   (it sets TEARDOWN before dropping anything) and, having just
            //   been unregistered, never will;
            // - `value` came from `Box::leak` in `new`, and this `Drop` runs
            //   once, so the box is rebuilt and freed exactly once;
            // - no reference to the value is alive: all are tied to borrows
            //   of `self`, which have ended.
            drop(unsafe { Box::from_raw(self.value.as_ptr()) });
        }
        // Otherwise the value is not ours to touch: its own thread's
        // registry drops it when that thread exits (or is already doing so).
    }
}

/// Shows the value on its own thread, and `Sticky(<other thread>)` or
/// `Sticky(<tearing down>)` elsewhere.
///
/// # Example
///
/// ```
/// use companion::stack_token::Sticky;
///
/// assert_eq!(format!("{:?}", Sticky::new(3)), "Sticky(3)");
/// ```
impl<T: fmt::Debug + 'static> fmt::Debug for Sticky<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::stack_token!(token);
        match self.try_get(token) {
            Ok(value) => f.debug_tuple("Sticky").field(value).finish(),
            Err(StickyError::OtherThread) => f.write_str("Sticky(<other thread>)"),
            Err(StickyError::TearingDown) => f.write_str("Sticky(<tearing down>)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Sticky, StickyError};
    use crate::stack_token::registry;
    use crate::testing::DropCounter;
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;
    use std::sync::mpsc;
    use std::sync::{Arc, Mutex, OnceLock};
    use std::thread::{self, ThreadId};

    /// Records the thread on which it is dropped, in a log that other
    /// threads can read (`DropCounter` is `Rc`-based, so it cannot report
    /// across threads).
    struct DropLog(Arc<Mutex<Vec<ThreadId>>>);

    impl Drop for DropLog {
        fn drop(&mut self) {
            self.0.lock().unwrap().push(thread::current().id());
        }
    }

    fn new_log() -> Arc<Mutex<Vec<ThreadId>>> {
        Arc::new(Mutex::new(Vec::new()))
    }

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn sticky_is_send_and_sync_even_for_rc() {
        assert_send_sync::<Sticky<Rc<Cell<u8>>>>();
    }

    #[test]
    fn get_and_get_mut_reach_the_value() {
        let mut sticky = Sticky::new(String::from("a"));
        crate::stack_token!(token);
        sticky.get_mut(token).push('b');
        assert_eq!(sticky.get(token), "ab");
        assert_eq!(sticky.try_get(token).map(String::len), Ok(2));
        sticky.try_get_mut(token).unwrap().push('c');
        assert_eq!(sticky.get(token), "abc");
    }

    #[test]
    fn other_thread_gets_an_error_that_names_the_rule() {
        let mut sticky = thread::spawn(|| Sticky::new(1)).join().unwrap();
        crate::stack_token!(token);
        assert!(!sticky.is_valid());
        assert_eq!(sticky.try_get(token), Err(StickyError::OtherThread));
        assert_eq!(sticky.try_get_mut(token), Err(StickyError::OtherThread));
        assert_eq!(
            StickyError::OtherThread.to_string(),
            "Sticky value accessed from a thread other than the one that created it"
        );
        assert_eq!(format!("{sticky:?}"), "Sticky(<other thread>)");
    }

    #[test]
    #[should_panic(expected = "accessed from a thread other than the one that created it")]
    fn get_on_another_thread_panics() {
        let sticky = thread::spawn(|| Sticky::new(1)).join().unwrap();
        crate::stack_token!(token);
        let _ = sticky.get(token);
    }

    #[test]
    #[should_panic(expected = "accessed from a thread other than the one that created it")]
    fn get_mut_on_another_thread_panics() {
        let mut sticky = thread::spawn(|| Sticky::new(1)).join().unwrap();
        crate::stack_token!(token);
        let _ = sticky.get_mut(token);
    }

    #[test]
    fn values_of_two_threads_are_told_apart() {
        // Each thread's first Sticky gives it a fresh id, so a Sticky of a
        // finished thread never becomes valid on a new thread.
        let first = thread::spawn(|| Sticky::new(1)).join().unwrap();
        let second = thread::spawn(|| Sticky::new(2)).join().unwrap();
        let checks = thread::spawn(move || (first.is_valid(), second.is_valid()))
            .join()
            .unwrap();
        assert_eq!(checks, (false, false));
    }

    #[test]
    fn drops_on_its_own_thread_at_once() {
        let drops = Rc::new(Cell::new(0));
        let before = registry::live_entries();
        let sticky = Sticky::new(DropCounter(drops.clone()));
        assert_eq!(registry::live_entries(), before + 1);
        drop(sticky);
        assert_eq!(drops.get(), 1);
        assert_eq!(registry::live_entries(), before);
    }

    #[test]
    fn drops_reuse_freed_slots() {
        let drops = Rc::new(Cell::new(0));
        let before = registry::live_entries();
        for _ in 0..100 {
            drop(Sticky::new(DropCounter(drops.clone())));
        }
        let kept: Vec<_> = (0..3)
            .map(|_| Sticky::new(DropCounter(drops.clone())))
            .collect();
        assert_eq!(registry::live_entries(), before + 3);
        drop(kept);
        assert_eq!(drops.get(), 103);
        assert_eq!(registry::live_entries(), before);
    }

    #[test]
    fn drops_on_the_owner_thread_when_it_exits_after_a_drop_elsewhere() {
        let log = new_log();
        let (to_test, from_owner) = mpsc::channel();
        let (release_owner, owner_waits) = mpsc::channel::<()>();
        let owner_log = log.clone();
        let owner = thread::spawn(move || {
            to_test.send(Sticky::new(DropLog(owner_log))).unwrap();
            owner_waits.recv().unwrap();
            thread::current().id()
        });
        let sticky = from_owner.recv().unwrap();
        drop(sticky); // on the test thread: the value must stay where it is
        assert!(
            log.lock().unwrap().is_empty(),
            "dropped on the wrong thread"
        );
        release_owner.send(()).unwrap();
        let owner_id = owner.join().unwrap();
        assert_eq!(
            *log.lock().unwrap(),
            [owner_id],
            "dropped once, on its owner"
        );
    }

    #[test]
    fn drops_at_owner_exit_while_the_sticky_lives_elsewhere() {
        let log = new_log();
        let owner_log = log.clone();
        let owner =
            thread::spawn(move || (Sticky::new(DropLog(owner_log)), thread::current().id()));
        let (sticky, owner_id) = owner.join().unwrap();
        assert_eq!(*log.lock().unwrap(), [owner_id]);
        crate::stack_token!(token);
        assert_eq!(sticky.try_get(token).err(), Some(StickyError::OtherThread));
        drop(sticky); // a handle to a value already gone: nothing happens
        assert_eq!(log.lock().unwrap().len(), 1);
    }

    #[test]
    fn drops_values_behind_static_and_forgotten_handles_at_thread_exit() {
        let log = new_log();
        let owner_log = log.clone();
        let owner_id = thread::spawn(move || {
            // A `static` is the other way to a `&'static Sticky` (fragile
            // issue #26 names both); unlike `Box::leak` it leaks no memory
            // that Miri would report.
            static FOREVER: OnceLock<Sticky<DropLog>> = OnceLock::new();
            let leaked: &'static Sticky<DropLog> =
                FOREVER.get_or_init(|| Sticky::new(DropLog(owner_log.clone())));
            crate::stack_token!(token);
            assert!(leaked.try_get(token).is_ok());
            std::mem::forget(Sticky::new(DropLog(owner_log)));
            thread::current().id()
        })
        .join()
        .unwrap();
        assert_eq!(*log.lock().unwrap(), [owner_id, owner_id]);
    }

    #[test]
    fn drops_nested_stickies_once_each_at_thread_exit() {
        let log = new_log();
        let owner_log = log.clone();
        let owner_id = thread::spawn(move || {
            let inner = Sticky::new(DropLog(owner_log.clone()));
            let outer = Sticky::new((inner, DropLog(owner_log)));
            // The outer value's destructor drops `inner` during teardown;
            // `inner` must leave its value to the registry loop, not free it.
            std::mem::forget(outer);
            thread::current().id()
        })
        .join()
        .unwrap();
        assert_eq!(*log.lock().unwrap(), [owner_id, owner_id]);
    }

    /// A thread-local whose destructor drops, and first tries to read, a
    /// `Sticky` of the same thread. `seen` records what the read saw: the
    /// number of drops so far, or the error.
    struct LateHolder {
        sticky: Option<Sticky<DropLog>>,
        log: Arc<Mutex<Vec<ThreadId>>>,
        seen: Arc<Mutex<Option<Result<usize, StickyError>>>>,
    }

    impl Drop for LateHolder {
        fn drop(&mut self) {
            crate::stack_token!(token);
            if let Some(sticky) = &self.sticky {
                // Record whether the value was already dropped when we read.
                let already_dropped = self.log.lock().unwrap().len();
                let read = sticky.try_get(token).map(|_| already_dropped);
                *self.seen.lock().unwrap() = Some(read);
            }
            drop(self.sticky.take());
        }
    }

    thread_local! {
        static LATE: RefCell<Option<LateHolder>> = const { RefCell::new(None) };
    }

    /// Runs a thread that stores a `Sticky` in `LATE`, initialising `LATE`
    /// before or after the thread's registry. Returns the drop log, the
    /// owner's id and what `LateHolder::drop` saw.
    fn run_late_holder(late_first: bool) -> (Vec<ThreadId>, ThreadId, Result<usize, StickyError>) {
        let log = new_log();
        let seen = Arc::new(Mutex::new(None));
        let (owner_log, owner_seen) = (log.clone(), seen.clone());
        let owner_id = thread::spawn(move || {
            if late_first {
                LATE.with(|_| ()); // registers LATE's destructor first
            }
            let sticky = Sticky::new(DropLog(owner_log.clone()));
            LATE.with(|late| {
                *late.borrow_mut() = Some(LateHolder {
                    sticky: Some(sticky),
                    log: owner_log,
                    seen: owner_seen,
                })
            });
            thread::current().id()
        })
        .join()
        .unwrap();
        let log = log.lock().unwrap().clone();
        let seen = seen.lock().unwrap().expect("LateHolder::drop ran");
        (log, owner_id, seen)
    }

    #[test]
    fn drops_once_when_a_thread_local_destructor_drops_the_sticky() {
        for late_first in [false, true] {
            let (log, owner_id, seen) = run_late_holder(late_first);
            assert_eq!(log, [owner_id], "exactly one drop, on the owner thread");
            match seen {
                // The registry was still open: the value was alive to read.
                Ok(drops_before_read) => assert_eq!(drops_before_read, 0),
                // The registry had begun its teardown: the read was refused.
                Err(error) => assert_eq!(error, StickyError::TearingDown),
            }
        }
    }

    #[test]
    fn new_refuses_to_register_during_teardown() {
        let message = thread::spawn(|| {
            let _first = Sticky::new(0); // gives this thread an id
            let id = registry::current_state();
            registry::set_state_for_test(id | registry::TEARDOWN);
            let result = std::panic::catch_unwind(|| Sticky::new(1));
            registry::set_state_for_test(id);
            *result.unwrap_err().downcast::<&'static str>().unwrap()
        })
        .join()
        .unwrap();
        assert!(
            message.contains("thread-local storage is being destroyed"),
            "{message}"
        );
    }

    /// What an API without a stack token would look like: `get(&self) ->
    /// &T`, as fragile 1.x had it. It type-checks, and that is the problem.
    fn unscoped_get<T>(sticky: &Sticky<T>) -> &T {
        crate::stack_token!(token);
        let scoped: &T = sticky.get(token);
        // SAFETY: deliberately not sound in general; this is the signature
        // fragile issue #26 reported. The only caller below never reads
        // through the result: it turns it into an address at once and only
        // compares that address, so no dangling reference is dereferenced.
        unsafe { &*(scoped as *const T) }
    }

    #[test]
    fn old_style_get_hands_out_a_static_reference_that_dangles() {
        let log = new_log();
        let owner_log = log.clone();
        let address = thread::spawn(move || {
            static FOREVER: OnceLock<Sticky<DropLog>> = OnceLock::new();
            let leaked: &'static Sticky<DropLog> =
                FOREVER.get_or_init(|| Sticky::new(DropLog(owner_log)));
            // The type checker accepts a `&'static` into thread-bound data.
            let forever: &'static DropLog = unscoped_get(leaked);
            forever as *const DropLog as usize
        })
        .join()
        .unwrap();
        // The thread is gone, and so is the value the `&'static` pointed to:
        // a reference that claims to be valid forever outlived its target.
        assert_ne!(address, 0);
        assert_eq!(log.lock().unwrap().len(), 1);
    }
}
