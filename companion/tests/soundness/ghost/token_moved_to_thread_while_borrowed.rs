//! claim: the token cannot move to another thread while a borrow made with it lives.
use companion::ghost::{GhostCell, GhostToken};

fn main() {
    GhostToken::new(|mut token| {
        let cell = GhostCell::new(1);
        let reading = cell.borrow(&token);
        std::thread::scope(|s| {
            let cell = &cell;
            s.spawn(move || *cell.borrow_mut(&mut token) = 2);
        });
        assert_eq!(*reading, 1);
    });
}
