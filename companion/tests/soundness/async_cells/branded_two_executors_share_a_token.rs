//! claim: two executors cannot own one token: `Executor::new` takes it by value, and a token is not `Copy`.
use companion::async_cells::branded::Executor;
use companion::ghost::GhostToken;

fn main() {
    GhostToken::new(|token| {
        let first = Executor::new(token);
        let second = Executor::new(token);
        drop((first, second));
    });
}
