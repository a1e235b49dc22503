// The multi-borrow half of the behaviour suite: `GhostBorrowMut`, `swap` and
// the overlap rule. Written once, included by `companion/tests/ghost_behaviour.rs`
// (run against `companion::ghost`) and by `demos/ghost-cell-zst-hole/tests/suite.rs`
// (run against `ghost-cell` 0.2.6 with `experimental-multiple-mutable-borrows`,
// a feature no crate of the workspace enables). The including file expands it
// with *shims*: the imports, and every point where the two crates differ, with
// the reason.

/// A value with zero-sized fields at both ends of its bytes; `repr(C)`
/// fixes the offsets: `head` at 0, `bytes` at 0..4, `tail` at 4.
#[repr(C)]
struct Tagged {
    head: (),
    bytes: [u8; 4],
    tail: (),
}

macro_rules! multi_borrow_suite {
    ($suite:ident { $($shim:item)* }) => {
        mod $suite {
            #![allow(clippy::unit_arg, clippy::let_unit_value)]

            use super::Tagged;
            use std::mem::size_of;

            $($shim)*

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

            /// Lends `(&pair, &pair.1)` for a pair whose last field is the
            /// zero-sized `value`, and says whether the crate accepted. The
            /// result (in ghost-cell, two `&mut`, one of them to `value`) is
            /// dropped at once, unused: using both is the demo's Miri program.
            fn lends_a_tuple_with_its_last_field<Z>(token: &mut GhostToken<'_>, value: Z) -> bool {
                assert_eq!(size_of::<Z>(), 0);
                let pair = GhostCell::new((7_u32, value));
                let last = last_field(&pair);
                // The zero-sized field sits one past the tuple's bytes.
                assert_eq!(last.as_ptr().addr(), pair.as_ptr().addr() + size_of::<(u32, Z)>());
                (&pair, last).borrow_mut(token).is_ok()
            }

            /// The layout of the hole in ghost-cell 0.2.6: a zero-sized
            /// capability as the last field of a tuple, lent together with
            /// the tuple. Every kind of token is zero-sized, so every kind is
            /// exposed wherever the check accepts this.
            #[test]
            fn zst_last_in_a_tuple_lent_with_the_tuple() {
                struct Marker;
                let accepted = !ZST_AT_THE_END_OF_A_VALUE_CONFLICTS;
                GhostToken::new(|mut outer| {
                    // This crate's own token.
                    GhostToken::new(|inner| {
                        assert_eq!(lends_a_tuple_with_its_last_field(&mut outer, inner), accepted);
                    });
                    // ghost-cell's token: the token of the arena list of Part IV.
                    ghost_cell::GhostToken::new(|arena_token| {
                        assert_eq!(lends_a_tuple_with_its_last_field(&mut outer, arena_token), accepted);
                    });
                    // qcell's owner for a marker type: one per process.
                    let owner = qcell::TCellOwner::<Marker>::new();
                    assert_eq!(lends_a_tuple_with_its_last_field(&mut outer, owner), accepted);
                    // A plain `()`, which grants nothing: the check cannot tell.
                    assert_eq!(lends_a_tuple_with_its_last_field(&mut outer, ()), accepted);
                });
            }
        }
    };
}
