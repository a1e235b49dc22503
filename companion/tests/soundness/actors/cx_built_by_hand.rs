//! claim: an actor's `Cx` cannot be assembled from its fields: they are private, and only the runtime makes one, around the core, for one call.
use companion::actors::{ActorOwn, Cx, Ret, Runtime};
use std::time::Instant;

fn main() {
    Runtime::scope(Instant::now(), |mut rt| {
        let a = ActorOwn::<u32>::new(&rt, Ret::nop());
        let _cx = Cx { core: &mut *rt, this: &*a, stop: None };
    });
}
