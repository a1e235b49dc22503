//! claim: a `get_mut` reference excludes borrowing the cell through the token.
use companion::ghost::{GhostCell, GhostToken};

fn main() {
    GhostToken::new(|token| {
        let mut cell = GhostCell::new(1);
        let unique = cell.get_mut();
        assert_eq!(*cell.borrow(&token), 1);
        *unique = 2;
    });
}
