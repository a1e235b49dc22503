//! claim: a timer's closure cannot borrow a local either: it may fire at any later `run`, long after the frame that set it.
use companion::actors::Runtime;
use std::time::{Duration, Instant};

fn main() {
    let now = Instant::now();
    Runtime::scope(now, |mut rt| {
        let fired = std::cell::Cell::new(false);
        rt.after(Duration::from_secs(1), |_| fired.set(true));
        rt.run(now + Duration::from_secs(1), false);
        assert!(fired.get());
    });
}
