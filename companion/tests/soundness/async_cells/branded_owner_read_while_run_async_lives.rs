//! claim: the owner cannot be borrowed from the executor while its future lives: the tasks it polls get `&mut` to the owner, so no `&` to it may be alive meanwhile.
use companion::async_cells::branded::{Executor, poll_fn};
use companion::ghost::{GhostCell, GhostToken};
use std::task::Poll;

fn main() {
    GhostToken::new(|token| {
        let cell = GhostCell::new(0);
        let mut executor = Executor::new(token);
        executor.spawn(poll_fn(|_| Poll::Ready(())));
        let running = executor.run_async();
        let value = cell.borrow(executor.owner());
        futures::executor::block_on(running);
        assert_eq!(*value, 0);
    });
}
