//! claim: one cell cannot be borrowed mutably twice at the same time.
use companion::ghost::{GhostCell, GhostToken};

fn main() {
    GhostToken::new(|mut token| {
        let cell = GhostCell::new(1);
        let first = cell.borrow_mut(&mut token);
        let second = cell.borrow_mut(&mut token);
        *first += *second;
    });
}
