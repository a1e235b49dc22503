//! claim: the `&mut` to an actor's state that `query` lends cannot be stored outside the closure, to be used after the runtime has moved on.
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
        rt.run(now, false);
        let mut kept: Option<&mut Counter> = None;
        a.query(&mut rt, |a, _| kept = Some(a));
        rt.run(now, false);
        kept.unwrap().count += 1;
    });
}
