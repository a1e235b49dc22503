//! claim: brands cannot be mixed between two executors: a task that opens a cell of one executor's brand cannot be spawned on the other.
use companion::async_cells::branded::{CellExt, Executor, poll_fn};
use companion::ghost::{GhostCell, GhostToken};
use std::task::Poll;

fn main() {
    GhostToken::new(|first| {
        GhostToken::new(|second| {
            let cell_of_first = GhostCell::new(0);
            let mut a = Executor::new(first);
            a.block_on(poll_fn(|cx| Poll::Ready(*cell_of_first.rw(cx) += 1)));
            let mut b = Executor::new(second);
            b.spawn(poll_fn(|cx| Poll::Ready(*cell_of_first.rw(cx) += 1)));
        });
    });
}
