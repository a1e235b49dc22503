//! claim: a method cannot ask for its context for the whole brand `'id`: the runtime lends a `Cx` for one call, so `call!` refuses a method that wants more.
use companion::actors::{Cx, Ret, Runtime, actor, call};
use std::time::Instant;

struct Greedy;

impl Greedy {
    fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
        Some(Greedy)
    }
    fn grab<'id>(&mut self, _: &'id mut Cx<'id, 'id, Self>) {}
}

fn main() {
    let now = Instant::now();
    Runtime::scope(now, |mut rt| {
        let g = actor!(rt, Greedy::init(), Ret::nop());
        call!([g], grab());
        rt.run(now, false);
    });
}
