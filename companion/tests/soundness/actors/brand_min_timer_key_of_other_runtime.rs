//! claim: a min timer key moves a timer of one runtime only: its type carries the brand, so it cannot bring forward a timer of another runtime that happens to use the same slot and sequence number.
use companion::actors::Runtime;
use std::time::{Duration, Instant};

fn main() {
    let now = Instant::now();
    Runtime::scope(now, |mut outer| {
        let key = outer.timer_min_add(now + Duration::from_secs(9), |_| {});
        Runtime::scope(now, |mut inner| {
            inner.timer_min_add(now + Duration::from_secs(9), |_| {});
            inner.timer_min_upd(key, now);
        });
    });
}
