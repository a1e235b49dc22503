//! claim: a token is moved, not copied, so it cannot be used after being given away.
use companion::ghost::{GhostCell, GhostToken};

fn main() {
    GhostToken::new(|mut token| {
        let cell = GhostCell::new(1);
        let given_away = token;
        *cell.borrow_mut(&mut token) = 2;
        drop(given_away);
    });
}
