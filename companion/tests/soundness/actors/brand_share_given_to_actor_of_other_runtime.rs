//! claim: an actor of one runtime cannot be given a share (or a handle) of another runtime: the actor's type carries its runtime's brand, and the share's brand differs.
use companion::actors::{Cx, Ret, Runtime, Share, actor};
use std::time::Instant;

struct Worker<'id> {
    tally: Share<'id, u64>,
}

impl<'id> Worker<'id> {
    fn init(_: &mut Cx<'id, '_, Self>, tally: Share<'id, u64>) -> Option<Self> {
        Some(Worker { tally })
    }
}

fn main() {
    let now = Instant::now();
    Runtime::scope(now, |mut outer| {
        let tally = Share::new(0);
        *tally.rw(&mut outer) += 1;
        Runtime::scope(now, |inner| {
            let _w = actor!(inner, Worker::init(tally.clone()), Ret::nop());
        });
    });
}
