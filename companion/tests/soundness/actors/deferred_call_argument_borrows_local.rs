//! claim: the arguments of a `call!` are moved into the queued call, so they cannot borrow a local of the caller: the call runs later and must live for `'id`.
use companion::actors::{Cx, Ret, Runtime, actor, call};
use std::time::Instant;

struct Log(Vec<String>);

impl Log {
    fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
        Some(Log(Vec::new()))
    }
    fn line<'id>(&mut self, _: &mut Cx<'id, '_, Self>, text: &str) {
        self.0.push(text.to_string());
    }
}

fn main() {
    let now = Instant::now();
    Runtime::scope(now, |mut rt| {
        let log = actor!(rt, Log::init(), Ret::nop());
        let text = String::from("hello");
        call!([log], line(&text));
        rt.run(now, false);
    });
}
