//! claim: a min timer key cannot outlive its runtime's scope: a key carried out to the next runtime would name that runtime's timer in the same slot.
use companion::actors::{MinTimerKey, Runtime};
use std::time::{Duration, Instant};

fn main() {
    let now = Instant::now();
    let mut kept: Option<MinTimerKey<'_>> = None;
    Runtime::scope(now, |mut rt| {
        kept = Some(rt.timer_min_add(now + Duration::from_secs(1), |_| {}));
    });
}
