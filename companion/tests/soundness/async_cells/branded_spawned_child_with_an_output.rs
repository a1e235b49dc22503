//! claim: a spawned child has no one to give an output to: it must be a `BrandedFuture<Output = ()>`.
use companion::async_cells::branded::{Executor, poll_fn};
use companion::ghost::GhostToken;
use std::task::Poll;

fn main() {
    GhostToken::new(|token| {
        let mut executor = Executor::new(token);
        let spawner = executor.spawner();
        let _ = spawner.spawn(poll_fn(|_| Poll::Ready(42)));
        executor.run();
    });
}
