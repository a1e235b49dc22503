//! claim: references from a multi-borrow keep the token mutably borrowed.
use companion::ghost::{GhostBorrowMut, GhostCell, GhostToken};

fn main() {
    GhostToken::new(|mut token| {
        let (a, b) = (GhostCell::new(1), GhostCell::new(2));
        let (x, _y) = (&a, &b).borrow_mut(&mut token).unwrap();
        assert_eq!(*a.borrow(&token), 1);
        *x = 3;
    });
}
