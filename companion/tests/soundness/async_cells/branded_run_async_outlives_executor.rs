//! claim: the executor's future cannot outlive the executor: it borrows it, so it cannot be returned from the scope that owns the executor.
use companion::async_cells::branded::{Executor, RunAsync};
use companion::ghost::GhostToken;

fn running<'id>(token: GhostToken<'id>) -> RunAsync<'static, 'id, 'static> {
    let mut executor = Executor::new(token);
    executor.run_async()
}

fn main() {
    GhostToken::new(|token| {
        futures::executor::block_on(running(token));
    });
}
