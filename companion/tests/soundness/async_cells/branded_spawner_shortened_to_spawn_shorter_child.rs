//! claim: a spawner cannot be shortened to a shorter `'f` to spawn a child that borrows less long than the executor: it is invariant in `'f`, as the queue it shares with the executor must be.
use companion::async_cells::branded::{Executor, Spawner, poll_fn};
use companion::ghost::GhostToken;
use std::task::Poll;

/// Would be the identity if `Spawner` were covariant in `'f`.
fn shorten<'id, 'long: 'short, 'short>(spawner: Spawner<'id, 'long>) -> Spawner<'id, 'short> {
    spawner
}

fn main() {
    GhostToken::new(|token| {
        let mut executor = Executor::new(token);
        let spawner = executor.spawner();
        {
            let short_lived = String::from("gone before the executor");
            let shortened = shorten(spawner.clone());
            let _ = shortened.spawn(poll_fn(|_| Poll::Ready(assert!(!short_lived.is_empty()))));
        }
        drop(spawner);
        executor.run();
    });
}
