//! claim: a child cannot capture a cell borrow of its parent's poll: the `&mut` from `rw(cx)` lives for one poll, and the child is polled later.
use companion::async_cells::branded::{CellExt, Executor, poll_fn};
use companion::ghost::{GhostCell, GhostToken};
use std::rc::Rc;
use std::task::Poll;

fn main() {
    GhostToken::new(|token| {
        let cell = Rc::new(GhostCell::new(0));
        let mut executor = Executor::new(token);
        let spawner = executor.spawner();
        executor.spawn(poll_fn(move |cx| {
            let value = cell.rw(cx);
            let _ = spawner.spawn(poll_fn(move |_| Poll::Ready(*value += 1)));
            Poll::Ready(())
        }));
        executor.run();
    });
}
