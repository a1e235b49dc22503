//! claim: a `Spawner` is `!Send`: the children it queues need not be `Send`, so the handle cannot be moved to another thread and spawn from there.
use companion::async_cells::branded::{Executor, poll_fn};
use companion::ghost::GhostToken;
use std::task::Poll;

fn main() {
    GhostToken::new(|token| {
        let mut executor = Executor::new(token);
        let spawner = executor.spawner();
        std::thread::scope(|s| {
            s.spawn(move || spawner.spawn(poll_fn(|_| Poll::Ready(()))).is_ok());
        });
        executor.run();
    });
}
