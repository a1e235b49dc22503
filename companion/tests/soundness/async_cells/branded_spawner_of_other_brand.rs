//! claim: a child that opens a cell of one brand cannot be spawned through the spawner of an executor of another brand.
use companion::async_cells::branded::{CellExt, Executor, poll_fn};
use companion::ghost::{GhostCell, GhostToken};
use std::task::Poll;

fn main() {
    GhostToken::new(|first| {
        GhostToken::new(|second| {
            let cell_of_first = GhostCell::new(0);
            let mut a = Executor::new(first);
            a.block_on(poll_fn(|cx| Poll::Ready(*cell_of_first.rw(cx) += 1)));
            let b = Executor::new(second);
            let spawner_of_b = b.spawner();
            let _ = spawner_of_b.spawn(poll_fn(|cx| Poll::Ready(*cell_of_first.rw(cx) += 1)));
        });
    });
}
