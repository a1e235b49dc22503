//! claim: the core that a method reaches through its `Cx` is not the runtime: passing `&mut Core` where `query` wants `&mut Runtime` does not type-check, since the actor owner is a field of the runtime outside the core.
use companion::actors::{Actor, Cx};

struct Counter {
    count: u32,
}

struct Thief<'id> {
    victim: Actor<'id, Counter>,
}

impl<'id> Thief<'id> {
    fn steal(&mut self, cx: &mut Cx<'id, '_, Self>) {
        let core: &mut companion::actors::Core<'id> = cx;
        self.victim.query(core, |counter, _| counter.count += 1);
    }
}

fn main() {}
