//! claim: an actor cannot keep its context (or the core behind it) in its state for a later call: the `Cx` and the `&mut Core` it lends live for one call (`'c`), never for `'id`.
use companion::actors::{Core, Cx};

struct Keeper<'id> {
    core: Option<&'id mut Core<'id>>,
}

impl<'id> Keeper<'id> {
    fn keep(&mut self, cx: &mut Cx<'id, '_, Self>) {
        self.core = Some(&mut **cx);
    }
}

fn main() {}
