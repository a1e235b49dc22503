//! claim: a cell tied to a brand cannot be returned out of that brand's closure.
use companion::ghost::{GhostCell, GhostToken};

fn main() {
    let _cell = GhostToken::new(|token| {
        let cell = GhostCell::new(1);
        let _ = cell.borrow(&token);
        cell
    });
}
