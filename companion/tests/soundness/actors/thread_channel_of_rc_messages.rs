//! claim: a channel cannot carry messages that are not `Send`: a sender on another thread would hand the runtime an `Rc` whose count both threads change.
use companion::actors::{Channel, Fwd, Runtime};
use std::rc::Rc;
use std::time::Instant;

fn main() {
    Runtime::scope(Instant::now(), |mut rt| {
        let (_channel, _guard) = Channel::new(&mut rt, Fwd::new(|_: Rc<u32>| {}));
    });
}
