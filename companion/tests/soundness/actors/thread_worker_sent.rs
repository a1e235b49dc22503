//! claim: a `Worker` handle cannot move to another thread: it holds its channel's guard, which stays on the runtime's thread.
use companion::actors::{Fwd, Runtime, Worker};
use std::time::Instant;

fn main() {
    Runtime::scope(Instant::now(), |mut rt| {
        let worker = Worker::<u32>::spawn(&mut rt, Fwd::new(|_: u32| {}), Fwd::new(|_| {}), |_| {});
        std::thread::scope(|s| {
            s.spawn(move || worker.send(1));
        });
    });
}
