//! claim: the branded executor is never `Send`: it stores its tasks as `dyn BrandedFuture` with no `Send` bound, so tasks may hold `Rc`s and cells that must stay on this thread, and it shares its spawn queue with its spawners through an `Rc`.
use companion::async_cells::branded::{CellExt, Executor, poll_fn};
use companion::ghost::{GhostCell, GhostToken};
use std::task::Poll;

fn main() {
    GhostToken::new(|token| {
        let cell = GhostCell::new(0);
        let mut executor = Executor::new(token);
        executor.spawn(poll_fn(|cx| Poll::Ready(*cell.rw(cx) += 1)));
        std::thread::scope(|s| {
            s.spawn(move || executor.run());
        });
    });
}
