//! claim: `GhostCell<Rc<_>>` cannot be sent to another thread.
use companion::ghost::GhostCell;
use std::rc::Rc;

fn main() {
    let cell = GhostCell::new(Rc::new(1));
    std::thread::spawn(move || drop(cell));
}
