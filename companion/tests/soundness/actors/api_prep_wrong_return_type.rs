//! claim: a prep function must return `Option<Self>` (`None`: not ready yet): `actor!` refuses one that returns the state itself.
use companion::actors::{Cx, Ret, Runtime, actor};
use std::time::Instant;

struct Lamp {
    on: bool,
}

impl Lamp {
    fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Self {
        Lamp { on: false }
    }
}

fn main() {
    Runtime::scope(Instant::now(), |rt| {
        let _lamp = actor!(rt, Lamp::init(), Ret::nop());
    });
}
