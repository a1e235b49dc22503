//! claim: a branded future cannot keep a cell borrow alive across the poll of a child (the branded `.await`): both need `cx` mutably.
use companion::async_cells::branded::{BrandedFuture, CellExt, poll_fn};
use companion::ghost::{GhostCell, GhostToken};
use std::pin::pin;
use std::task::Poll;

fn main() {
    GhostToken::new(|token| {
        let tally = GhostCell::new(0);
        let mut executor = companion::async_cells::branded::Executor::new(token);
        let mut child = pin!(poll_fn(|cx| Poll::Ready(*tally.rw(cx) += 1)));
        executor.block_on(poll_fn(|cx| {
            let held = tally.rw(cx);
            let _ = child.as_mut().poll(cx);
            *held += 1;
            Poll::Ready(())
        }));
    });
}
