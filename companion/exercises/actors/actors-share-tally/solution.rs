// Counters share one tally. Each `add` puts its amount into the tally, and
// when the total goes over the limit, the counter counts an alert in the tally
// and tells the auditor. The tally is closed before the call is made: the call
// needs `cx` for its arguments.

use companion::actors::{Actor, Cx, Share, call};

#[derive(Default)]
pub struct Tally {
    pub total: u64,
    pub alerts: u32,
}

pub struct Counter<'id> {
    tally: Share<'id, Tally>,
    auditor: Actor<'id, Auditor>,
    limit: u64,
    /// Acknowledgements received from the auditor.
    pub acks: u32,
}

impl<'id> Counter<'id> {
    pub fn init(_: &mut Cx<'id, '_, Self>, tally: Share<'id, Tally>, auditor: Actor<'id, Auditor>, limit: u64) -> Option<Self> {
        Some(Counter { tally, auditor, limit, acks: 0 })
    }

    pub fn add(&mut self, cx: &mut Cx<'id, '_, Self>, n: u64) {
        // Update the tally and take out what the call needs; the borrow of
        // `cx` ends with this block.
        let over = {
            let tally = self.tally.rw(cx);
            tally.total += n;
            if tally.total > self.limit {
                tally.alerts += 1;
                Some(tally.total)
            } else {
                None
            }
        };
        if let Some(total) = over {
            call!([self.auditor], over(cx.this().clone(), total));
        }
    }

    pub fn ack(&mut self, _: &mut Cx<'id, '_, Self>) {
        self.acks += 1;
    }
}

/// Records every total it is told about, and acknowledges it.
pub struct Auditor {
    pub seen: Vec<u64>,
}

impl Auditor {
    pub fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
        Some(Auditor { seen: Vec::new() })
    }

    pub fn over<'id>(&mut self, _: &mut Cx<'id, '_, Self>, from: Actor<'id, Counter<'id>>, total: u64) {
        self.seen.push(total);
        call!([from], ack());
    }
}
