//! claim: a method cannot read one share while it writes another: `ro` borrows the owner shared, and the `rw` borrow still holds it mutably; so the two may be the same share, and the compiler need not know.
use companion::actors::{Cx, Share};

struct Worker<'id> {
    tally: Share<'id, u64>,
    other: Share<'id, u64>,
}

impl<'id> Worker<'id> {
    fn copy(&mut self, cx: &mut Cx<'id, '_, Self>) {
        let to = self.tally.rw(cx);
        let from = self.other.ro(cx);
        *to = *from;
    }
}

fn main() {}
