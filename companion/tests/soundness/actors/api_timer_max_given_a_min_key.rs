//! claim: a min timer's key does not fit `timer_max!`: the two kinds of keys are different types, so a max update can never move a min timer later (or a min update a max timer earlier).
use companion::actors::{Cx, MinTimerKey, timer_max};
use std::time::Instant;

struct Idle<'id> {
    key: MinTimerKey<'id>,
}

impl<'id> Idle<'id> {
    fn touch(&mut self, cx: &mut Cx<'id, '_, Self>, at: Instant) {
        timer_max!(cx, &mut self.key, at, [cx], expire());
    }

    fn expire(&mut self, _: &mut Cx<'id, '_, Self>) {}
}

fn main() {}
