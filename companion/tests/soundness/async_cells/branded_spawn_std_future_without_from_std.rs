//! claim: a spawner takes branded futures only: an `async` block (a `std::future::Future`, which gets no owner) is spawned by wrapping it in `from_std`.
use companion::async_cells::branded::Executor;
use companion::ghost::GhostToken;

fn main() {
    GhostToken::new(|token| {
        let mut executor = Executor::new(token);
        let spawner = executor.spawner();
        let _ = spawner.spawn(async {});
        executor.run();
    });
}
