//! claim: there is no `.await` inside the accessor's closure: it is synchronous, so no borrow it makes can be suspended.
use companion::async_cells::lent::{AsyncMarker, LentOwner, with_owner};
use qcell::TLCell;

fn main() {
    let owner = LentOwner::<AsyncMarker>::new();
    let tally = TLCell::<AsyncMarker, _>::new(0);
    let _task = owner.lend(async {
        with_owner(|o| {
            *tally.rw(o) += 1;
            std::future::ready(()).await;
            *tally.rw(o) += 1;
        })
        .await;
    });
}
