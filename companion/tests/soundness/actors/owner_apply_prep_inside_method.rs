//! claim: `apply_prep` runs a prep function at once, so it needs the runtime itself: a method, which reaches only the core through its `Cx`, cannot prepare another actor in the middle of its own call.
use companion::actors::{Actor, Cx};

struct Cache {
    entries: Vec<u32>,
}

struct Loader<'id> {
    cache: Actor<'id, Cache>,
}

impl<'id> Loader<'id> {
    fn load(&mut self, cx: &mut Cx<'id, '_, Self>) {
        let core: &mut companion::actors::Core<'id> = cx;
        self.cache.apply_prep(core, |_cx| Some(Cache { entries: vec![1, 2, 3] }));
    }
}

fn main() {}
