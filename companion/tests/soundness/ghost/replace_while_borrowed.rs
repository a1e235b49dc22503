//! claim: `replace` needs the token mutably, so it cannot run while a read lives.
use companion::ghost::{GhostCell, GhostToken};

fn main() {
    GhostToken::new(|mut token| {
        let cell = GhostCell::new(String::from("old"));
        let reading: &String = cell.borrow(&token);
        cell.replace(String::from("new"), &mut token);
        assert_eq!(reading, "old");
    });
}
