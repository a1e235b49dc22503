//! claim: after `from_mut`, the original value is unusable while the cell is used.
use companion::ghost::{GhostCell, GhostToken};

fn main() {
    let mut value = 1;
    GhostToken::new(|mut token| {
        let cell = GhostCell::from_mut(&mut value);
        assert_eq!(value, 1);
        *cell.borrow_mut(&mut token) = 2;
    });
}
