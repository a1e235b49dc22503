//! claim: a spawned child cannot borrow the executor that will hold it: the executor would keep a borrow of itself, alive when it is dropped.
use companion::async_cells::branded::{Executor, poll_fn};
use companion::ghost::GhostToken;
use std::task::Poll;

fn main() {
    GhostToken::new(|token| {
        let mut executor = Executor::new(token);
        let spawner = executor.spawner();
        let _ = spawner.spawn(poll_fn(|_| Poll::Ready(assert_eq!(executor.len(), 1))));
        executor.run();
    });
}
