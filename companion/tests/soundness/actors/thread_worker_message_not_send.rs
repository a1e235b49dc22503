//! claim: a worker cannot be sent messages that are not `Send`: the actor and the thread would share the `Rc`'s count.
use companion::actors::{Fwd, Runtime, Worker};
use std::rc::Rc;
use std::time::Instant;

fn main() {
    Runtime::scope(Instant::now(), |mut rt| {
        let _worker = Worker::<Rc<u32>>::spawn(&mut rt, Fwd::new(|_: u32| {}), Fwd::new(|_| {}), |_| {});
    });
}
