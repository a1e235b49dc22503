//! The multi-borrow half of the companion's behaviour suite
//! (`companion/tests/ghost_multi_borrow/suite.rs`), run against `ghost-cell`
//! 0.2.6 with `experimental-multiple-mutable-borrows`. The companion runs the
//! same file against `companion::ghost` in `companion/tests/ghost_behaviour.rs`;
//! the shims below are every place where the two crates differ.

include!("../../../tests/ghost_multi_borrow/suite.rs");

multi_borrow_suite!(theirs {
    pub use ghost_cell::{GhostAliasingError, GhostBorrow, GhostBorrowMut, GhostCell, GhostToken};

    /// ghost-cell measures a zero-sized cell as the one address
    /// `[start, start]`, so a zero-sized cell one past the end of another
    /// cell's bytes is judged disjoint from it. A zero-sized field sits there
    /// (the last field of a tuple), which is the hole this crate shows.
    pub const ZST_AT_THE_END_OF_A_VALUE_CONFLICTS: bool = false;

    /// The cell of a tuple's last field, through ghost-cell's own projection.
    pub fn last_field<'a, 'brand, A, Z>(pair: &'a GhostCell<'brand, (A, Z)>) -> &'a GhostCell<'brand, Z> {
        &pair.as_tuple_of_cells().1
    }

    /// ghost-cell's error has no `Display`.
    pub fn describe(_error: GhostAliasingError) -> Option<String> {
        None
    }
    pub const DISPLAYS_AS: Option<&str> = None;
});
