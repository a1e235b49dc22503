//! claim: `call!` checks each argument against the method's parameter where the call is written, like a direct method call.
use companion::actors::{Cx, Ret, Runtime, actor, call};
use std::time::Instant;

struct Lamp {
    on: bool,
}

impl Lamp {
    fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
        Some(Lamp { on: false })
    }
    fn switch<'id>(&mut self, _: &mut Cx<'id, '_, Self>, on: bool) {
        self.on = on;
    }
}

fn main() {
    let now = Instant::now();
    Runtime::scope(now, |mut rt| {
        let lamp = actor!(rt, Lamp::init(), Ret::nop());
        call!([lamp], switch("on"));
        rt.run(now, false);
    });
}
