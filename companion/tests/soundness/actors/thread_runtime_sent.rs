//! claim: the runtime cannot move to another thread: it holds `Rc`s, queued closures with no `Send` bound, and the branded executor, so it is not `Send`.
use companion::actors::Runtime;
use std::time::Instant;

fn main() {
    Runtime::scope(Instant::now(), |mut rt| {
        std::thread::scope(|s| {
            s.spawn(move || rt.run(Instant::now(), false));
        });
    });
}
