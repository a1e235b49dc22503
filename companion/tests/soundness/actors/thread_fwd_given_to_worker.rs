//! claim: a worker thread's function cannot take a `Fwd` with it: the thread answers through its link, and the `Fwd` stays on the runtime's thread.
use companion::actors::{Fwd, Runtime, Worker};
use std::time::Instant;

fn main() {
    Runtime::scope(Instant::now(), |mut rt| {
        let out = Fwd::new(|_: u32| {});
        let _worker = Worker::<u32>::spawn(&mut rt, out.clone(), Fwd::new(|_| {}), move |_| out.fwd(1));
    });
}
