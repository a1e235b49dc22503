//! One behavioural suite, run against `companion::ghost` (ours) and the
//! `ghost-cell` 0.2.6 crate (theirs), to show that they agree.
//!
//! The test bodies are written once, inside `behaviour_suite!`, and expanded
//! twice. Each expansion starts with a few *shims*: the imports, plus the
//! constants and functions that capture where the two crates legitimately
//! differ. Every difference is written down in the shims, with the reason,
//! so nothing is hidden inside a test body.
//!
//! `ghost-cell` keeps `GhostBorrowMut`, `GhostAliasingError` and
//! `GhostCell::swap` behind its `experimental-multiple-mutable-borrows`
//! feature, which lends a zero-sized token twice (see
//! `ghost_multi_borrow/suite.rs`). No crate of this workspace enables it, so
//! the multi-borrow half of the suite runs here against ours only, and against
//! theirs in `demos/ghost-cell-zst-hole`, a crate outside the workspace whose
//! dependency graph is its own.

use std::marker::PhantomData;

/// "Does `T` implement `Send`/`Sync`?" as a `bool`, for concrete types, so
/// negative answers can be compared too. An inherent associated const with an
/// unmet bound is skipped, and the trait's default (`false`) is used instead.
struct Probe<T: ?Sized>(PhantomData<T>);

trait Fallback {
    const IS_SEND: bool = false;
    const IS_SYNC: bool = false;
}
impl<T: ?Sized> Fallback for Probe<T> {}

#[allow(dead_code)] // one of the two consts is used per call site
impl<T: ?Sized + Send> Probe<T> {
    const IS_SEND: bool = true;
}

macro_rules! is_send {
    ($t:ty) => {
        <$crate::Probe<$t>>::IS_SEND
    };
}

struct SyncProbe<T: ?Sized>(PhantomData<T>);
impl<T: ?Sized> Fallback for SyncProbe<T> {}
#[allow(dead_code)]
impl<T: ?Sized + Sync> SyncProbe<T> {
    const IS_SYNC: bool = true;
}

macro_rules! is_sync {
    ($t:ty) => {
        <$crate::SyncProbe<$t>>::IS_SYNC
    };
}

/// `size_of::<GhostCell<T>>() == size_of::<T>()` for each `T`, where
/// `GhostCell` is whichever one is in scope at the call site.
macro_rules! same_size {
    ($($t:ty),*) => {$(
        assert_eq!(
            std::mem::size_of::<GhostCell<'static, $t>>(),
            std::mem::size_of::<$t>(),
            stringify!($t)
        );
    )*};
}

fn assert_send_sync<T: ?Sized + Send + Sync>() {}

macro_rules! behaviour_suite {
    ($suite:ident { $($shim:item)* }) => {
        mod $suite {
            #![allow(clippy::unit_arg, clippy::let_unit_value)]

            use super::{Fallback as _, assert_send_sync};
            use std::cell::Cell;
            use std::mem::size_of;
            use std::rc::Rc;

            $($shim)*

            #[test]
            fn borrow_reads_and_borrow_mut_writes_through_aliases() {
                let out = GhostToken::new(|mut token| {
                    let cell = GhostCell::new(1);
                    let aliases = [&cell, &cell, &cell];
                    *aliases[0].borrow_mut(&mut token) += 1;
                    *aliases[2].borrow_mut(&mut token) *= 10;
                    let reads: Vec<i32> = aliases.iter().map(|c| *c.borrow(&token)).collect();
                    (reads, *cell.borrow(&token))
                });
                assert_eq!(out, (vec![20, 20, 20], 20));
            }

            #[test]
            fn many_cells_read_at_once() {
                GhostToken::new(|token| {
                    let (a, b, c) = (GhostCell::new(1), GhostCell::new("two"), GhostCell::new(3.0));
                    assert_eq!((&a, &b, &c).borrow(&token), (&1, &"two", &3.0));
                    let array = [GhostCell::new(1), GhostCell::new(2)];
                    assert_eq!([&array[0], &array[1]].borrow(&token), [&1, &2]);
                    assert_eq!((&array).borrow(&token), &[1, 2]);
                    assert_eq!(array[..].borrow(&token), [1, 2]);
                });
            }

            #[test]
            fn get_mut_and_into_inner_need_no_token() {
                let mut cell = GhostCell::new(String::from("a"));
                cell.get_mut().push('b');
                cell.as_mut().push('c');
                assert_eq!(cell.into_inner(), "abc");
                let value = GhostToken::new(|mut token| {
                    let mut cell = GhostCell::new(1);
                    *cell.get_mut() = 2;
                    *cell.borrow_mut(&mut token) += 1;
                    cell.into_inner()
                });
                assert_eq!(value, 3);
            }

            #[test]
            fn from_mut_writes_through_to_the_original() {
                let mut value = 1;
                let mut numbers = [1, 2, 3];
                GhostToken::new(|mut token| {
                    let cell = GhostCell::from_mut(&mut value);
                    *cell.borrow_mut(&mut token) = 2;
                    let slice: &GhostCell<'_, [i32]> = GhostCell::from_mut(&mut numbers[..]);
                    slice.borrow_mut(&mut token).reverse();
                });
                assert_eq!((value, numbers), (2, [3, 2, 1]));
            }

            #[test]
            fn replace_and_take() {
                GhostToken::new(|mut token| {
                    let cell = GhostCell::new(vec![1]);
                    assert_eq!(cell.replace(vec![2], &mut token), [1]);
                    assert_eq!(cell.take(&mut token), [2]);
                    assert!(cell.borrow(&token).is_empty());
                });
            }

            #[test]
            fn slices_and_arrays_of_cells() {
                GhostToken::new(|mut token| {
                    let whole = GhostCell::new([1, 2, 3, 4]);
                    let cells = whole.as_array_of_cells();
                    *cells[0].borrow_mut(&mut token) = 10;
                    let as_slice: &GhostCell<'_, [i32]> = &whole;
                    let elements = as_slice.as_slice_of_cells();
                    assert_eq!(elements.len(), 4);
                    *elements[3].borrow_mut(&mut token) = 40;
                    let middle = GhostCell::from_slice_of_cells(&elements[1..3]);
                    middle.borrow_mut(&mut token).copy_from_slice(&[20, 30]);
                    let again = GhostCell::from_array_of_cells(cells);
                    assert_eq!(*again.borrow(&token), [10, 20, 30, 40]);
                });
            }

            #[test]
            fn sizes() {
                same_size!((), u8, u32, u128, [u16; 5], (u8, u64), String, Vec<u8>, Option<Box<u8>>, Rc<u8>);
                assert_eq!(size_of::<GhostToken<'static>>(), 0);
            }

            #[test]
            fn default_and_from() {
                GhostToken::new(|token| {
                    let d: GhostCell<'_, u8> = GhostCell::default();
                    let f: GhostCell<'_, &str> = GhostCell::from("f");
                    assert_eq!((*d.borrow(&token), *f.borrow(&token)), (0, "f"));
                });
            }

            #[test]
            fn thread_rules() {
                assert_send_sync::<GhostToken<'static>>();
                assert_send_sync::<GhostCell<'static, u8>>();
                assert_send_sync::<GhostCell<'static, [u8]>>();
                let answers = [
                    is_send!(GhostToken<'static>),
                    is_sync!(GhostToken<'static>),
                    is_send!(GhostCell<'static, Vec<u8>>),
                    is_sync!(GhostCell<'static, Vec<u8>>),
                    // `Cell`: may move between threads, may not be shared.
                    is_send!(GhostCell<'static, Cell<u8>>),
                    is_sync!(GhostCell<'static, Cell<u8>>),
                    // `Rc`: neither.
                    is_send!(GhostCell<'static, Rc<u8>>),
                    is_sync!(GhostCell<'static, Rc<u8>>),
                    // `MutexGuard`: `Sync` but not `Send`, so a shared cell
                    // could move it to another thread via `replace`: not `Sync`.
                    is_send!(GhostCell<'static, std::sync::MutexGuard<'static, u8>>),
                    is_sync!(GhostCell<'static, std::sync::MutexGuard<'static, u8>>),
                ];
                assert_eq!(answers, [true, true, true, true, true, false, false, false, false, false]);
            }
        }
    };
}

// The multi-borrow tests: `multi_borrow_suite!`, shared with the demo crate.
include!("ghost_multi_borrow/suite.rs");

behaviour_suite!(ours {
    pub use companion::ghost::{GhostBorrow, GhostCell, GhostToken};
});

behaviour_suite!(theirs {
    pub use ghost_cell::{GhostBorrow, GhostCell, GhostToken};
});

multi_borrow_suite!(ours_multi_borrow {
    pub use companion::ghost::{GhostAliasingError, GhostBorrow, GhostBorrowMut, GhostCell, GhostToken};

    /// Ours refuses a zero-sized cell sitting exactly one past the end of
    /// another cell's bytes: a zero-sized *field* sits there (the last field
    /// of a tuple or of a `repr(C)` struct), and a zero-sized value may be a
    /// capability such as a token. See `companion::ghost::GhostBorrowMut`.
    pub const ZST_AT_THE_END_OF_A_VALUE_CONFLICTS: bool = true;

    /// The cell of a tuple's last field. Ours has no tuple projection (the
    /// layout of `(A, Z)` and `(GhostCell<A>, GhostCell<Z>)` is not promised
    /// to match), so the test projects by hand, the way a user with `unsafe`
    /// code could.
    pub fn last_field<'a, 'brand, A, Z>(pair: &'a GhostCell<'brand, (A, Z)>) -> &'a GhostCell<'brand, Z> {
        // SAFETY:
        // - the field pointer could be out of bounds: it cannot, `&raw const`
        //   names the field `.1` of the tuple that `pair` holds, in bounds by
        //   construction, and creates no reference on the way.
        let field = unsafe { &raw const (*pair.as_ptr()).1 };
        // SAFETY:
        // - the cast could change the layout: it cannot, `GhostCell<'brand, Z>`
        //   is `repr(transparent)` over `UnsafeCell<Z>`, which has `Z`'s layout.
        // - the new `&GhostCell` could alias a `&mut Z`: only through this
        //   brand's token, which the caller borrows like for any other cell;
        //   the field lives as long as `pair`, so `'a` is not extended.
        unsafe { &*field.cast::<GhostCell<'brand, Z>>() }
    }

    /// Ours implements `Display` (and `Error`) for the error.
    pub fn describe(error: GhostAliasingError) -> Option<String> {
        Some(error.to_string())
    }
    pub const DISPLAYS_AS: Option<&str> =
        Some("the cells overlap: borrowing them mutably at once would alias");
});
