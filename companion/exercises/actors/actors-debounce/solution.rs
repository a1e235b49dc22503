// A debouncer: it gathers events that come in bursts and hands each burst on
// as one batch, `quiet` after the burst's last event or `max_wait` after the
// batch's first, whichever comes first.
//
// Two timers, each kept by its key: the quiet timer is replaced at every
// event, the deadline is set by the first event of a batch. Whichever fires
// first delivers, and delivering cancels the other, so no timer outlives the
// batch it was set for.

use companion::actors::{Cx, Fwd, TimerKey, after};
use std::time::Duration;

pub struct Debouncer<'id> {
    quiet: Duration,
    max_wait: Duration,
    out: Fwd<'id, Vec<u32>>,
    pending: Vec<u32>,
    /// Set while a batch is pending: fires `quiet` after its last event.
    quiet_timer: Option<TimerKey<'id>>,
    /// Set while a batch is pending: fires `max_wait` after its first event.
    deadline: Option<TimerKey<'id>>,
}

impl<'id> Debouncer<'id> {
    pub fn init(_: &mut Cx<'_, 'id, Self>, quiet: Duration, max_wait: Duration, out: Fwd<'id, Vec<u32>>) -> Option<Self> {
        Some(Debouncer { quiet, max_wait, out, pending: Vec::new(), quiet_timer: None, deadline: None })
    }

    /// One event: it joins the pending batch.
    pub fn event(&mut self, cx: &mut Cx<'_, 'id, Self>, value: u32) {
        if self.pending.is_empty() {
            self.deadline = Some(after!(cx, self.max_wait, [cx], deliver()));
        }
        self.pending.push(value);
        if let Some(old) = self.quiet_timer.take() {
            cx.timer_del(old);
        }
        self.quiet_timer = Some(after!(cx, self.quiet, [cx], deliver()));
    }

    /// Delivers the pending batch now, if there is one.
    pub fn flush(&mut self, cx: &mut Cx<'_, 'id, Self>) {
        self.deliver(cx);
    }

    /// Called by either timer, or by `flush`: cancels both timers (the one
    /// that fired is simply not found) and hands the batch on.
    fn deliver(&mut self, cx: &mut Cx<'_, 'id, Self>) {
        for key in [self.quiet_timer.take(), self.deadline.take()].into_iter().flatten() {
            cx.timer_del(key);
        }
        if !self.pending.is_empty() {
            self.out.fwd(std::mem::take(&mut self.pending));
        }
    }
}
