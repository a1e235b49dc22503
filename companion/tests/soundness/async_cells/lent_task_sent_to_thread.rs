//! claim: a `Lend` is `!Send`: a future that lends this thread's owner cannot be polled on another thread.
use companion::async_cells::lent::{AsyncMarker, LentOwner, with_owner};
use qcell::TLCell;

fn main() {
    let owner = LentOwner::<AsyncMarker>::new();
    let task = owner.lend(async {
        let cell = TLCell::<AsyncMarker, _>::new(0);
        with_owner(|o| *cell.rw(o) += 1).await;
    });
    std::thread::spawn(move || futures::executor::block_on(task)).join().unwrap();
}
