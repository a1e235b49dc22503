//! claim: a multi-borrow cannot mix cells of two brands under one token.
use companion::ghost::{GhostBorrowMut, GhostCell, GhostToken};

fn main() {
    GhostToken::new(|outer| {
        let theirs = GhostCell::new(1);
        let _ = theirs.borrow(&outer);
        GhostToken::new(|mut inner| {
            let ours = GhostCell::new(2);
            let _ = (&ours, &theirs).borrow_mut(&mut inner);
        });
    });
}
