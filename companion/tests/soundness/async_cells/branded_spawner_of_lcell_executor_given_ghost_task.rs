//! claim: the spawner of an executor that owns an `LCellOwner` takes only tasks polled with that owner: a task that opens a `GhostCell` through its `Cx` is refused.
use companion::async_cells::branded::{CellExt, Executor, poll_fn};
use companion::ghost::GhostCell;
use qcell::LCellOwner;
use std::task::Poll;

fn main() {
    LCellOwner::scope(|owner| {
        let executor = Executor::new(owner);
        let spawner = executor.spawner();
        let cell = GhostCell::new(0);
        let _ = spawner.spawn(poll_fn(|cx| Poll::Ready(*cell.rw(cx) += 1)));
    });
}
