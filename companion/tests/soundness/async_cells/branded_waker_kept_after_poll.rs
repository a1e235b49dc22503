//! claim: a branded task cannot keep the `&Waker` of its `Cx` after the poll (the executor's waker lives on its stack for one poll); to be woken later it must clone it.
use companion::async_cells::branded::{Executor, poll_fn};
use companion::ghost::GhostToken;
use std::task::{Poll, Waker};

fn main() {
    GhostToken::new(|token| {
        let mut kept: Option<&Waker> = None;
        let mut executor = Executor::new(token);
        executor.block_on(poll_fn(|cx| {
            kept = Some(cx.waker());
            Poll::Ready(())
        }));
        kept.unwrap().wake_by_ref();
    });
}
