//! claim: the executor's future is not `Send`, like the executor it borrows: a multi-thread runtime's `tokio::spawn` refuses it (it is awaited on its thread, in a current-thread runtime or a `LocalSet`).
use companion::async_cells::branded::Executor;
use companion::ghost::GhostToken;

fn main() {
    GhostToken::new(|token| {
        let mut executor = Executor::new(token);
        tokio::spawn(async move { executor.run_async().await });
    });
}
