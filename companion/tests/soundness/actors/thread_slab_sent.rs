//! claim: a slab of children stays on the runtime's thread: its owners are not `Send`, so dropping it (which stops the children) cannot happen on another thread.
use companion::actors::{ActorOwnSlab, Runtime};
use std::time::Instant;

fn main() {
    Runtime::scope(Instant::now(), |_rt| {
        let kids: ActorOwnSlab<'_, u8> = ActorOwnSlab::new();
        std::thread::scope(|s| {
            s.spawn(move || drop(kids));
        });
    });
}
