//! claim: a branded future cannot return a cell borrow as its output: the borrow ends with the poll.
use companion::async_cells::branded::{CellExt, Executor, poll_fn};
use companion::ghost::{GhostCell, GhostToken};
use std::task::Poll;

fn main() {
    GhostToken::new(|token| {
        let cell = GhostCell::new(0);
        let mut executor = Executor::new(token);
        let escaped: &mut i32 = executor.block_on(poll_fn(|cx| Poll::Ready(cell.rw(cx))));
        *escaped += 1;
    });
}
