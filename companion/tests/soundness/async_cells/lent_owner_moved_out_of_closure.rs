//! claim: the accessor lends the owner, it does not give it away: it cannot be moved out of the `&mut` by value (`mem::take` compiles, and qcell refuses the second owner it would make with a panic; see the unit test `taking_the_owner_out_of_the_accessor_is_refused_by_qcell`).
use companion::async_cells::lent::{AsyncMarker, LentOwner, with_owner};
use qcell::TLCellOwner;

fn main() {
    let owner = LentOwner::<AsyncMarker>::new();
    let _task = owner.lend(async {
        let _mine: TLCellOwner<AsyncMarker> = with_owner(|o| *o).await;
    });
}
