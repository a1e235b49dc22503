//! claim: the `&mut T` that `share.rw(cx)` returns cannot be kept in the actor's state past the call: it borrows `cx`, which lives for the call only.
use companion::actors::{Cx, Share};

struct Cache<'id> {
    share: &'id Share<'id, u32>,
    kept: Option<&'id mut u32>,
}

impl<'id> Cache<'id> {
    fn fill(&mut self, cx: &mut Cx<'id, '_, Self>) {
        self.kept = Some(self.share.rw(cx));
    }
}

fn main() {}
