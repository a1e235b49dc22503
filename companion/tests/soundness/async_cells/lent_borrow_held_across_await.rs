//! claim: a cell borrow cannot be carried out of the async accessor to live across an `.await`: the closure's result cannot borrow the owner.
use companion::async_cells::lent::{AsyncMarker, LentOwner, with_owner};
use qcell::TLCell;

fn main() {
    let owner = LentOwner::<AsyncMarker>::new();
    let tally = TLCell::<AsyncMarker, _>::new(0);
    let _task = owner.lend(async {
        let held = with_owner(|o| tally.rw(o)).await;
        std::future::ready(()).await;
        *held += 1;
    });
}
