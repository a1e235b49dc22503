//! claim: an owning handle cannot move to another thread: dropping it there would queue the actor's stop on a queue that only the runtime's thread may touch.
use companion::actors::{ActorOwn, Ret, Runtime};
use std::time::Instant;

fn main() {
    Runtime::scope(Instant::now(), |rt| {
        let own = ActorOwn::<u32>::new(&rt, Ret::nop());
        std::thread::spawn(move || drop(own));
    });
}
