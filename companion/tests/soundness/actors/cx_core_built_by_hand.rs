//! claim: a second `Core` of a brand cannot be made: its fields are private, so the only core (and the only share owner) of a brand is the one `Runtime::scope` built.
use companion::actors::{Core, Runtime};
use std::time::Instant;

fn main() {
    Runtime::scope(Instant::now(), |rt| {
        let _twin = Core { now: rt.now() };
    });
}
