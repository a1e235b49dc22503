//! claim: borrowing a slice of cells mutably excludes reading any element meanwhile.
use companion::ghost::{GhostBorrowMut, GhostCell, GhostToken};

fn main() {
    GhostToken::new(|mut token| {
        let cells = [GhostCell::new(1), GhostCell::new(2)];
        let Ok(all) = cells[..].borrow_mut(&mut token);
        let first = cells[0].borrow(&token);
        all[0] = *first;
    });
}
