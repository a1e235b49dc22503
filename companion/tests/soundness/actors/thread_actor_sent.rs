//! claim: an actor handle cannot move to another thread: it is an `Rc`, whose count the runtime's thread changes without atomics.
use companion::actors::{ActorOwn, Ret, Runtime};
use std::time::Instant;

fn main() {
    Runtime::scope(Instant::now(), |rt| {
        let own = ActorOwn::<u32>::new(&rt, Ret::nop());
        let handle = own.clone();
        std::thread::spawn(move || handle.defer_call(|n, _| *n += 1));
    });
}
