//! Undefined behaviour on purpose: two `&mut` to one token, from
//! `ghost-cell` 0.2.6's multi-borrow, used at once. One token reads a
//! `String` while the other replaces it, freeing the buffer the reader still
//! points at.
//!
//! Never run natively (what it prints is whatever the freed memory holds).
//! `ci/miri` runs it under Stacked Borrows and Tree Borrows and requires both
//! to stop it with an aliasing error.

use ghost_cell::{GhostCell, GhostToken};
use ghost_cell_zst_hole::the_same_token_twice;

fn main() {
    GhostToken::new(|mut outer| {
        GhostToken::new(|inner| {
            let pair = GhostCell::new((0_u32, inner));
            let (reader, writer) = the_same_token_twice(&pair, &mut outer);
            let text = GhostCell::new(String::from("a string on the heap"));
            let seen: &String = text.borrow(reader);
            *text.borrow_mut(writer) = String::from("its replacement"); // frees the first buffer
            println!("the reader sees: {seen}");
        });
    });
}
