//! claim: while the executor's future lives, the executor cannot be used: `spawn` from outside needs it mutably, and the future holds it (a `Spawner` is the way in).
use companion::async_cells::branded::{Executor, poll_fn};
use companion::ghost::GhostToken;
use std::task::Poll;

fn main() {
    GhostToken::new(|token| {
        let mut executor = Executor::new(token);
        let running = executor.run_async();
        executor.spawn(poll_fn(|_| Poll::Ready(())));
        futures::executor::block_on(running);
    });
}
