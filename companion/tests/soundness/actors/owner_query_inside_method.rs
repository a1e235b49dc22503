//! claim: an actor method cannot open another actor's state with `query`: `query` needs `&mut Runtime`, and a method is given only its `Cx`, which holds the core and not the actor owner.
use companion::actors::{Actor, Cx, Ret, Runtime, actor, call};
use std::time::Instant;

struct Counter {
    count: u32,
}

impl Counter {
    fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
        Some(Counter { count: 0 })
    }
}

struct Thief<'id> {
    victim: Actor<'id, Counter>,
}

impl<'id> Thief<'id> {
    fn init(_: &mut Cx<'id, '_, Self>, victim: Actor<'id, Counter>) -> Option<Self> {
        Some(Thief { victim })
    }
    fn steal(&mut self, cx: &mut Cx<'id, '_, Self>) {
        self.victim.query(cx, |counter, _| counter.count += 1);
    }
}

fn main() {
    let now = Instant::now();
    Runtime::scope(now, |mut rt| {
        let counter = actor!(rt, Counter::init(), Ret::nop());
        let thief = actor!(rt, Thief::init(counter.clone()), Ret::nop());
        call!([thief], steal());
        rt.run(now, false);
    });
}
