//! claim: `call!` of a method the actor does not have is refused where it is written, with the compiler's ordinary "no method" error naming the actor type.
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
        call!([lamp], toggle());
        rt.run(now, false);
    });
}
