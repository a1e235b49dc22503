//! claim: a deferred closure cannot capture the method's context: the closure must live for `'id`, the `Cx` only for the call, and the closure is handed to that same context.
use companion::actors::Cx;

struct Later;

impl Later {
    fn later<'id>(&mut self, cx: &mut Cx<'id, '_, Self>) {
        let this = &*cx;
        cx.this().defer(move |_| {
            let _ = this.now();
        });
    }
}

fn main() {}
