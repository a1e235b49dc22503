//! claim: a `Spawner` is `!Sync`: a scoped thread cannot spawn through a shared reference to it either.
use companion::async_cells::branded::{Executor, poll_fn};
use companion::ghost::GhostToken;
use std::task::Poll;

fn main() {
    GhostToken::new(|token| {
        let mut executor = Executor::new(token);
        let spawner = executor.spawner();
        let shared = &spawner;
        std::thread::scope(|s| {
            s.spawn(move || shared.spawn(poll_fn(|_| Poll::Ready(()))).is_ok());
        });
        executor.run();
    });
}
