//! claim: a task the runtime polls cannot hold a share's `&mut` across the poll of a child future: the share borrow and the child's poll both need the task's `cx` mutably.
use companion::actors::{Runtime, Share};
use companion::async_cells::branded::{BrandedFuture, poll_fn};
use std::pin::Pin;
use std::task::Poll;
use std::time::Instant;

fn main() {
    let now = Instant::now();
    Runtime::scope(now, |mut rt| {
        let tally = Share::new(0);
        let t = tally.clone();
        let mut child = Box::pin(poll_fn(move |cx| Poll::Ready(*t.rw(cx) += 1)));
        rt.spawn(poll_fn(move |cx| {
            let held = tally.rw(cx);
            let _ = Pin::as_mut(&mut child).poll(cx);
            *held += 1;
            Poll::Ready(())
        }));
        rt.run(now, false);
    });
}
