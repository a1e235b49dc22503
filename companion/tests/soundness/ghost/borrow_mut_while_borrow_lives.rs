//! claim: no cell of the brand can be written while a shared borrow lives.
use companion::ghost::{GhostCell, GhostToken};

fn main() {
    GhostToken::new(|mut token| {
        let cell = GhostCell::new(1);
        let reading = cell.borrow(&token);
        *cell.borrow_mut(&mut token) = 2;
        assert_eq!(*reading, 1);
    });
}
