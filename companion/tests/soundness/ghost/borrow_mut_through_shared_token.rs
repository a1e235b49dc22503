//! claim: a shared `&GhostToken` grants no write access.
use companion::ghost::{GhostCell, GhostToken};

fn write<'brand>(cell: &GhostCell<'brand, u8>, token: &GhostToken<'brand>) {
    *cell.borrow_mut(token) = 2;
}

fn main() {
    GhostToken::new(|token| write(&GhostCell::new(1), &token));
}
