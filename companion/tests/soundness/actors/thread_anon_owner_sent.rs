//! claim: an anonymous owner stays on the runtime's thread: the erased owner is not `Send`, so its drop (which queues the actor's stop) cannot run on another thread.
use companion::actors::{ActorOwn, Ret, Runtime};
use std::time::Instant;

fn main() {
    Runtime::scope(Instant::now(), |rt| {
        let anon = ActorOwn::<u8>::new(&rt, Ret::nop()).anon();
        std::thread::scope(|s| {
            s.spawn(move || drop(anon));
        });
    });
}
