//! claim: `swap` needs the token mutably, so it cannot run while a read lives.
use companion::ghost::{GhostCell, GhostToken};

fn main() {
    GhostToken::new(|mut token| {
        let (a, b) = (GhostCell::new(1), GhostCell::new(2));
        let reading = a.borrow(&token);
        a.swap(&b, &mut token).unwrap();
        assert_eq!(*reading, 1);
    });
}
