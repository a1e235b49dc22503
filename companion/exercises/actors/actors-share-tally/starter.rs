// Counters share one tally. Each `add` puts its amount into the tally, and
// when the total goes over the limit, the counter counts an alert in the tally
// and tells the auditor, which answers with an acknowledgement.
// As written it does not compile: `add` keeps the tally open (`rw(cx)`) while
// it makes the call to the auditor, whose arguments need `cx` too. Make it
// compile, and keep what it counts and what it tells the auditor.

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
        let tally = self.tally.rw(cx);
        tally.total += n;
        if tally.total > self.limit {
            tally.alerts += 1;
            call!([self.auditor], over(cx.this().clone(), tally.total));
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
