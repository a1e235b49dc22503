//! claim: a worker thread's function cannot take an actor handle with it, to queue calls from its thread.
use companion::actors::{ActorOwn, Fwd, Ret, Runtime, Worker};
use std::time::Instant;

fn main() {
    Runtime::scope(Instant::now(), |mut rt| {
        let own = ActorOwn::<u32>::new(&rt, Ret::nop());
        let handle = own.clone();
        let _worker = Worker::<u32>::spawn(&mut rt, Fwd::new(|_: u32| {}), Fwd::new(|_| {}), move |_| {
            handle.defer_call(|n, _| *n += 1);
        });
    });
}
