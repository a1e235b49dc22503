//! claim: a mutable borrow cannot outlive the token borrow that produced it.
use companion::ghost::{GhostCell, GhostToken};

fn leak<'c, 'brand>(cell: &'c GhostCell<'brand, u8>, token: &mut GhostToken<'brand>) -> &'c mut u8 {
    cell.borrow_mut(token)
}

fn main() {}
