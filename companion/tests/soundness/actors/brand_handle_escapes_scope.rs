//! claim: an actor handle cannot leave its `Runtime::scope`: its type names the scope's brand, which the scope's result cannot mention.
use companion::actors::{Cx, Ret, Runtime, actor};
use std::time::Instant;

struct Counter;

impl Counter {
    fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
        Some(Counter)
    }
}

fn main() {
    let now = Instant::now();
    let escaped = Runtime::scope(now, |rt| actor!(rt, Counter::init(), Ret::nop()));
    drop(escaped);
}
