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
//! feature; the companion crate enables it for its dev-dependency.

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

/// A value with zero-sized fields at both ends of its bytes; `repr(C)`
/// fixes the offsets: `head` at 0, `bytes` at 0..4, `tail` at 4.
#[repr(C)]
struct Tagged {
    head: (),
    bytes: [u8; 4],
    tail: (),
}

macro_rules! behaviour_suite {
    ($suite:ident { $($shim:item)* }) => {
        mod $suite {
            #![allow(clippy::unit_arg, clippy::let_unit_value)]

            use super::{Fallback as _, Tagged, assert_send_sync};
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
            fn swap_exchanges_values() {
                GhostToken::new(|mut token| {
                    let (a, b) = (GhostCell::new('a'), GhostCell::new('b'));
                    assert_eq!(a.swap(&b, &mut token), Ok(()));
                    assert_eq!((*a.borrow(&token), *b.borrow(&token)), ('b', 'a'));
                });
            }

            #[test]
            fn swap_with_itself_is_a_no_op() {
                GhostToken::new(|mut token| {
                    let a = GhostCell::new(7);
                    assert_eq!(a.swap(&a, &mut token), Ok(()));
                    assert_eq!(*a.borrow(&token), 7);
                    let unit = GhostCell::new(());
                    assert_eq!(unit.swap(&unit, &mut token), Ok(()));
                });
            }

            #[test]
            fn swap_refuses_partly_overlapping_cells() {
                GhostToken::new(|mut token| {
                    let cells = [1, 2, 3].map(GhostCell::new);
                    let front: &[GhostCell<'_, i32>; 2] = cells[..2].try_into().unwrap();
                    let back: &[GhostCell<'_, i32>; 2] = cells[1..].try_into().unwrap();
                    let (front, back) =
                        (GhostCell::from_array_of_cells(front), GhostCell::from_array_of_cells(back));
                    assert_eq!(front.swap(back, &mut token), Err(GhostAliasingError));
                    assert_eq!(cells.each_ref().map(|c| *c.borrow(&token)), [1, 2, 3]);
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
            fn two_and_three_distinct_cells_borrow_mut_at_once() {
                GhostToken::new(|mut token| {
                    let (a, b, c) = (GhostCell::new(1), GhostCell::new(2), GhostCell::new(3));
                    let (x, y) = (&a, &b).borrow_mut(&mut token).unwrap();
                    std::mem::swap(x, y);
                    let (x, y, z) = (&a, &b, &c).borrow_mut(&mut token).unwrap();
                    (*x, *y, *z) = (*x * 100, *y * 10, *z);
                    let [x, y] = [&a, &c].borrow_mut(&mut token).unwrap();
                    std::mem::swap(x, y);
                    assert_eq!((&a, &b, &c).borrow(&token), (&3, &10, &200));
                });
            }

            #[test]
            fn the_same_cell_twice_is_refused() {
                GhostToken::new(|mut token| {
                    let (a, b) = (GhostCell::new(1), GhostCell::new(2));
                    assert!((&a, &a).borrow_mut(&mut token).is_err());
                    assert!((&a, &b, &a).borrow_mut(&mut token).is_err());
                    assert!((&a, &b, &b).borrow_mut(&mut token).is_err());
                    assert!([&b, &a, &b].borrow_mut(&mut token).is_err());
                    let error: GhostAliasingError = (&a, &a).borrow_mut(&mut token).unwrap_err();
                    assert_eq!(error, GhostAliasingError);
                });
            }

            #[test]
            fn a_slice_overlaps_its_elements_but_neighbours_do_not_overlap() {
                GhostToken::new(|mut token| {
                    let whole = GhostCell::new([1_u16, 2, 3]);
                    let whole: &GhostCell<'_, [u16]> = &whole;
                    let elements = whole.as_slice_of_cells();
                    // ghost-cell issue #23: a start-address check alone
                    // would accept `(element 1, whole)`.
                    assert!((&elements[1], whole).borrow_mut(&mut token).is_err());
                    assert!((whole, &elements[2]).borrow_mut(&mut token).is_err());
                    assert!((&elements[0], whole).borrow_mut(&mut token).is_err());
                    let (x, y) = (&elements[0], &elements[1]).borrow_mut(&mut token).unwrap();
                    std::mem::swap(x, y);
                    let front = GhostCell::from_slice_of_cells(&elements[..2]);
                    let back = GhostCell::from_slice_of_cells(&elements[1..]);
                    let tail = GhostCell::from_slice_of_cells(&elements[2..]);
                    assert!((front, back).borrow_mut(&mut token).is_err());
                    assert!((front, tail).borrow_mut(&mut token).is_ok());
                    assert_eq!(whole.borrow(&token), [2, 1, 3]);
                });
            }

            #[test]
            fn a_slice_of_cells_is_lent_mutably_without_a_check() {
                GhostToken::new(|mut token| {
                    let cells = [3, 1, 2].map(GhostCell::new);
                    let Ok(all) = cells[..].borrow_mut(&mut token);
                    all.sort();
                    let Ok(array) = (&cells).borrow_mut(&mut token);
                    array[0] = 0;
                    assert_eq!((&cells).borrow(&token), &[0, 2, 3]);
                });
            }

            #[test]
            fn unsized_cells_of_different_kinds() {
                let (mut text, mut numbers) = (String::new(), [1, 2]);
                GhostToken::new(|mut token| {
                    let writer: &GhostCell<'_, dyn std::fmt::Write> = GhostCell::from_mut(&mut text);
                    let slice: &GhostCell<'_, [i32]> = GhostCell::from_mut(&mut numbers[..]);
                    let (w, s) = (writer, slice).borrow_mut(&mut token).unwrap();
                    w.write_fmt(format_args!("{}", s[0] + s[1])).unwrap();
                    s.fill(0);
                });
                assert_eq!((text.as_str(), numbers), ("3", [0, 0]));
            }

            #[test]
            fn zst_one_cell_twice_is_refused() {
                GhostToken::new(|mut token| {
                    let unit = GhostCell::new(());
                    assert!((&unit, &unit).borrow_mut(&mut token).is_err());
                    assert!([&unit, &unit].borrow_mut(&mut token).is_err());
                    assert!((&unit,).borrow_mut(&mut token).is_ok());
                });
            }

            #[test]
            fn zst_two_cells_at_one_address_are_refused() {
                // `Box` gives every zero-sized value the same dangling address;
                // neither crate can tell these apart from one cell seen twice
                // (ghost-cell issues #31 and #32).
                GhostToken::new(|mut token| {
                    let (one, two) = (Box::new(GhostCell::new(())), Box::new(GhostCell::new(())));
                    assert_eq!(one.as_ptr(), two.as_ptr());
                    assert!((&*one, &*two).borrow_mut(&mut token).is_err());
                    // SAFETY: two distinct `()`; a unit value grants nothing.
                    let _ = unsafe { (&*one, &*two).borrow_mut_unchecked(&mut token) };
                });
            }

            #[test]
            fn zst_positions_around_a_sized_value() {
                let mut value = Tagged { head: (), bytes: [0; 4], tail: () };
                GhostToken::new(|mut token| {
                    let Tagged { head, bytes, tail } = &mut value;
                    let (head, bytes, tail) =
                        (&*GhostCell::from_mut(head), &*GhostCell::from_mut(bytes), &*GhostCell::from_mut(tail));
                    // At the start of the bytes: both crates refuse.
                    assert!((head, bytes).borrow_mut(&mut token).is_err());
                    // Two zero-sized cells at different addresses: both accept.
                    assert!((head, tail).borrow_mut(&mut token).is_ok());
                    // Exactly one past the end of the bytes: the crates differ.
                    assert_eq!(
                        (bytes, tail).borrow_mut(&mut token).is_err(),
                        ZST_AT_THE_END_OF_A_VALUE_CONFLICTS
                    );
                });
            }

            #[test]
            fn a_token_held_in_a_cell_is_never_lent_twice() {
                // ghost-cell issue #32: two `&mut` to one token would let two
                // writers into one cell.
                GhostToken::new(|mut outer| {
                    GhostToken::new(|inner| {
                        let inner = GhostCell::new(inner);
                        assert!((&inner, &inner).borrow_mut(&mut outer).is_err());
                        let (lent,) = (&inner,).borrow_mut(&mut outer).unwrap();
                        let data = GhostCell::new(1);
                        *data.borrow_mut(lent) += 1;
                        assert_eq!(*data.borrow(lent), 2);
                    });
                });
            }

            #[test]
            fn the_error_message() {
                assert_eq!(
                    describe(GhostAliasingError).as_deref(),
                    DISPLAYS_AS
                );
            }

            #[test]
            fn sizes() {
                same_size!((), u8, u32, u128, [u16; 5], (u8, u64), String, Vec<u8>, Option<Box<u8>>, Rc<u8>);
                assert_eq!(size_of::<GhostToken<'static>>(), 0);
                assert_eq!(size_of::<GhostAliasingError>(), 0);
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

behaviour_suite!(ours {
    pub use companion::ghost::{GhostAliasingError, GhostBorrow, GhostBorrowMut, GhostCell, GhostToken};

    /// Ours refuses a zero-sized cell sitting exactly one past the end of
    /// another cell's bytes: a zero-sized *field* can sit there (the last
    /// field of a `repr(C)` struct), and a zero-sized value may be a
    /// capability such as a token, so it cannot be told apart from "a part
    /// of the other cell". See `companion::ghost::GhostBorrowMut`.
    pub const ZST_AT_THE_END_OF_A_VALUE_CONFLICTS: bool = true;

    /// Ours implements `Display` (and `Error`) for the error.
    pub fn describe(error: GhostAliasingError) -> Option<String> {
        Some(error.to_string())
    }
    pub const DISPLAYS_AS: Option<&str> =
        Some("the cells overlap: borrowing them mutably at once would alias");
});

behaviour_suite!(theirs {
    pub use ghost_cell::{GhostAliasingError, GhostBorrow, GhostBorrowMut, GhostCell, GhostToken};

    /// ghost-cell treats a zero-sized cell as one byte at its address, an
    /// inclusive range `[start, start]`, so a zero-sized cell one past the
    /// end of another cell is judged distinct. That is right for the
    /// projections ghost-cell itself offers; ours is stricter on purpose.
    pub const ZST_AT_THE_END_OF_A_VALUE_CONFLICTS: bool = false;

    /// ghost-cell's error has no `Display`.
    pub fn describe(_error: GhostAliasingError) -> Option<String> {
        None
    }
    pub const DISPLAYS_AS: Option<&str> = None;
});
