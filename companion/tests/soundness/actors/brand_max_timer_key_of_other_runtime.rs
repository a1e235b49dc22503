//! claim: a max timer key names a timer of one runtime only: its type carries the brand, so it cannot move (or cancel) a timer of another runtime that happens to use the same slot.
use companion::actors::Runtime;
use std::time::{Duration, Instant};

fn main() {
    let now = Instant::now();
    Runtime::scope(now, |mut outer| {
        let key = outer.timer_max_add(now + Duration::from_secs(1), |_| {});
        Runtime::scope(now, |mut inner| {
            inner.timer_max_add(now + Duration::from_secs(1), |_| {});
            inner.timer_max_upd(key, now + Duration::from_secs(9));
        });
    });
}
