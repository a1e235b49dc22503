//! claim: a method cannot hold a share's `&mut` while it sets a timer (or defers a call, or spawns a task): each needs `cx` mutably, and the share borrow already holds it.
use companion::actors::{Cx, Share};
use std::time::Duration;

struct Worker<'id> {
    tally: Share<'id, u64>,
}

impl<'id> Worker<'id> {
    fn record(&mut self, cx: &mut Cx<'id, '_, Self>) {
        let v = self.tally.rw(cx);
        cx.after(Duration::from_secs(1), |_| {});
        *v += 1;
    }
}

fn main() {}
