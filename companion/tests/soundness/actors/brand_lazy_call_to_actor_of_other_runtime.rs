//! claim: `lazy!` and `idle!` queue a call on the runtime they are given, so the actor must be that runtime's: a lazy call from the inner runtime to the outer runtime's actor is refused.
use companion::actors::{Cx, Ret, Runtime, actor, lazy};
use std::time::Instant;

struct Buffer {
    lines: Vec<String>,
}

impl Buffer {
    fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
        Some(Buffer { lines: Vec::new() })
    }
    fn flush<'id>(&mut self, _: &mut Cx<'id, '_, Self>) {
        self.lines.clear();
    }
}

fn main() {
    let now = Instant::now();
    Runtime::scope(now, |outer| {
        let buffer = actor!(outer, Buffer::init(), Ret::nop());
        Runtime::scope(now, |mut inner| {
            lazy!(inner, [buffer], flush());
            inner.run(now, false);
        });
    });
}
