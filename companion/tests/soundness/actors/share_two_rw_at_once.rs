//! claim: a method cannot write two shares at once: both `rw` calls borrow the one share owner, `cx`, mutably.
use companion::actors::{Cx, Share};

struct Worker<'id> {
    tally: Share<'id, u64>,
    other: Share<'id, u64>,
}

impl<'id> Worker<'id> {
    fn transfer(&mut self, cx: &mut Cx<'id, '_, Self>) {
        let from = self.tally.rw(cx);
        let to = self.other.rw(cx);
        *to += *from;
        *from = 0;
    }
}

fn main() {}
