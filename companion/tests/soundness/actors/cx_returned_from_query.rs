//! claim: the context lent to `query` cannot be returned from it: the runtime is free again after `query`, and a `&mut Core` kept from the call would be a second path to it.
use companion::actors::{Cx, Ret, Runtime, actor};
use std::time::Instant;

struct Idle;

impl Idle {
    fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
        Some(Idle)
    }
}

fn main() {
    let now = Instant::now();
    Runtime::scope(now, |mut rt| {
        let a = actor!(rt, Idle::init(), Ret::nop());
        rt.run(now, false);
        let core = a.query(&mut rt, |_, cx| &mut **cx).unwrap();
        rt.run(now, false);
        core.defer(|_| {});
    });
}
