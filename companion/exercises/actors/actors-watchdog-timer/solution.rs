// A watchdog: it expires when it has not been kicked for `timeout`. Each
// `kick` cancels the pending timer and sets a new one, so at most one timer
// is ever set, and it is the one for the latest kick.

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
        if let Some(old) = self.timer.take() {
            // `false` if it fired meanwhile; there is nothing to cancel then.
            cx.timer_del(old);
        }
        self.timer = Some(after!(cx, self.timeout, [cx], expired()));
    }

    fn expired(&mut self, cx: &mut Cx<'id, '_, Self>) {
        self.timer = None;
        self.expiries.push(cx.now());
    }
}
