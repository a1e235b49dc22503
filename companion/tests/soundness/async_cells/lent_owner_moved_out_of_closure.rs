//! claim: the accessor lends the owner, it does not give it away: it cannot be moved out of the `&mut`.
use companion::async_cells::lent::{AsyncMarker, LentOwner, with_owner};
use qcell::TLCellOwner;

fn main() {
    let owner = LentOwner::<AsyncMarker>::new();
    let _task = owner.lend(async {
        let _mine: TLCellOwner<AsyncMarker> = with_owner(|o| *o).await;
    });
}
