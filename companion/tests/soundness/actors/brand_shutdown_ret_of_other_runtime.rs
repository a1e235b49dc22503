//! claim: a shutdown request goes to its own runtime: `ret_shutdown!` makes a `Ret` of that runtime's brand, so an actor of another runtime cannot take it as its notify and stop the wrong main loop.
use companion::actors::{ActorOwn, Runtime, ret_shutdown};
use std::time::Instant;

fn main() {
    let now = Instant::now();
    Runtime::scope(now, |outer| {
        let stop_outer = ret_shutdown!(outer);
        Runtime::scope(now, |inner| {
            let _a = ActorOwn::<u8>::new(&inner, stop_outer);
        });
    });
}
