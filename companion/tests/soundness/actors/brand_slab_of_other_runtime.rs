//! claim: a slab of children belongs to one runtime: its type carries the brand, so a child made with another runtime's core cannot be put in it, and no runtime ever delivers a call to an actor of the other.
use companion::actors::{ActorOwn, ActorOwnSlab, Ret, Runtime};
use std::time::Instant;

struct Parent<'id> {
    kids: ActorOwnSlab<'id, u8>,
}

fn main() {
    let now = Instant::now();
    Runtime::scope(now, |outer| {
        let parent = ActorOwn::<Parent<'_>>::new(&outer, Ret::nop());
        let mut kids = ActorOwnSlab::new();
        Runtime::scope(now, |inner| {
            kids.add(&inner, parent.clone(), |p: &mut Parent<'_>| &mut p.kids, Ret::nop());
        });
    });
}
