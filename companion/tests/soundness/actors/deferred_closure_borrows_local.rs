//! claim: a deferred closure (`core.defer`, `lazy`, `idle`, a timer) cannot borrow a local: it runs at a later `run`, so it must live for the brand `'id`.
use companion::actors::Runtime;
use std::time::Instant;

fn main() {
    let now = Instant::now();
    Runtime::scope(now, |mut rt| {
        let mut log = Vec::new();
        rt.defer(|_| log.push("ran"));
        rt.run(now, false);
        assert_eq!(log.len(), 1);
    });
}
