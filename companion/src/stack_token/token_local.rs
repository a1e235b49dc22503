//! Thread locals without closures: `KEY.get(token)` instead of
//! `KEY.with(|value| ...)`, for thread-locals declared with
//! [`token_local!`](crate::token_local!).
//!
//! `LocalKey::with` lends the value to a closure, and no closure call can
//! last across an `.await`. A reference tied to a stack token can: the token
//! and the reference may become fields of a future that outlives the frame
//! that made them, and be read from another thread-local's destructor, or
//! while the same thread-local is being initialised. Two things std does to a
//! thread-local's value would then pull it from under the reference:
//!
//! * it destroys the value at thread exit, whatever tokens are alive;
//! * when a lazy initialiser reads its own key, std initialises the key
//!   again from inside and then writes the outer result over the inner value.
//!
//! Nothing we write can make std wait for a token, so a [`TokenLocal`] is a
//! thread-local to which neither can happen: its value has no drop glue
//! ([`NoDropGlue`]), so std registers no destructor, and its initialiser is a
//! `const` block, so no initialiser ever runs. `token_local!` declares the
//! `thread_local!` (std's own, reached through `$crate` so that no caller can
//! substitute another) and wraps it, and refuses anything else at compile
//! time.

use core::cell::{Cell, OnceCell, RefCell};
use core::marker::PhantomData;
use core::mem::needs_drop;
use core::num::Wrapping;
use core::sync::atomic::{
    AtomicBool, AtomicI8, AtomicI16, AtomicI32, AtomicI64, AtomicIsize, AtomicU8, AtomicU16,
    AtomicU32, AtomicU64, AtomicUsize,
};
use core::time::Duration;
use std::cell::{Ref, RefMut};
use std::thread::LocalKey;

use super::StackToken;

/// Types that have no drop glue: dropping one runs no code, so std never
/// registers a destructor for a `thread_local!` of this type, and its value
/// stays where it is until the thread itself is gone.
///
/// [`token_local!`](crate::token_local!) declares only such thread-locals.
/// The trait is implemented for the primitive types, `&'static` references,
/// `Cell`, `RefCell`, `OnceCell`, `Option`, arrays and small tuples of such
/// types, atomics, `Wrapping`, `Duration` and `PhantomData`. You may
/// implement it for a type of your own whose fields all have no drop glue;
/// the promise is checked when your program is built (`needs_drop` is
/// evaluated at compile time), so implementing it for a type with a
/// destructor is a build error, never a dangling reference.
///
/// # Example
///
/// ```
/// use companion::stack_token::NoDropGlue;
/// use std::cell::Cell;
///
/// #[derive(Clone, Copy)]
/// struct Limits {
///     low: u32,
///     high: u32,
/// }
///
/// impl NoDropGlue for Limits {}
///
/// companion::token_local!(static LIMITS: Cell<Limits> = const { Cell::new(Limits { low: 1, high: 9 }) });
///
/// companion::stack_token!(token);
/// let limits = LIMITS.get(token).get();
/// assert_eq!(limits.high - limits.low, 8);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` has a destructor, so a stack token cannot lend it out of a thread-local",
    label = "std destroys this thread-local at thread exit, even while a token is alive",
    note = "`token_local!` declares only thread-locals whose value has no drop glue (`NoDropGlue`)",
    note = "use `thread_local!` and `LocalKey::with` for this one, or hold the value in a `Sticky` instead of a thread-local: its registry waits for the last token"
)]
pub trait NoDropGlue {}

macro_rules! no_drop_glue {
    ($($ty:ty),* $(,)?) => { $(impl NoDropGlue for $ty {})* };
}

no_drop_glue!(
    (), bool, char, u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize, f32, f64,
    AtomicBool, AtomicU8, AtomicU16, AtomicU32, AtomicU64, AtomicUsize, AtomicI8, AtomicI16,
    AtomicI32, AtomicI64, AtomicIsize, Duration,
);

impl<T: ?Sized + 'static> NoDropGlue for &'static T {}
impl<T: NoDropGlue> NoDropGlue for Cell<T> {}
impl<T: NoDropGlue> NoDropGlue for RefCell<T> {}
impl<T: NoDropGlue> NoDropGlue for OnceCell<T> {}
impl<T: NoDropGlue> NoDropGlue for Option<T> {}
impl<T: NoDropGlue> NoDropGlue for Wrapping<T> {}
impl<T: NoDropGlue, const N: usize> NoDropGlue for [T; N] {}
impl<T: ?Sized> NoDropGlue for PhantomData<T> {}
impl<A: NoDropGlue, B: NoDropGlue> NoDropGlue for (A, B) {}
impl<A: NoDropGlue, B: NoDropGlue, C: NoDropGlue> NoDropGlue for (A, B, C) {}
impl<A: NoDropGlue, B: NoDropGlue, C: NoDropGlue, D: NoDropGlue> NoDropGlue for (A, B, C, D) {}

/// Refuses to build a program that declares a token-local with drop glue,
/// whatever `NoDropGlue` impls claim.
#[inline(always)]
const fn assert_no_drop_glue<T>() {
    assert!(
        !needs_drop::<T>(),
        "a stack token cannot lend out a thread-local whose value has a destructor: \
         `NoDropGlue` was implemented for a type that needs drop"
    );
}

/// A thread-local that stack tokens can lend out without a closure. Declare
/// one with [`token_local!`](crate::token_local!).
///
/// The value has no drop glue and a `const` initialiser, so std never
/// destroys it and never initialises it twice: it stays where it is, as it
/// is, until the thread is gone. That is what lets [`get`](TokenLocal::get)
/// tie a reference to a token alone, across `.await`, in a leaked future, or
/// in a scoped thread while this thread calls `process::exit`.
///
/// # Example
///
/// ```
/// use std::cell::{Cell, RefCell};
///
/// companion::token_local! {
///     static GREETING: &'static str = const { "hello" };
///     static HITS: RefCell<[u32; 4]> = const { RefCell::new([0; 4]) };
///     static LIMIT: Cell<u32> = const { Cell::new(3) };
/// }
///
/// companion::stack_token!(token);
/// let greeting = GREETING.get(token); // no closures, no nesting
/// HITS.borrow_mut(token)[1] += 1;
/// LIMIT.get(token).set(4);
/// assert_eq!((*greeting, HITS.borrow(token)[1], LIMIT.get(token).get()), ("hello", 1, 4));
/// ```
pub struct TokenLocal<T: 'static> {
    key: &'static LocalKey<T>,
}

impl<T: NoDropGlue + 'static> TokenLocal<T> {
    /// Wraps a key. Used by [`token_local!`](crate::token_local!) only.
    ///
    /// # Safety
    ///
    /// `key` must have been declared with a `const` initialiser. A lazy
    /// initialiser that reads its own key makes std initialise it twice and
    /// write over the value that a token's reference may still point at.
    #[doc(hidden)]
    #[must_use]
    pub const unsafe fn __new_unchecked(key: &'static LocalKey<T>) -> Self {
        const { assert_no_drop_glue::<T>() };
        TokenLocal { key }
    }

    /// Borrows this thread's value for as long as the token is borrowed.
    ///
    /// # Example
    ///
    /// ```
    /// companion::token_local!(static LIMITS: [u32; 2] = const { [10, 20] });
    ///
    /// companion::stack_token!(token);
    /// assert_eq!(LIMITS.get(token).iter().sum::<u32>(), 30);
    /// ```
    #[inline]
    pub fn get<'s>(&'static self, _token: &'s StackToken) -> &'s T {
        let value: *const T = self.key.with(|value| value as *const T);
        // SAFETY:
        // - `with` returned, so this thread's value exists. `T` has no drop
        //   glue (the bound, and the `const` assertion in `__new_unchecked`),
        //   so `thread_local!` registered no destructor for it and std never
        //   destroys it; the key has a `const` initialiser (the contract of
        //   `__new_unchecked`, which only `token_local!` calls), so no
        //   initialiser runs, none can re-enter, and std never writes over
        //   the value. std hands out no `&mut` to it either;
        // - the value does not move: std keeps it in place in the thread's
        //   thread-local storage (the address of a thread-local is stable;
        //   std documents no guarantee, members of the Rust project confirmed
        //   the behaviour in unsafe-code-guidelines issue #541, and `with`
        //   handing out `&T` would be unsound otherwise), and that storage
        //   is native thread-local storage, freed only when the thread is
        //   gone (the module exists only on such targets, see `build.rs`);
        // - the reference cannot outlive the thread: `'s` is the borrow of a
        //   token, a local that cannot be `'static` and is not `Send`, so the
        //   reference stays with code of this thread, in a frame, in a future
        //   only this thread can poll (the token makes it `!Send`), or in a
        //   scoped thread joined before the token's borrow ends. After a
        //   `process::exit` on this thread, destructors run but none is
        //   registered for this value, and the storage is not freed before
        //   the process ends;
        // - `&T` where `T: !Sync` cannot leave the thread.
        unsafe { &*value }
    }

    /// The std key behind this token-local, for std's own methods (`with`,
    /// and `set`, `take`, `replace` on a `Cell`).
    ///
    /// # Example
    ///
    /// ```
    /// use std::cell::Cell;
    ///
    /// companion::token_local!(static COUNT: Cell<u32> = const { Cell::new(1) });
    ///
    /// COUNT.key().set(5);
    /// assert_eq!(COUNT.key().with(Cell::get), 5);
    /// ```
    #[must_use]
    pub fn key(&self) -> &'static LocalKey<T> {
        self.key
    }
}

impl<T: NoDropGlue + 'static> TokenLocal<RefCell<T>> {
    /// Borrows the `RefCell` of this thread immutably, without a closure:
    /// std's own `with_borrow` takes one; this returns the guard, bound to
    /// the token.
    ///
    /// # Panics
    ///
    /// If the cell is mutably borrowed.
    ///
    /// # Example
    ///
    /// ```
    /// use std::cell::RefCell;
    ///
    /// companion::token_local!(static SEEN: RefCell<u32> = const { RefCell::new(3) });
    ///
    /// companion::stack_token!(token);
    /// assert_eq!(*SEEN.borrow(token), 3);
    /// ```
    #[inline]
    #[track_caller]
    pub fn borrow<'s>(&'static self, token: &'s StackToken) -> Ref<'s, T> {
        self.get(token).borrow()
    }

    /// Borrows the `RefCell` of this thread mutably.
    ///
    /// # Panics
    ///
    /// If the cell is already borrowed.
    ///
    /// # Example
    ///
    /// ```
    /// use std::cell::RefCell;
    ///
    /// companion::token_local!(static SEEN: RefCell<u32> = const { RefCell::new(0) });
    ///
    /// companion::stack_token!(token);
    /// *SEEN.borrow_mut(token) += 1;
    /// assert_eq!(*SEEN.borrow(token), 1);
    /// ```
    #[inline]
    #[track_caller]
    pub fn borrow_mut<'s>(&'static self, token: &'s StackToken) -> RefMut<'s, T> {
        self.get(token).borrow_mut()
    }
}

/// Declares thread-locals that stack tokens can lend out:
/// `KEY.get(token)` instead of `KEY.with(|value| ...)`.
///
/// The syntax is `thread_local!`'s, with two rules, both checked at compile
/// time:
///
/// * the initialiser is a `const { ... }` block, so it never runs as code and
///   can never run twice;
/// * the type has no drop glue ([`NoDropGlue`]): a `Cell`, a `RefCell` of
///   plain data, a `&'static` reference, an atomic, an array of those.
///
/// Each `static NAME: T` becomes a `static NAME: TokenLocal<T>`, backed by a
/// hidden `thread_local!`.
///
/// # Example
///
/// ```
/// use std::cell::RefCell;
///
/// companion::token_local! {
///     static SEPARATOR: &'static str = const { ", " };
///     static WORDS: RefCell<[&'static str; 2]> = const { RefCell::new(["", ""]) };
/// }
///
/// companion::stack_token!(token);
/// *WORDS.borrow_mut(token) = ["stack", "tokens"];
/// assert_eq!(WORDS.borrow(token).join(SEPARATOR.get(token)), "stack, tokens");
/// ```
#[macro_export]
macro_rules! token_local {
    () => {};
    ($(#[$attr:meta])* $vis:vis static $name:ident: $t:ty = const { $init:expr }; $($rest:tt)*) => {
        // The attributes see the static with its initialiser still an
        // unexpanded macro call: an attribute macro could rewrite the tokens
        // of an expanded `const { ... }` (drop the `const`) and leave the
        // `unsafe` block below in place. The helper adds both itself.
        $(#[$attr])*
        $vis static $name: $crate::stack_token::TokenLocal<$t> =
            $crate::__token_local_key!($t, $init);
        $crate::token_local!($($rest)*);
    };
    ($(#[$attr:meta])* $vis:vis static $name:ident: $t:ty = const { $init:expr }) => {
        $crate::token_local!($(#[$attr])* $vis static $name: $t = const { $init };);
    };
    ($(#[$attr:meta])* $vis:vis static $name:ident: $t:ty = $init:expr $(; $($rest:tt)*)?) => {
        $crate::stack_token::__compile_error!(
            "token_local! needs a `const { ... }` initialiser: a lazy initialiser can run again \
             when it reads its own key, and std then writes over the value a token's reference points at"
        );
    };
}

/// The initialiser of a [`token_local!`](crate::token_local!) static: declares
/// the hidden key with a `const` initialiser and wraps it. Not for direct
/// use; whatever `$init` is, it is evaluated at compile time.
#[doc(hidden)]
#[macro_export]
macro_rules! __token_local_key {
    ($t:ty, $init:expr) => {{
        // `$crate`, not `::std`: a caller can rename another crate (or
        // itself) to `std` with `extern crate ... as std;`, and a path in a
        // macro's expansion resolves where the macro is called.
        $crate::stack_token::__thread_local!(static KEY: $t = const { $init });
        // SAFETY:
        // - `KEY` was declared just above, by std's own `thread_local!`
        //   reached through `$crate`, with a `const` initialiser, as
        //   `__new_unchecked` requires: these tokens come from this macro,
        //   which no attribute of the caller's sees before expansion. The
        //   initialiser may name `KEY` (say, to take its address), but it is
        //   evaluated at compile time, so it never runs as code.
        unsafe { $crate::stack_token::TokenLocal::__new_unchecked(&KEY) }
    }};
}

#[cfg(test)]
mod tests {
    use crate::testing::yield_once;
    use std::cell::{Cell, RefCell};
    use std::sync::{Arc, Mutex};
    use std::task::{Context, Waker};
    use std::thread;

    crate::token_local! {
        static WORD: &'static str = const { "token" };
        static COUNT: Cell<u32> = const { Cell::new(0) };
        static LIST: RefCell<[u32; 3]> = const { RefCell::new([0; 3]) };
    }

    #[test]
    fn get_returns_the_threads_own_value_without_copying() {
        crate::stack_token!(token);
        let word: &&str = WORD.get(token);
        let address = WORD.key().with(|word| word as *const &str);
        assert!(std::ptr::eq(word, address));
        assert_eq!(word.len(), 5);
    }

    #[test]
    fn a_cell_is_lent_as_the_cell_itself() {
        crate::stack_token!(token);
        COUNT.key().set(4);
        let cell: &Cell<u32> = COUNT.get(token);
        cell.set(cell.get() + 1);
        assert_eq!(COUNT.key().get(), 5);
    }

    #[test]
    fn refcell_guards_replace_nested_closures() {
        crate::stack_token!(token);
        LIST.borrow_mut(token).copy_from_slice(&[1, 2, 3]);
        let list = LIST.borrow(token);
        let word = WORD.get(token);
        assert_eq!((list.iter().sum::<u32>(), word.len()), (6, 5));
    }

    #[test]
    #[should_panic(expected = "already borrowed")]
    fn refcell_rules_still_apply() {
        crate::stack_token!(token);
        let _reading = LIST.borrow(token);
        let _writing = LIST.borrow_mut(token);
    }

    #[test]
    fn each_thread_sees_its_own_value() {
        crate::stack_token!(token);
        LIST.borrow_mut(token)[0] = 1;
        let other = thread::spawn(|| {
            crate::stack_token!(token);
            LIST.borrow(token)[0]
        })
        .join()
        .unwrap();
        assert_eq!(other, 0);
    }

    /// Why `token_local!` takes `const` initialisers only: std runs a lazy
    /// initialiser that reads its own key twice, and the outer value replaces
    /// the inner one. A reference from `with` cannot see the inner value
    /// again; one tied to a token, kept in a future, could.
    #[test]
    fn std_initialises_a_lazy_key_twice_when_its_initialiser_reads_it() {
        thread_local! {
            static RUNS: Cell<u32> = const { Cell::new(0) };
            static LAZY: u32 = first_use();
        }
        fn first_use() -> u32 {
            let run = RUNS.with(|runs| {
                runs.set(runs.get() + 1);
                runs.get()
            });
            if run == 1 {
                // The outer initialisation reads its own key: std starts an
                // inner one, which stores 2 and hands out a reference to it.
                assert_eq!(LAZY.with(|inner| *inner), 2);
                1
            } else {
                2
            }
        }
        let outer = thread::spawn(|| (LAZY.with(|value| *value), RUNS.with(Cell::get)))
            .join()
            .unwrap();
        assert_eq!(outer, (1, 2), "the outer value wrote over the inner one");
    }

    crate::token_local!(static TARGET: Cell<u64> = const { Cell::new(0) });

    /// Reads `TARGET` from the destructor of `PROBE`, in both destruction
    /// orders: a value without drop glue is never destroyed, so both reads
    /// see it.
    struct Probe(Arc<Mutex<Option<u64>>>);

    impl Drop for Probe {
        fn drop(&mut self) {
            crate::stack_token!(token);
            *self.0.lock().unwrap() = Some(TARGET.get(token).get());
        }
    }

    thread_local! {
        static PROBE: RefCell<Option<Probe>> = const { RefCell::new(None) };
    }

    #[test]
    fn a_value_without_drop_glue_outlives_every_destructor() {
        for target_first in [false, true] {
            let seen = Arc::new(Mutex::new(None));
            let probe_seen = seen.clone();
            thread::spawn(move || {
                if target_first {
                    TARGET.key().set(7);
                }
                PROBE.with(|probe| *probe.borrow_mut() = Some(Probe(probe_seen)));
                TARGET.key().set(7);
            })
            .join()
            .unwrap();
            assert_eq!(seen.lock().unwrap().take(), Some(7));
        }
    }

    /// A future that holds a token and a reference from it across a
    /// suspension point, the route by which a token outlives its frame.
    async fn reader(seen: Arc<Mutex<Vec<u64>>>) {
        crate::stack_token!(token);
        let cell: &Cell<u64> = TARGET.get(token);
        yield_once().await;
        seen.lock().unwrap().push(cell.get());
    }

    /// Keeps a half-run future in a thread-local and finishes it from that
    /// thread-local's destructor, after `TARGET` had every chance to die.
    struct FinishOnExit(RefCell<Option<std::pin::Pin<Box<dyn Future<Output = ()>>>>>);

    impl Drop for FinishOnExit {
        fn drop(&mut self) {
            if let Some(mut future) = self.0.borrow_mut().take() {
                let mut cx = Context::from_waker(Waker::noop());
                assert!(future.as_mut().poll(&mut cx).is_ready());
            }
        }
    }

    thread_local! {
        static PARKED: FinishOnExit = const { FinishOnExit(RefCell::new(None)) };
    }

    #[test]
    fn a_reference_held_across_await_is_read_after_other_destructors() {
        for parked_first in [true, false] {
            let seen = Arc::new(Mutex::new(Vec::new()));
            let reader_seen = seen.clone();
            thread::spawn(move || {
                if parked_first {
                    // Destroyed last: its destructor runs after TARGET's turn.
                    PARKED.with(|_| ());
                }
                TARGET.key().set(9);
                let mut future = Box::pin(reader(reader_seen));
                let mut cx = Context::from_waker(Waker::noop());
                assert!(future.as_mut().poll(&mut cx).is_pending());
                PARKED.with(|parked| *parked.0.borrow_mut() = Some(future));
            })
            .join()
            .unwrap();
            assert_eq!(*seen.lock().unwrap(), [9]);
        }
    }
}
