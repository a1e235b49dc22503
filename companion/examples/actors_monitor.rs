//! The Monitor: tallies that several actors update and one actor reads.
//!
//! The application counts what it sees (packets, bad packets) in one
//! `Monitor`. Three receivers share it, and a bad packet makes its receiver
//! raise an alert, which a reporter handles by reading the tallies.
//!
//! What it shows: the same program twice.
//!
//! * With `Rc<RefCell<Monitor>>` (module `refcell`), a receiver that raises
//!   the alert while it still holds the tally borrowed panics with "already
//!   mutably borrowed": the reporter borrows the tally again, inside the
//!   call. With good packets only, the bug stays hidden.
//! * With actors and a `Share<'id, Monitor>`, the receiver writes through
//!   `monitor.rw(cx)` and the alert is a queued call. Holding the tally
//!   across `call!` is harmless, since the reporter runs after the
//!   receiver's method has returned. And the RefCell bug cannot be written:
//!   any code that could reach the tally again needs `cx`, which the open
//!   `&mut Monitor` still borrows, so the compiler refuses it (E0499 or
//!   E0502) instead of a panic at run time.
//!
//! Run it with `cargo run -p companion --example actors_monitor`; its test
//! runs with `cargo test -p companion --example actors_monitor`.

use std::time::Instant;

use companion::actors::{Actor, Cx, Ret, Runtime, Share, actor, call};

/// The tallies one application keeps.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Monitor {
    /// Packets received, good or bad.
    packets: u64,
    /// Packets found malformed (here: empty).
    errors: u64,
}

/// The original: shared with `Rc<RefCell<_>>`, which compiles and panics.
mod refcell {
    use super::Monitor;
    use std::cell::RefCell;
    use std::rc::Rc;

    // ANCHOR: refcell
    pub struct Reporter {
        pub monitor: Rc<RefCell<Monitor>>,
        pub alerts: Vec<String>,
    }

    impl Reporter {
        pub fn alert(&mut self, from: &str) {
            let tally = self.monitor.borrow(); // panics if a receiver holds it
            self.alerts.push(format!("{from}: {} bad of {}", tally.errors, tally.packets));
        }
    }

    pub struct Receiver {
        pub name: &'static str,
        pub monitor: Rc<RefCell<Monitor>>,
        pub reporter: Rc<RefCell<Reporter>>,
    }

    impl Receiver {
        pub fn packet(&mut self, packet: &[u8]) {
            let mut tally = self.monitor.borrow_mut();
            tally.packets += 1;
            if packet.is_empty() {
                tally.errors += 1;
                // The bug: `tally` is still borrowed while the alert runs.
                self.reporter.borrow_mut().alert(self.name);
            }
        }
    }
    // ANCHOR_END: refcell

    /// Hands the packets to the receivers in turn; returns the tallies.
    pub fn run(packets: &[&[u8]]) -> Monitor {
        let monitor = Rc::new(RefCell::new(Monitor::default()));
        let reporter = Rc::new(RefCell::new(Reporter { monitor: monitor.clone(), alerts: Vec::new() }));
        let mut receivers: Vec<Receiver> = ["a", "b", "c"]
            .into_iter()
            .map(|name| Receiver { name, monitor: monitor.clone(), reporter: reporter.clone() })
            .collect();
        for (i, packet) in packets.iter().enumerate() {
            receivers[i % 3].packet(packet);
        }
        *monitor.borrow()
    }
}

// ANCHOR: actors
/// Counts every packet in the shared tallies; raises an alert for a bad one.
struct Receiver<'id> {
    name: &'static str,
    monitor: Share<'id, Monitor>,
    reporter: Actor<'id, Reporter<'id>>,
}

impl<'id> Receiver<'id> {
    fn init(
        _: &mut Cx<'id, '_, Self>,
        name: &'static str,
        monitor: Share<'id, Monitor>,
        reporter: Actor<'id, Reporter<'id>>,
    ) -> Option<Self> {
        Some(Receiver { name, monitor, reporter })
    }

    fn packet(&mut self, cx: &mut Cx<'id, '_, Self>, packet: Vec<u8>) {
        let tally = self.monitor.rw(cx); // borrows `cx` while `tally` lives
        tally.packets += 1;
        if packet.is_empty() {
            tally.errors += 1;
            // Queued, not run: the reporter reads the tally after this method.
            call!([self.reporter], alert(self.name));
        }
    }
}

/// Reads the shared tallies when an alert comes.
struct Reporter<'id> {
    monitor: Share<'id, Monitor>,
    alerts: Vec<String>,
}

impl<'id> Reporter<'id> {
    fn init(_: &mut Cx<'id, '_, Self>, monitor: Share<'id, Monitor>) -> Option<Self> {
        Some(Reporter { monitor, alerts: Vec::new() })
    }

    fn alert(&mut self, cx: &mut Cx<'id, '_, Self>, from: &'static str) {
        let tally = self.monitor.ro(cx);
        self.alerts.push(format!("{from}: {} bad of {}", tally.errors, tally.packets));
    }
}
// ANCHOR_END: actors

/// The final tallies and the alerts the reporter wrote, in order.
#[derive(Debug, PartialEq, Eq)]
struct Summary {
    tally: Monitor,
    alerts: Vec<String>,
}

// ANCHOR: run
fn run(packets: &[&[u8]]) -> Summary {
    let now = Instant::now();
    Runtime::scope(now, |mut rt| {
        let monitor = Share::new(Monitor::default());
        let reporter = actor!(rt, Reporter::init(monitor.clone()), Ret::nop());
        let receivers: Vec<_> = ["a", "b", "c"]
            .into_iter()
            .map(|name| actor!(rt, Receiver::init(name, monitor.clone(), reporter.clone()), Ret::nop()))
            .collect();
        for (i, packet) in packets.iter().enumerate() {
            call!([receivers[i % 3]], packet(packet.to_vec()));
        }
        rt.run(now, false);
        // From outside, the reporter's state and the share, opened by its `cx`.
        let (tally, alerts) = reporter
            .query(&mut rt, |r, cx| (*r.monitor.ro(cx), r.alerts.clone()))
            .expect("the reporter is ready");
        assert_eq!(tally, *monitor.ro(&rt), "the runtime opens the same share");
        Summary { tally, alerts }
    })
}
// ANCHOR_END: run

/// What the program feeds in: two of the seven packets are empty (bad).
const PACKETS: &[&[u8]] = &[b"ab", b"", b"cd", b"e", b"fg", b"", b"h"];

fn main() {
    let summary = run(PACKETS);
    println!("actors: {} packets, {} bad", summary.tally.packets, summary.tally.errors);
    for alert in &summary.alerts {
        println!("  alert from {alert}");
    }

    let good: Vec<&[u8]> = PACKETS.iter().copied().filter(|p| !p.is_empty()).collect();
    println!("RefCell, good packets only: {:?}", refcell::run(&good));
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {})); // the message is printed below
    let crash = std::panic::catch_unwind(|| refcell::run(PACKETS));
    std::panic::set_hook(hook);
    let message = crash.expect_err("the RefCell version panics on the first bad packet");
    let message = message.downcast_ref::<String>().map(String::as_str).unwrap_or("(no message)");
    println!("RefCell, with a bad packet: panicked: {message}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_actors_count_every_packet_and_alert_after_the_write() {
        let summary = run(PACKETS);
        assert_eq!(summary.tally, Monitor { packets: 7, errors: 2 });
        // Both alerts were queued behind the packets already queued, so each
        // reads the tallies later than the write that raised it.
        assert_eq!(summary.alerts, ["b: 2 bad of 7", "c: 2 bad of 7"]);
    }

    #[test]
    fn the_refcell_version_works_while_no_packet_is_bad() {
        assert_eq!(refcell::run(&[b"x", b"yz"]), Monitor { packets: 2, errors: 0 });
    }

    #[test]
    #[should_panic(expected = "already mutably borrowed")]
    fn the_refcell_version_panics_on_a_bad_packet() {
        refcell::run(&[b"x", b""]);
    }
}
