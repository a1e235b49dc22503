//! claim: a channel cannot be opened on one runtime with a `Fwd` of another: its calls would reach actors of a runtime that never delivers them.
use companion::actors::{Cx, Channel, Fwd, Ret, Runtime, actor};
use std::time::Instant;

struct Sink;

impl Sink {
    fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
        Some(Sink)
    }
    fn take<'id>(&mut self, _: &mut Cx<'id, '_, Self>, _: u32) {}
}

fn main() {
    let now = Instant::now();
    Runtime::scope(now, |outer| {
        let sink = actor!(outer, Sink::init(), Ret::nop());
        Runtime::scope(now, |mut inner| {
            let (_channel, _guard) = Channel::new(&mut inner, Fwd::to_actor(&sink, Sink::take));
        });
    });
}
