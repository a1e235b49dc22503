//! claim: skipping the overlap check is an `unsafe` operation.
use companion::ghost::{GhostBorrowMut, GhostCell, GhostToken};

fn main() {
    GhostToken::new(|mut token| {
        let cell = GhostCell::new(1);
        let (_x, _y) = (&cell, &cell).borrow_mut_unchecked(&mut token);
    });
}
