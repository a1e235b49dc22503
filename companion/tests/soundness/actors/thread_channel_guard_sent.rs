//! claim: a channel's guard, its runtime side, cannot move to another thread: it owns the `Fwd` that turns messages into calls, which stays on the runtime's thread.
use companion::actors::{Channel, Fwd, Runtime};
use std::time::Instant;

fn main() {
    Runtime::scope(Instant::now(), |mut rt| {
        let (_channel, guard) = Channel::new(&mut rt, Fwd::new(|_: u32| {}));
        std::thread::scope(|s| {
            s.spawn(move || drop(guard));
        });
    });
}
