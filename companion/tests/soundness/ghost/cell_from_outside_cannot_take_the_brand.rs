//! claim: a cell created before `GhostToken::new` cannot be opened with the fresh token.
use companion::ghost::{GhostCell, GhostToken};

fn main() {
    let cell = GhostCell::new(1);
    GhostToken::new(|mut token| {
        *cell.borrow_mut(&mut token) = 2;
    });
}
