//! claim: two cells of one brand cannot be written at once through one `Cx`: `rw` borrows `cx` mutably.
use companion::async_cells::branded::{CellExt, Cx};
use companion::ghost::{GhostCell, GhostToken};
use std::task::Waker;

fn main() {
    GhostToken::new(|mut token| {
        let (a, b) = (GhostCell::new(1), GhostCell::new(2));
        let mut cx = Cx::new(&mut token, Waker::noop());
        let first = a.rw(&mut cx);
        let second = b.rw(&mut cx);
        std::mem::swap(first, second);
    });
}
