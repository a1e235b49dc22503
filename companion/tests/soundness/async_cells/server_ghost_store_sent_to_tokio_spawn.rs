//! claim: the branded server's store cannot be moved into `tokio::spawn`, whose task may run on another thread of a multi-thread runtime, even in an `Arc`: its brand lives only inside the token's scope, and `tokio::spawn` wants a `'static` task.
use companion::async_cells::server::Store;
use companion::ghost::{GhostCell, GhostToken};
use std::sync::Arc;

fn main() {
    GhostToken::new(|mut token| {
        let store = Arc::new(GhostCell::new(Store::default()));
        let remote = store.clone();
        tokio::spawn(async move { Arc::strong_count(&remote) });
        store.borrow_mut(&mut token).answer("COUNT");
    });
}
