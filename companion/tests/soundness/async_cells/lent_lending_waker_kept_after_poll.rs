//! claim: a future under `Lend` cannot keep the lending `&Waker` after the poll (it points at a frame on `Lend::poll`'s stack); a clone carries no owner.
use companion::async_cells::lent::{AsyncMarker, LentOwner};
use std::future::poll_fn;
use std::task::{Poll, Waker};

fn main() {
    let owner = LentOwner::<AsyncMarker>::new();
    let mut kept: Option<&Waker> = None;
    futures::executor::block_on(owner.lend(poll_fn(|cx| {
        kept = Some(cx.waker());
        Poll::Ready(())
    })));
    kept.unwrap().wake_by_ref();
}
