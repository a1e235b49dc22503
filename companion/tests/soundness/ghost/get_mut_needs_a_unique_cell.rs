//! claim: `get_mut` cannot be called through a shared cell reference.
use companion::ghost::GhostCell;

fn main() {
    let cell = GhostCell::new(1);
    let shared = &cell;
    *shared.get_mut() = 2;
}
