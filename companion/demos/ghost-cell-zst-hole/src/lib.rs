//! A soundness hole in `ghost-cell` 0.2.6 with its
//! `experimental-multiple-mutable-borrows` feature: the multi-borrow lends one
//! zero-sized token mutably twice.
//!
//! `GhostBorrowMut` on a tuple of cell references checks that the cells do
//! not overlap. It measures each cell as an *inclusive* range
//! `[start, start + size - 1]`, and a zero-sized cell as the one address
//! `[start, start]`. A zero-sized field can sit one past the bytes of the
//! value that contains it: in `(u32, GhostToken<'inner>)` the compiler puts
//! the token at offset 4, the tuple's size. The tuple covers `[s, s + 3]`,
//! the token `[s + 4, s + 4]`, and the check finds them disjoint. Lending
//! the tuple and its own last field together then hands out two `&mut` to
//! one token, and two `&mut GhostToken<'inner>` are two writers for every
//! cell of the brand `'inner`.
//!
//! ghost-cell issue #32 was the neighbouring case, one zero-sized cell
//! passed twice, fixed in 0.2.5 by refusing two zero-sized cells at one
//! address. This layout is not covered by that fix. Any zero-sized
//! capability is exposed: `tests/suite.rs` shows the check accepting the
//! layout for ghost-cell's own token and for `qcell::TCellOwner`, and
//! `companion::ghost` refusing it for those and for its own token.
//!
//! This crate is outside the book's workspace on purpose: Cargo unifies
//! features across a program's whole dependency graph, so one crate that
//! enables the feature turns it on for every user of `ghost-cell` in that
//! program. `ci/test` runs the tests here (none of them uses the two
//! references at once); `ci/miri` runs `examples/two_tokens.rs`, which does,
//! and requires Miri to report the aliasing violation.

use ghost_cell::{GhostBorrowMut, GhostCell, GhostToken};

/// Lends `pair` and its own last field, the token, in one multi-borrow of
/// `outer`, and returns two `&mut` to that one token: the check of
/// `ghost-cell` 0.2.6 lets both through.
///
/// Having both is already wrong; *using* both is undefined behaviour.
///
/// # Panics
///
/// If the multi-borrow refuses, which would mean the hole is closed.
///
/// # Example
///
/// ```
/// use ghost_cell::{GhostCell, GhostToken};
/// use ghost_cell_zst_hole::the_same_token_twice;
///
/// GhostToken::new(|mut outer| {
///     GhostToken::new(|inner| {
///         let pair = GhostCell::new((0_u32, inner));
///         let (first, second) = the_same_token_twice(&pair, &mut outer);
///         // Compared as addresses only: neither is used for anything.
///         let (first, second) = (first as *mut GhostToken<'_>, second as *mut GhostToken<'_>);
///         assert_eq!(first, second);
///     });
/// });
/// ```
pub fn the_same_token_twice<'a, 'outer, 'inner>(
    pair: &'a GhostCell<'outer, (u32, GhostToken<'inner>)>,
    outer: &'a mut GhostToken<'outer>,
) -> (&'a mut GhostToken<'inner>, &'a mut GhostToken<'inner>) {
    let last = &pair.as_tuple_of_cells().1;
    let (whole, token) = (pair, last)
        .borrow_mut(outer)
        .expect("ghost-cell 0.2.6 judges a tuple and its zero-sized last field disjoint");
    (&mut whole.1, token)
}
