// A watchdog: it expires when it has not been kicked for `timeout`. Each
// `kick` re-arms it, so a watchdog kicked in time never expires, and one left
// alone expires once, `timeout` after the last kick (or its start). After an
// expiry it stays quiet until the next kick arms it again.
// As written, `kick` sets a new timer but leaves the old one set: the old
// timers still fire. Make a kick replace the pending timer.

use companion::actors::{Cx, TimerKey, after};
use std::time::{Duration, Instant};

pub struct Watchdog<'id> {
    timeout: Duration,
    timer: Option<TimerKey<'id>>,
    /// When it expired, by the runtime's clock.
    pub expiries: Vec<Instant>,
}

impl<'id> Watchdog<'id> {
    pub fn init(cx: &mut Cx<'id, '_, Self>, timeout: Duration) -> Option<Self> {
        let timer = after!(cx, timeout, [cx], expired());
        Some(Watchdog { timeout, timer: Some(timer), expiries: Vec::new() })
    }

    /// Something is alive: push the expiry back to `timeout` from now.
    pub fn kick(&mut self, cx: &mut Cx<'id, '_, Self>) {
        self.timer = Some(after!(cx, self.timeout, [cx], expired()));
    }

    fn expired(&mut self, cx: &mut Cx<'id, '_, Self>) {
        self.timer = None;
        self.expiries.push(cx.now());
    }
}
