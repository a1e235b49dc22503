//! claim: an `LCell`-flavour cell of one `LCellOwner::scope` cannot be opened with the `Cx` of another scope's executor.
use companion::async_cells::branded::{AsyncCell, CellExt, Executor, poll_fn};
use qcell::LCellOwner;
use std::task::Poll;

fn main() {
    LCellOwner::scope(|outer| {
        let cell = AsyncCell::new(0);
        let mut first = Executor::new(outer);
        first.block_on(poll_fn(|cx| Poll::Ready(*cell.rw(cx) += 1)));
        LCellOwner::scope(|inner| {
            let mut second = Executor::new(inner);
            second.block_on(poll_fn(|cx| Poll::Ready(*cell.rw(cx) += 1)));
        });
    });
}
