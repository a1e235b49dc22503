//! claim: a channel's guard cannot leave its runtime's scope: it carries the runtime's brand.
use companion::actors::{Channel, Fwd, Runtime};
use std::time::Instant;

fn main() {
    let _guard = Runtime::scope(Instant::now(), |mut rt| {
        let (_channel, guard) = Channel::new(&mut rt, Fwd::new(|_: u32| {}));
        guard
    });
}
