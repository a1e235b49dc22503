//! claim: outside the actors, a share's `&mut` taken from the runtime cannot live across `run`: `run` needs the runtime mutably, and the actors it runs could open the same share.
use companion::actors::{Runtime, Share};
use std::time::Instant;

fn main() {
    let now = Instant::now();
    Runtime::scope(now, |mut rt| {
        let tally = Share::new(0);
        let v = tally.rw(&mut rt);
        rt.run(now, false);
        *v += 1;
    });
}
