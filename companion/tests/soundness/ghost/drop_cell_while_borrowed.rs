//! claim: a borrow through the token also keeps the cell itself borrowed.
use companion::ghost::{GhostCell, GhostToken};

fn main() {
    GhostToken::new(|mut token| {
        let cell = GhostCell::new(String::from("x"));
        let writing = cell.borrow_mut(&mut token);
        drop(cell);
        writing.push('y');
    });
}
