//! claim: an anonymous owner keeps its runtime's brand: erasing the actor's type does not erase the runtime, so owners of two runtimes cannot be mixed in one collection.
use companion::actors::{ActorOwn, ActorOwnAnon, Ret, Runtime};
use std::time::Instant;

fn main() {
    let now = Instant::now();
    Runtime::scope(now, |outer| {
        let mut owners: Vec<ActorOwnAnon<'_>> = vec![ActorOwn::<u8>::new(&outer, Ret::nop()).anon()];
        Runtime::scope(now, |inner| {
            owners.push(ActorOwn::<u8>::new(&inner, Ret::nop()).anon());
        });
    });
}
