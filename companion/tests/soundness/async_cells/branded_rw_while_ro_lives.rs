//! claim: a cell cannot be written through `cx` while a read of another cell through the same `cx` is alive.
use companion::async_cells::branded::{CellExt, Cx};
use companion::ghost::{GhostCell, GhostToken};
use std::task::Waker;

fn main() {
    GhostToken::new(|mut token| {
        let (a, b) = (GhostCell::new(1), GhostCell::new(2));
        let mut cx = Cx::new(&mut token, Waker::noop());
        let read = a.ro(&cx);
        *b.rw(&mut cx) = *read;
        println!("{read}");
    });
}
