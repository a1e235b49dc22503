//! claim: a handle of one runtime cannot be opened with another: two `Runtime::scope`s have two brands, so `query` with the inner runtime refuses the outer runtime's actor.
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
    Runtime::scope(now, |mut outer| {
        let a = actor!(outer, Counter::init(), Ret::nop());
        outer.run(now, false);
        Runtime::scope(now, |mut inner| {
            a.query(&mut inner, |a, _| a.count += 1);
        });
    });
}
