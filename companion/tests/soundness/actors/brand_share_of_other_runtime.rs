//! claim: a share used with one runtime cannot be opened with another's owner: its brand was fixed by the first use, and the second runtime's share token has a different one.
use companion::actors::{Runtime, Share};
use std::time::Instant;

fn main() {
    let now = Instant::now();
    Runtime::scope(now, |mut outer| {
        let tally = Share::new(0);
        *tally.rw(&mut outer) += 1;
        Runtime::scope(now, |mut inner| {
            *tally.rw(&mut inner) += 1;
        });
    });
}
