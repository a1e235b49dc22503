//! claim: a task cannot borrow a local of the code that spawns it: the runtime may poll it at any later `run`, so it must live for the brand `'id`.
use companion::actors::Runtime;
use companion::async_cells::branded::poll_fn;
use std::task::Poll;
use std::time::Instant;

fn main() {
    let now = Instant::now();
    Runtime::scope(now, |mut rt| {
        let mut log = Vec::new();
        rt.spawn(poll_fn(|_| {
            log.push("polled");
            Poll::Ready(())
        }));
        rt.run(now, false);
    });
}
