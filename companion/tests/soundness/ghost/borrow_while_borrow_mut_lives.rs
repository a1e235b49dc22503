//! claim: no cell of the brand can be read while a mutable borrow lives.
use companion::ghost::{GhostCell, GhostToken};

fn main() {
    GhostToken::new(|mut token| {
        let (a, b) = (GhostCell::new(1), GhostCell::new(2));
        let writing = a.borrow_mut(&mut token);
        let reading = b.borrow(&token);
        *writing = *reading;
    });
}
