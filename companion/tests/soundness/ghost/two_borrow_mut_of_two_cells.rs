//! claim: even two different cells cannot be borrowed mutably at once through `borrow_mut`.
use companion::ghost::{GhostCell, GhostToken};

fn main() {
    GhostToken::new(|mut token| {
        let (a, b) = (GhostCell::new(1), GhostCell::new(2));
        let x = a.borrow_mut(&mut token);
        let y = b.borrow_mut(&mut token);
        std::mem::swap(x, y);
    });
}
