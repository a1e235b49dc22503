//! claim: the executor's future cannot be a tokio `spawn_local` task either: it borrows the executor, whose brand is not `'static`; it is awaited with `LocalSet::run_until` or `block_on` instead.
use companion::async_cells::branded::Executor;
use companion::ghost::GhostToken;

fn main() {
    GhostToken::new(|token| {
        let mut executor = Executor::new(token);
        let local = tokio::task::LocalSet::new();
        local.spawn_local(executor.run_async());
    });
}
