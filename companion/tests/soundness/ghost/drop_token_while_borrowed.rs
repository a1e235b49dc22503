//! claim: a borrow of a cell keeps the token borrowed.
use companion::ghost::{GhostCell, GhostToken};

fn main() {
    GhostToken::new(|token| {
        let cell = GhostCell::new(1);
        let reading = cell.borrow(&token);
        drop(token);
        assert_eq!(*reading, 1);
    });
}
