//! claim: `&GhostCell<Cell<_>>` cannot be shared between threads.
use companion::ghost::{GhostCell, GhostToken};
use std::cell::Cell;

fn main() {
    GhostToken::new(|token| {
        let cell = GhostCell::new(Cell::new(1));
        std::thread::scope(|s| {
            s.spawn(|| cell.borrow(&token).set(2));
            cell.borrow(&token).set(3);
        });
    });
}
