//! claim: inside the accessor the usual owner rule holds: two cells cannot be written at once with one lent owner.
use companion::async_cells::lent::{AsyncMarker, LentOwner, with_owner};
use qcell::TLCell;

fn main() {
    let owner = LentOwner::<AsyncMarker>::new();
    let (a, b) = (TLCell::<AsyncMarker, _>::new(1), TLCell::<AsyncMarker, _>::new(2));
    let _task = owner.lend(async {
        with_owner(|o| {
            let first = a.rw(o);
            let second = b.rw(o);
            std::mem::swap(first, second);
        })
        .await;
    });
}
