// A debouncer: it gathers events that come in bursts and hands each burst on
// as one batch. A batch is delivered `quiet` after the last event of its
// burst, so a burst costs one delivery however many events it has; but never
// later than `max_wait` after the batch's first event, so a stream that never
// pauses is still delivered, in slices. `flush` delivers what is pending at
// once. An empty batch is never delivered, and once a batch is out and no
// event is pending, no timer of the debouncer is left set.
//
// As written, `event` forwards every event at once, as a batch of one.
// Design the debouncer: add the fields it needs, and write `event`, `flush`
// and whatever methods its timers call.

use companion::actors::{Cx, Fwd};
use std::time::Duration;

pub struct Debouncer<'id> {
    quiet: Duration,
    max_wait: Duration,
    out: Fwd<'id, Vec<u32>>,
    pending: Vec<u32>,
}

impl<'id> Debouncer<'id> {
    pub fn init(_: &mut Cx<'_, 'id, Self>, quiet: Duration, max_wait: Duration, out: Fwd<'id, Vec<u32>>) -> Option<Self> {
        Some(Debouncer { quiet, max_wait, out, pending: Vec::new() })
    }

    /// One event: it joins the pending batch.
    pub fn event(&mut self, _: &mut Cx<'_, 'id, Self>, value: u32) {
        self.pending.push(value);
        self.out.fwd(std::mem::take(&mut self.pending));
    }

    /// Delivers the pending batch now, if there is one.
    pub fn flush(&mut self, _: &mut Cx<'_, 'id, Self>) {
        if !self.pending.is_empty() {
            self.out.fwd(std::mem::take(&mut self.pending));
        }
    }
}
