//! claim: a task cannot keep a share's `&mut` from one poll for the next: the borrow ends with the poll's `cx`, and the task lives for `'id`.
use companion::actors::{Runtime, Share};
use companion::async_cells::branded::poll_fn;
use std::task::Poll;
use std::time::Instant;

fn main() {
    let now = Instant::now();
    Runtime::scope(now, |mut rt| {
        // Leaked, so the share itself lives as long as the task may need.
        let tally: &Share<'_, u32> = Box::leak(Box::new(Share::new(0)));
        let mut kept: Option<&mut u32> = None;
        rt.spawn(poll_fn(move |cx| {
            match kept.take() {
                Some(v) => {
                    *v += 1;
                    Poll::Ready(())
                }
                None => {
                    kept = Some(tally.rw(cx));
                    Poll::Pending
                }
            }
        }));
        rt.run(now, false);
    });
}
