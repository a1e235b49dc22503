//! claim: the `Context` accessor cannot be nested on one `Context`: the closure cannot use `cx` while the accessor borrows it.
use companion::async_cells::lent::{AsyncMarker, LentOwner, with_context_owner};
use qcell::{TLCell, TLCellOwner};
use std::future::poll_fn;
use std::task::Poll;

fn main() {
    let owner = LentOwner::<AsyncMarker>::new();
    let cell = TLCell::<AsyncMarker, _>::new(0);
    let _task = owner.lend(poll_fn(|cx| {
        let _ = with_context_owner(cx, |first: &mut TLCellOwner<AsyncMarker>| {
            with_context_owner(cx, |second: &mut TLCellOwner<AsyncMarker>| {
                *cell.rw(first) += *cell.ro(second);
            })
        });
        Poll::Ready(())
    }));
}
