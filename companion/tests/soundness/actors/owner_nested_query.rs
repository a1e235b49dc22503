//! claim: two actors' states cannot be open at once from outside either: a `query` inside another `query` needs the runtime mutably a second time.
use companion::actors::{Cx, Ret, Runtime, actor};
use std::time::Instant;

struct Counter {
    count: u32,
}

impl Counter {
    fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
        Some(Counter { count: 0 })
    }
}

fn main() {
    let now = Instant::now();
    Runtime::scope(now, |mut rt| {
        let a = actor!(rt, Counter::init(), Ret::nop());
        let b = actor!(rt, Counter::init(), Ret::nop());
        rt.run(now, false);
        a.query(&mut rt, |a, _| {
            b.query(&mut rt, |b, _| a.count += b.count);
        });
    });
}
