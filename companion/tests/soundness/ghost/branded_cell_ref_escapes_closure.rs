//! claim: a reference to a branded cell cannot leave the closure, even one to leaked memory.
use companion::ghost::{GhostCell, GhostToken};

fn main() {
    let mut escaped = None;
    GhostToken::new(|token| {
        let cell = &*Box::leak(Box::new(GhostCell::new(1)));
        let _ = cell.borrow(&token);
        escaped = Some(cell);
    });
}
