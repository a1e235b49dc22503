//! claim: the lent owner cannot escape the accessor's closure into a variable outside it.
use companion::async_cells::lent::{AsyncMarker, LentOwner, with_owner};
use qcell::TLCellOwner;

fn main() {
    let owner = LentOwner::<AsyncMarker>::new();
    let _task = owner.lend(async {
        let mut stolen: Option<&mut TLCellOwner<AsyncMarker>> = None;
        with_owner(|o| stolen = Some(o)).await;
        drop(stolen);
    });
}
