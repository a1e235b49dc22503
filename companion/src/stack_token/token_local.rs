//! Thread locals without closures: `KEY.get(token)` instead of
//! `KEY.with(|value| ...)`.
//!
//! `LocalKey::with` lends the value to a closure because the closure's call
//! is a stack frame, and the value outlives every frame of its thread. A
//! stack token proves the same thing about the caller's own frame, so the
//! reference can be handed out directly, tied to the token's borrow.

use std::cell::{Ref, RefCell, RefMut};
use std::thread::{AccessError, LocalKey};

use super::StackToken;

/// Reads a `thread_local!` without a closure.
///
/// Note: `LocalKey<Cell<T>>` has an inherent `get()` of its own (it copies
/// the value out), which method-call syntax picks first. For a `Cell`
/// thread-local, call this one as `LocalKeyExt::get(&KEY, token)`.
///
/// # Example
///
/// ```
/// use companion::stack_token::LocalKeyExt;
///
/// thread_local! {
///     static GREETING: String = String::from("hello");
///     static TARGET: String = String::from("world");
/// }
///
/// companion::stack_token!(token);
/// let greeting = GREETING.get(token); // no closures, no nesting
/// let target = TARGET.get(token);
/// assert_eq!(format!("{greeting}, {target}"), "hello, world");
/// ```
pub trait LocalKeyExt<T: 'static> {
    /// Borrows this thread's value for as long as the token is borrowed.
    ///
    /// # Panics
    ///
    /// Where [`LocalKey::with`] panics: when called from a thread-local
    /// destructor after this key's value has been destroyed.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::stack_token::LocalKeyExt;
    ///
    /// thread_local!(static LIMITS: Vec<u32> = vec![10, 20]);
    ///
    /// companion::stack_token!(token);
    /// assert_eq!(LIMITS.get(token).iter().sum::<u32>(), 30);
    /// ```
    fn get<'s>(&'static self, token: &'s StackToken) -> &'s T;

    /// Borrows this thread's value, or returns the error that
    /// [`LocalKey::try_with`] returns (the value is being or has been
    /// destroyed).
    ///
    /// # Example
    ///
    /// ```
    /// use companion::stack_token::LocalKeyExt;
    ///
    /// thread_local!(static NAME: String = String::from("main"));
    ///
    /// companion::stack_token!(token);
    /// assert_eq!(NAME.try_get(token).map(String::as_str), Ok("main"));
    /// ```
    fn try_get<'s>(&'static self, token: &'s StackToken) -> Result<&'s T, AccessError>;
}

impl<T: 'static> LocalKeyExt<T> for LocalKey<T> {
    #[inline]
    #[track_caller]
    fn get<'s>(&'static self, token: &'s StackToken) -> &'s T {
        match self.try_get(token) {
            Ok(value) => value,
            Err(_) => destroyed(),
        }
    }

    #[inline]
    fn try_get<'s>(&'static self, _token: &'s StackToken) -> Result<&'s T, AccessError> {
        let value: *const T = self.try_with(|value| value as *const T)?;
        // SAFETY:
        // - `try_with` succeeded, so this thread's value is initialised and
        //   not destroyed. std drops it only during the thread's teardown of
        //   thread-locals, and gives out no `&mut` to it before then;
        // - the value does not move while it lives: std keeps it in place
        //   (the address of a thread-local is stable; std documents no
        //   guarantee, members of the Rust project confirmed the behaviour in
        //   unsafe-code-guidelines issue #541, and `with` handing out `&T`
        //   would be unsound otherwise);
        // - teardown cannot happen during `'s`: the token is neither `Send`
        //   nor `Sync`, so it lives in a frame of this thread, and thread-
        //   local destructors run after that frame has returned (or, from
        //   `process::exit`, when it never runs again). This is the same
        //   argument that makes the closure of `with` safe: its call is a
        //   frame too;
        // - `&T` where `T: !Sync` cannot leave the thread, and `'s` cannot be
        //   `'static`, so the reference cannot be stored anywhere that
        //   outlives the frame.
        Ok(unsafe { &*value })
    }
}

/// Borrows a `thread_local!` `RefCell` without a closure.
///
/// std's own `with_borrow`/`with_borrow_mut` still take a closure; these
/// return the `Ref`/`RefMut` guard, bound to the token.
///
/// # Example
///
/// ```
/// use companion::stack_token::LocalKeyRefCellExt;
/// use std::cell::RefCell;
///
/// thread_local!(static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) });
///
/// companion::stack_token!(token);
/// LOG.borrow_mut(token).push(String::from("started"));
/// assert_eq!(LOG.borrow(token).len(), 1);
/// ```
pub trait LocalKeyRefCellExt<T: 'static> {
    /// Borrows the `RefCell` of this thread immutably.
    ///
    /// # Panics
    ///
    /// If the cell is mutably borrowed, or where [`LocalKeyExt::get`]
    /// panics.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::stack_token::LocalKeyRefCellExt;
    /// use std::cell::RefCell;
    ///
    /// thread_local!(static SEEN: RefCell<u32> = const { RefCell::new(3) });
    ///
    /// companion::stack_token!(token);
    /// assert_eq!(*SEEN.borrow(token), 3);
    /// ```
    fn borrow<'s>(&'static self, token: &'s StackToken) -> Ref<'s, T>;

    /// Borrows the `RefCell` of this thread mutably.
    ///
    /// # Panics
    ///
    /// If the cell is already borrowed, or where [`LocalKeyExt::get`]
    /// panics.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::stack_token::LocalKeyRefCellExt;
    /// use std::cell::RefCell;
    ///
    /// thread_local!(static SEEN: RefCell<u32> = const { RefCell::new(0) });
    ///
    /// companion::stack_token!(token);
    /// *SEEN.borrow_mut(token) += 1;
    /// assert_eq!(*SEEN.borrow(token), 1);
    /// ```
    fn borrow_mut<'s>(&'static self, token: &'s StackToken) -> RefMut<'s, T>;
}

impl<T: 'static> LocalKeyRefCellExt<T> for LocalKey<RefCell<T>> {
    #[inline]
    #[track_caller]
    fn borrow<'s>(&'static self, token: &'s StackToken) -> Ref<'s, T> {
        LocalKeyExt::get(self, token).borrow()
    }

    #[inline]
    #[track_caller]
    fn borrow_mut<'s>(&'static self, token: &'s StackToken) -> RefMut<'s, T> {
        LocalKeyExt::get(self, token).borrow_mut()
    }
}

#[cold]
#[inline(never)]
#[track_caller]
fn destroyed() -> ! {
    panic!(
        "thread-local read through a stack token after its destructor started: the value is gone"
    )
}

#[cfg(test)]
mod tests {
    use super::{LocalKeyExt, LocalKeyRefCellExt};
    use std::cell::{Cell, RefCell};
    use std::sync::{Arc, Mutex};
    use std::thread;

    thread_local! {
        static WORD: String = String::from("token");
        static COUNT: Cell<u32> = const { Cell::new(0) };
        static LIST: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
    }

    #[test]
    fn get_returns_the_threads_own_value_without_copying() {
        crate::stack_token!(token);
        let word: &String = WORD.get(token);
        let address = WORD.with(|word| word as *const String);
        assert!(std::ptr::eq(word, address));
        assert_eq!(WORD.try_get(token).map(String::len), Ok(5));
    }

    #[test]
    fn cell_keys_need_the_trait_path() {
        crate::stack_token!(token);
        COUNT.set(4);
        // `COUNT.get()` is std's inherent method; ours is reached by path.
        let cell: &Cell<u32> = LocalKeyExt::get(&COUNT, token);
        cell.set(cell.get() + 1);
        assert_eq!(COUNT.get(), 5);
    }

    #[test]
    fn refcell_guards_replace_nested_closures() {
        crate::stack_token!(token);
        LIST.borrow_mut(token).extend([1, 2, 3]);
        let list = LIST.borrow(token);
        let word = WORD.get(token);
        assert_eq!((list.len(), word.len()), (3, 5));
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
        LIST.borrow_mut(token).push(1);
        let other = thread::spawn(|| {
            crate::stack_token!(token);
            LIST.borrow(token).len()
        })
        .join()
        .unwrap();
        assert_eq!(other, 0);
    }

    /// What a destructor of `PROBE` saw when it read `TARGET` through a
    /// token: `try_get`'s verdict, `try_with`'s verdict, and the panic
    /// message of `get` if it panicked.
    type Observation = (bool, bool, Option<String>);

    struct Probe(Arc<Mutex<Option<Observation>>>);

    impl Drop for Probe {
        fn drop(&mut self) {
            crate::stack_token!(token);
            let ours = TARGET.try_get(token).is_ok();
            let std_says = TARGET.try_with(|_| ()).is_ok();
            // A panic in a thread-local destructor would abort, so `get`'s
            // panic is caught here to check its message.
            let panicked = std::panic::catch_unwind(|| {
                crate::stack_token!(token);
                TARGET.get(token).len()
            })
            .err()
            .map(|payload| *payload.downcast::<&str>().unwrap());
            *self.0.lock().unwrap() = Some((ours, std_says, panicked.map(str::to_owned)));
        }
    }

    thread_local! {
        static PROBE: RefCell<Option<Probe>> = const { RefCell::new(None) };
        static TARGET: String = String::from("target");
    }

    fn probe(target_first: bool) -> Observation {
        let seen = Arc::new(Mutex::new(None));
        let probe_seen = seen.clone();
        thread::spawn(move || {
            if target_first {
                TARGET.with(|_| ());
            }
            PROBE.with(|probe| *probe.borrow_mut() = Some(Probe(probe_seen)));
            TARGET.with(|_| ());
        })
        .join()
        .unwrap();
        let observation = seen.lock().unwrap().take();
        observation.expect("the probe's destructor ran")
    }

    #[test]
    fn during_thread_local_destructors_get_agrees_with_try_with() {
        let mut refused = 0;
        for target_first in [false, true] {
            let (ours, std_says, panicked) = probe(target_first);
            assert_eq!(
                ours, std_says,
                "try_get must fail exactly where try_with fails"
            );
            if ours {
                assert_eq!(panicked, None);
            } else {
                refused += 1;
                let message = panicked.expect("get panics where try_with fails");
                assert!(
                    message.contains("after its destructor started"),
                    "{message}"
                );
            }
        }
        // std runs thread-local destructors in a fixed order (on Linux, the
        // reverse of registration), so exactly one of the two registration
        // orders destroys TARGET before PROBE.
        assert_eq!(refused, 1);
    }
}
