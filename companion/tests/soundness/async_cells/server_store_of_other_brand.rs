//! claim: the branded server's accept task cannot be given a store cell of another brand than its executor's: its connections would open the store with an owner that does not own it.
use companion::async_cells::branded::Executor;
use companion::async_cells::server::{Store, branded};
use companion::ghost::{GhostCell, GhostToken};
use std::rc::Rc;

fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    GhostToken::new(|other| {
        let store = Rc::new(GhostCell::new(Store::default()));
        GhostToken::new(|token| {
            let mut executor = Executor::new(token);
            executor.spawn(branded::serve(listener, store, executor.spawner()));
            runtime.block_on(executor.run_async());
        });
        drop(other);
    });
}
