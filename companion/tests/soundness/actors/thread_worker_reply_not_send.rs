//! claim: a worker thread cannot answer with a value that is not `Send`.
use companion::actors::{Fwd, Runtime, Worker};
use std::rc::Rc;
use std::time::Instant;

fn main() {
    Runtime::scope(Instant::now(), |mut rt| {
        let _worker = Worker::<u32>::spawn(&mut rt, Fwd::new(|_: Rc<u32>| {}), Fwd::new(|_| {}), |_| {});
    });
}
