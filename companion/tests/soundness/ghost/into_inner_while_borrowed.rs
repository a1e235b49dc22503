//! claim: a cell cannot be unwrapped while a borrow of its value lives.
use companion::ghost::{GhostCell, GhostToken};

fn main() {
    GhostToken::new(|token| {
        let cell = GhostCell::new(1);
        let reading = cell.borrow(&token);
        let _value = cell.into_inner();
        assert_eq!(*reading, 1);
    });
}
