//! claim: a method cannot hold a share's `&mut` across a `call!` to itself (`call!([cx], ..)`, or any call whose target or arguments read `cx`): that reads `cx`, which the share borrow holds mutably. A call to another actor's handle may be queued meanwhile; it runs later, after the borrow has ended.
use companion::actors::{Cx, Share, call};

struct Worker<'id> {
    tally: Share<'id, u64>,
}

impl<'id> Worker<'id> {
    fn record(&mut self, cx: &mut Cx<'id, '_, Self>) {
        let v = self.tally.rw(cx);
        call!([cx], done());
        *v += 1;
    }
    fn done(&mut self, _: &mut Cx<'id, '_, Self>) {}
}

fn main() {}
