//! The token: the permission half of a GhostCell.
//!
//! A [`GhostToken<'brand>`] carries no data. Owning it, or holding `&mut` to
//! it, is the right to write every cell of brand `'brand`; holding `&` to it is
//! the right to read them. Rust's ordinary borrow rules on this one value then
//! enforce "many readers or one writer" for the whole family of cells at once.

#![forbid(unsafe_code)]

use core::marker::PhantomData;

/// A marker that ties a type to the lifetime `'brand` *invariantly*.
///
/// `fn(&'brand ()) -> &'brand ()` mentions `'brand` once in argument position
/// (which alone would make it contravariant) and once in return position
/// (which alone would make it covariant). Both at once leave the compiler no
/// freedom: a `GhostToken<'a>` is never a `GhostToken<'b>` unless `'a` and
/// `'b` are the same lifetime. A function pointer is also `Send`, `Sync`,
/// `Copy` and zero-sized, so the marker adds no cost and takes away no auto
/// trait.
///
/// Why invariance is load-bearing is explained on [`GhostToken`].
pub(super) type InvariantBrand<'brand> = PhantomData<fn(&'brand ()) -> &'brand ()>;

/// The permission to access every [`GhostCell`](super::GhostCell) of brand
/// `'brand`.
///
/// * `&GhostToken<'brand>` lets you read any number of those cells at once,
///   with [`GhostCell::borrow`](super::GhostCell::borrow).
/// * `&mut GhostToken<'brand>` lets you write one of them at a time, with
///   [`GhostCell::borrow_mut`](super::GhostCell::borrow_mut).
///
/// The token is zero-sized: all of this is checked by the compiler and none
/// of it exists at run time. It is neither `Clone` nor `Copy` nor `Default`,
/// and its only field is private, so the one way to get a token is
/// [`GhostToken::new`], which hands out a token whose brand no other token
/// has.
///
/// The token is `Send` and `Sync` (derived by the compiler: it holds no
/// data). Sending it moves the write permission to another thread; sharing
/// `&GhostToken` lets several threads read at once. Whether the *cells* may
/// follow is decided by their own `Send`/`Sync`, which depend on `T`.
///
/// # Why the brand must be invariant
///
/// The brand is a lifetime used as a *name*, not as a duration. If the
/// compiler could shorten it, as it shortens ordinary lifetimes, then a
/// `GhostToken<'a>` and a `GhostCell<'b, T>` could both be shortened to some
/// common `'c` and the token would open a cell it was never meant to open.
/// With two tokens of different brands, both could then hand out `&mut` to
/// the same cell: two live mutable references to one value. The invariant
/// marker forbids that shortening. The test module of this file keeps a
/// covariant twin of the token to show that the brand-mixing program really
/// compiles without invariance, and `tests/soundness/ghost/` shows that the
/// same program is rejected with the real token.
///
/// # Example
///
/// ```
/// use companion::ghost::{GhostCell, GhostToken};
///
/// let total = GhostToken::new(|mut token| {
///     let cell = GhostCell::new(1);
///     *cell.borrow_mut(&mut token) += 41;
///     *cell.borrow(&token)
/// });
/// assert_eq!(total, 42);
/// ```
pub struct GhostToken<'brand> {
    _brand: InvariantBrand<'brand>,
}

impl<'brand> GhostToken<'brand> {
    /// Runs `scope` with a token of a brand that nothing else has, and
    /// returns what `scope` returns.
    ///
    /// The closure must accept a token of *every* brand (`for<'new>`), so
    /// inside it the brand is an unknown lifetime that the compiler cannot
    /// relate to any other: two calls, even nested ones, always produce
    /// unrelated brands. Because `R` is chosen outside the `for<'new>`, the
    /// result cannot mention the brand, so neither the token nor a cell tied
    /// to it can leave the closure.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::ghost::{GhostCell, GhostToken};
    ///
    /// let words = GhostToken::new(|mut token| {
    ///     let cell = GhostCell::new(String::from("ghost"));
    ///     // Many shared references to one cell are fine...
    ///     let aliases = [&cell, &cell, &cell];
    ///     // ...and the token decides who may write through them.
    ///     aliases[1].borrow_mut(&mut token).push_str("cell");
    ///     aliases[2].borrow(&token).clone()
    /// });
    /// assert_eq!(words, "ghostcell");
    /// ```
    #[allow(clippy::new_ret_no_self)] // the token never leaves `scope`, by design
    pub fn new<R, F>(scope: F) -> R
    where
        for<'new> F: FnOnce(GhostToken<'new>) -> R,
    {
        scope(GhostToken {
            _brand: PhantomData,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::GhostToken;
    use core::mem::{align_of, size_of};

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn token_is_zero_sized_and_free_to_pass() {
        GhostToken::new(|_token| {
            assert_eq!(size_of::<GhostToken<'_>>(), 0);
            assert_eq!(align_of::<GhostToken<'_>>(), 1);
            // `&mut` to a zero-sized value is still one pointer: the cost of
            // passing the permission is the pointer, unless inlined away.
            assert_eq!(size_of::<&mut GhostToken<'_>>(), size_of::<usize>());
        });
    }

    #[test]
    fn token_is_send_and_sync() {
        assert_send_sync::<GhostToken<'static>>();
    }

    #[test]
    fn new_returns_what_the_closure_returns() {
        let out = GhostToken::new(|_token| vec![1, 2, 3]);
        assert_eq!(out, [1, 2, 3]);
    }

    #[test]
    fn token_can_move_to_another_thread() {
        let doubled = GhostToken::new(|mut token| {
            let cell = crate::ghost::GhostCell::new(21);
            std::thread::scope(|s| {
                s.spawn(|| *cell.borrow_mut(&mut token) *= 2);
            });
            *cell.borrow(&token)
        });
        assert_eq!(doubled, 42);
    }

    /// A deliberately broken twin of `GhostToken`/`GhostCell` whose brand is
    /// *covariant*. It holds no data and has no unsafe code: it only
    /// reproduces the type-level question "does this token open this cell?",
    /// so the tests below can show which programs the compiler would accept.
    mod covariant {
        use core::marker::PhantomData;

        /// `PhantomData<&'brand ()>` is covariant: `'brand` may shrink.
        pub struct CovariantToken<'brand>(PhantomData<&'brand ()>);

        pub struct CovariantCell<'brand>(PhantomData<&'brand ()>);

        /// What `GhostCell::borrow_mut` would return: a write permission that
        /// holds the token mutably for `'a`.
        pub struct WriteAccess<'a>(PhantomData<&'a mut ()>);

        impl<'brand> CovariantToken<'brand> {
            #[allow(clippy::new_ret_no_self)] // mirrors `GhostToken::new`
            pub fn new<R>(scope: impl for<'new> FnOnce(CovariantToken<'new>) -> R) -> R {
                scope(CovariantToken(PhantomData))
            }
        }

        impl<'brand> CovariantCell<'brand> {
            pub fn new() -> Self {
                CovariantCell(PhantomData)
            }

            /// Same signature shape as `GhostCell::borrow_mut`: the token
            /// must carry the cell's brand.
            pub fn borrow_mut<'a>(
                &'a self,
                _token: &'a mut CovariantToken<'brand>,
            ) -> WriteAccess<'a> {
                WriteAccess(PhantomData)
            }
        }

        /// The brief's `unify`: a token of brand `'a` and a cell of brand
        /// `'b`, two lifetimes the function knows nothing about. With a
        /// covariant brand both shrink to the body's local lifetime and the
        /// call type-checks. The same function with the real token is the
        /// compile-fail case `brands_unify_through_variance.rs`.
        pub fn unify<'a, 'b>(token: CovariantToken<'a>, cell: &CovariantCell<'b>) -> bool {
            let mut token = token;
            let _write = cell.borrow_mut(&mut token);
            true
        }

        /// Worse: two tokens of unrelated brands, both granting write access
        /// to one cell *at the same time*. Had `WriteAccess` been `&mut T`,
        /// this would be two live `&mut` to one value.
        pub fn two_writers<'a, 'b>(
            first: CovariantToken<'a>,
            second: CovariantToken<'b>,
            cell: &CovariantCell<'a>,
        ) -> usize {
            let (mut first, mut second) = (first, second);
            let one = cell.borrow_mut(&mut first);
            let two = cell.borrow_mut(&mut second);
            [one, two].len()
        }
    }

    #[test]
    fn covariant_brand_lets_a_foreign_token_open_a_cell() {
        use covariant::{CovariantCell, CovariantToken, unify};
        let opened = CovariantToken::new(|outer| {
            CovariantToken::new(|inner| {
                let cell_of_inner = CovariantCell::new();
                // Tie the cell to the inner brand first...
                let mut inner = inner;
                let _ = cell_of_inner.borrow_mut(&mut inner);
                // ...then open it with the *outer* token. This compiles.
                unify(outer, &cell_of_inner)
            })
        });
        assert!(opened);
    }

    #[test]
    fn covariant_brand_allows_two_simultaneous_writers() {
        use covariant::{CovariantCell, CovariantToken, two_writers};
        let writers = CovariantToken::new(|outer| {
            CovariantToken::new(|inner| two_writers(outer, inner, &CovariantCell::new()))
        });
        assert_eq!(writers, 2);
    }
}
