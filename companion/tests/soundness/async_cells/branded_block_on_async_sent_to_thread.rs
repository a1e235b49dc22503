//! claim: the future of `block_on_async` stays on its thread too: it is not `Send`, so another thread cannot poll it.
use companion::async_cells::branded::{Executor, poll_fn};
use companion::ghost::GhostToken;
use std::task::Poll;

fn main() {
    GhostToken::new(|token| {
        let mut executor = Executor::new(token);
        let answer = executor.block_on_async(poll_fn(|_| Poll::Ready(42)));
        std::thread::scope(|s| {
            s.spawn(move || futures::executor::block_on(answer));
        });
    });
}
