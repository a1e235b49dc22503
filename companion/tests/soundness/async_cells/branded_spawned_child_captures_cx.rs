//! claim: a child cannot capture its parent's `Cx`: the context lends the owner for one poll, and a child that kept it would hold the owner while other tasks run.
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
            let cell = cell.clone();
            let _ = spawner.spawn(poll_fn(move |_| Poll::Ready(*cell.rw(cx) += 1)));
            Poll::Ready(())
        }));
        executor.run();
    });
}
