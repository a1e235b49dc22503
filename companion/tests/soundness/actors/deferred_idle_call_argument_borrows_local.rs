//! claim: the arguments of an `idle!` (or `lazy!`) call are evaluated when it is queued and kept until the runtime is idle, so they cannot borrow a local of the method that queues it: the queued call must live for `'id`.
use companion::actors::{Cx, Ret, Runtime, actor, idle};
use std::time::Instant;

struct Log(Vec<String>);

impl Log {
    fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
        Some(Log(Vec::new()))
    }
    fn line<'id>(&mut self, _: &mut Cx<'id, '_, Self>, text: &str) {
        self.0.push(text.to_string());
    }
    fn later<'id>(&mut self, cx: &mut Cx<'id, '_, Self>) {
        let text = format!("{} lines so far", self.0.len());
        idle!(cx, [cx], line(&text));
    }
}

fn main() {
    let now = Instant::now();
    Runtime::scope(now, |mut rt| {
        let _log = actor!(rt, Log::init(), Ret::nop());
        rt.run(now, true);
    });
}
