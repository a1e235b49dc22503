//! claim: a spawned child may borrow only what the executor's `'f` allows: a local made after the executor, and dropped before it, cannot be borrowed by a child.
use companion::async_cells::branded::{Executor, poll_fn};
use companion::ghost::GhostToken;
use std::task::Poll;

fn main() {
    GhostToken::new(|token| {
        let mut executor = Executor::new(token);
        let spawner = executor.spawner();
        {
            let short_lived = String::from("gone before the executor");
            let _ = spawner.spawn(poll_fn(|_| Poll::Ready(assert!(!short_lived.is_empty()))));
        }
        executor.run();
    });
}
