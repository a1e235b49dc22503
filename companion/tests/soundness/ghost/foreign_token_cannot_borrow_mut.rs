//! claim: a cell of one brand cannot be written with the token of another brand.
use companion::ghost::{GhostCell, GhostToken};

fn main() {
    GhostToken::new(|outer| {
        let cell = GhostCell::new(1);
        let _ = cell.borrow(&outer);
        GhostToken::new(|mut inner| {
            *cell.borrow_mut(&mut inner) = 2;
        });
    });
}
