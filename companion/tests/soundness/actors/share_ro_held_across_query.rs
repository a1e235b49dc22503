//! claim: a share read from the runtime cannot stay borrowed across a `query`: the actor's method could write the same share through its `Cx`.
use companion::actors::{Cx, Ret, Runtime, Share, actor};
use std::time::Instant;

struct Writer<'id> {
    tally: Share<'id, u64>,
}

impl<'id> Writer<'id> {
    fn init(_: &mut Cx<'id, '_, Self>, tally: Share<'id, u64>) -> Option<Self> {
        Some(Writer { tally })
    }
}

fn main() {
    let now = Instant::now();
    Runtime::scope(now, |mut rt| {
        let tally = Share::new(0);
        let w = actor!(rt, Writer::init(tally.clone()), Ret::nop());
        rt.run(now, false);
        let seen = tally.ro(&rt);
        w.query(&mut rt, |w, cx| *w.tally.rw(cx) += 1);
        assert_eq!(*seen, 0);
    });
}
