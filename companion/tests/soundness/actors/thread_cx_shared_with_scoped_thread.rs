//! claim: a method cannot hand its context to a scoped thread, not even shared: `Cx` is not `Sync`, so a thread spawned inside a call can neither read a share nor queue a call through it.
use companion::actors::Cx;

struct Worker;

impl Worker {
    fn record<'id>(&mut self, cx: &mut Cx<'id, '_, Self>) {
        let cx = &*cx;
        std::thread::scope(|s| {
            s.spawn(move || cx.now());
        });
    }
}

fn main() {}
