//! claim: a spawner cannot be moved into a tokio `spawn_local` task: that task must be `'static`, and a spawner carries its executor's brand, which is not.
use companion::async_cells::branded::{Executor, poll_fn};
use companion::ghost::GhostToken;
use std::task::Poll;

fn main() {
    GhostToken::new(|token| {
        let executor = Executor::new(token);
        let spawner = executor.spawner();
        let local = tokio::task::LocalSet::new();
        local.spawn_local(async move {
            let _ = spawner.spawn(poll_fn(|_| Poll::Ready(())));
        });
    });
}
