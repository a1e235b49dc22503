//! claim: `query` cannot return a reference into the actor's state: its result type is chosen outside the closure, so it cannot borrow from the state the closure was lent.
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
        let count: Option<&mut u32> = a.query(&mut rt, |a, _| &mut a.count);
        rt.run(now, false);
        *count.unwrap() += 1;
    });
}
