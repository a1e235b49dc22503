//! claim: a method cannot hold a share's `&mut` while it creates an actor: `actor!` needs the core, and the share borrow holds `cx`.
use companion::actors::{Cx, Ret, Share, actor};

struct Child;

impl Child {
    fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
        Some(Child)
    }
}

struct Parent<'id> {
    tally: Share<'id, u64>,
}

impl<'id> Parent<'id> {
    fn grow(&mut self, cx: &mut Cx<'id, '_, Self>) {
        let v = self.tally.rw(cx);
        let _child = actor!(cx, Child::init(), Ret::nop());
        *v += 1;
    }
}

fn main() {}
