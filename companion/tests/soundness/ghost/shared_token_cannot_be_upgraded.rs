//! claim: `&GhostToken` cannot be reborrowed as `&mut GhostToken`.
use companion::ghost::{GhostCell, GhostToken};

fn write<'brand>(cell: &GhostCell<'brand, u8>, token: &GhostToken<'brand>) {
    *cell.borrow_mut(&mut *token) = 2;
}

fn main() {
    GhostToken::new(|token| write(&GhostCell::new(1), &token));
}
