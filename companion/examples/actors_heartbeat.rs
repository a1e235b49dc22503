//! A heart that beats every second, and a watchdog that notices when it stops.
//!
//! What it shows: timers on `companion::actors`, in virtual time.
//!
//! * The `Heart` re-arms itself: each `beat` sets the timer of the next one
//!   with `after!`, until it is told to stop.
//! * The `Watchdog` keeps one timeout. Each beat cancels it with
//!   `timer_del` and sets a fresh one, so while the heart beats the timeout
//!   never fires. When the beats stop, it fires once: "missed", and the
//!   watchdog asks the main loop to stop, with that as the reason.
//! * The program drives the runtime itself, without sleeping: while no
//!   actor has asked it to stop, it asks `rt.next_expiry()` when the next
//!   timer is due, sets `now` to that instant and calls `rt.run(now, false)`.
//!   Nothing waits: a test runs an hour of beats this way, and every run gives
//!   the same result.
//!
//! Run it with `cargo run -p companion --example actors_heartbeat`; its test
//! runs with `cargo test -p companion --example actors_heartbeat`.

use std::time::{Duration, Instant};

use companion::actors::{Actor, Cx, Ret, Runtime, StopCause, TimerKey, actor, after, at, call};

const PERIOD: Duration = Duration::from_secs(1);
/// How long the watchdog waits for a beat: two and a half periods.
const PATIENCE: Duration = Duration::from_millis(2500);

// ANCHOR: heart
struct Heart<'id> {
    watchdog: Actor<'id, Watchdog<'id>>,
    beating: bool,
    beats: u32,
}

impl<'id> Heart<'id> {
    fn init(cx: &mut Cx<'id, '_, Self>, watchdog: Actor<'id, Watchdog<'id>>) -> Option<Self> {
        call!([cx], beat()); // the first beat at once
        Some(Heart { watchdog, beating: true, beats: 0 })
    }

    fn beat(&mut self, cx: &mut Cx<'id, '_, Self>) {
        if !self.beating {
            return; // no next timer: the chain of beats ends here
        }
        self.beats += 1;
        call!([self.watchdog], beat(self.beats));
        after!(cx, PERIOD, [cx], beat()); // re-arm: the next beat, one period on
    }

    fn stop(&mut self, _: &mut Cx<'id, '_, Self>) {
        self.beating = false;
    }
}
// ANCHOR_END: heart

// ANCHOR: watchdog
struct Watchdog<'id> {
    /// A key of this runtime's timers (branded: no other runtime's key fits).
    timeout: Option<TimerKey<'id>>,
    beats_seen: u32,
    /// Timeouts cancelled by a beat that came in time.
    cancelled: u32,
    /// When the timeout fired, if it did.
    missed_at: Option<Instant>,
}

impl<'id> Watchdog<'id> {
    fn init(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
        Some(Watchdog { timeout: None, beats_seen: 0, cancelled: 0, missed_at: None })
    }

    fn beat(&mut self, cx: &mut Cx<'id, '_, Self>, n: u32) {
        self.beats_seen = n;
        if let Some(old) = self.timeout.take()
            && cx.timer_del(old)
        {
            self.cancelled += 1;
        }
        self.timeout = Some(after!(cx, PATIENCE, [cx], missed()));
    }

    fn missed(&mut self, cx: &mut Cx<'id, '_, Self>) {
        self.timeout = None;
        self.missed_at = Some(cx.now());
        // Nothing more can happen: the program is over, and this is why.
        cx.shutdown(StopCause::Failed(format!("no beat for {PATIENCE:?}").into()));
    }
}
// ANCHOR_END: watchdog

/// What one run saw, in seconds since the start.
#[derive(Debug, PartialEq)]
struct Summary {
    beats: u32,
    beats_seen: u32,
    cancelled: u32,
    missed_after: Option<Duration>,
    /// The runtime's clock when the main loop stopped.
    ended_after: Duration,
    /// Why it stopped, as the actor that asked said.
    reason: String,
}

// ANCHOR: run
/// Beats until `stop_after`, then lets the watchdog notice; runs in virtual
/// time until an actor asks the loop to stop.
fn run(stop_after: Duration) -> Summary {
    let start = Instant::now();
    Runtime::scope(start, |mut rt| {
        let watchdog = actor!(rt, Watchdog::init(), Ret::nop());
        let heart = actor!(rt, Heart::init(watchdog.clone()), Ret::nop());
        at!(rt, start + stop_after, [heart], stop());

        rt.run(start, false);
        while rt.not_shutdown() {
            // The watchdog's timeout is always set, so a timer is always next.
            let next = rt.next_expiry().expect("a timer is set");
            rt.run(next, false); // jump the clock to the next timer
        }
        let reason = rt.shutdown_reason().expect("the loop ended because one was asked for");

        let beats = heart.query(&mut rt, |h, _| h.beats).expect("the heart is ready");
        let (beats_seen, cancelled, missed_at) = watchdog
            .query(&mut rt, |w, _| (w.beats_seen, w.cancelled, w.missed_at))
            .expect("the watchdog is ready");
        Summary {
            beats,
            beats_seen,
            cancelled,
            missed_after: missed_at.map(|t| t - start),
            ended_after: rt.now() - start,
            reason: reason.to_string(),
        }
    })
}
// ANCHOR_END: run

fn main() {
    let stop_after = Duration::from_millis(5500);
    let summary = run(stop_after);
    println!("the heart beat {} times, then stopped at {:?}", summary.beats, stop_after);
    println!(
        "the watchdog saw {} beats and cancelled its timeout {} times",
        summary.beats_seen, summary.cancelled
    );
    match summary.missed_after {
        Some(t) => println!("missed: no beat for {PATIENCE:?}, noticed at {t:?} (virtual time)"),
        None => println!("no beat was missed"),
    }
    println!("the program stopped: {}", summary.reason);
    assert_eq!(summary.missed_after, Some(Duration::from_millis(7500)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopping_the_heart_makes_the_watchdog_fire_once() {
        // Beats at 0 s, 1 s, ..., 5 s; the stop at 5.5 s; the last timeout,
        // set by the beat at 5 s, fires at 7.5 s and ends the program.
        assert_eq!(
            run(Duration::from_millis(5500)),
            Summary {
                beats: 6,
                beats_seen: 6,
                cancelled: 5,
                missed_after: Some(Duration::from_millis(7500)),
                ended_after: Duration::from_millis(7500),
                reason: "failed: no beat for 2.5s".to_string(),
            }
        );
    }

    #[test]
    fn while_the_heart_beats_the_watchdog_stays_quiet() {
        // An hour of beats: 3601 timeouts set, 3600 cancelled in time, and
        // only the one after the last beat fires.
        let summary = run(Duration::from_secs(3600) + Duration::from_millis(500));
        assert_eq!(summary.beats, 3601);
        assert_eq!(summary.cancelled, 3600);
        assert_eq!(summary.missed_after, Some(Duration::from_millis(3600 * 1000 + 2500)));
    }

    #[test]
    fn a_heart_stopped_at_once_beats_once_and_the_watchdog_notices() {
        // The stop is a timer due at the start. A `run` runs what is queued
        // before the timers it finds due: the two prep functions, and the
        // first beat, which the heart's prep function queues. Then the stop
        // fires; the one timeout, set by that beat, fires 2.5 s later.
        assert_eq!(
            run(Duration::ZERO),
            Summary {
                beats: 1,
                beats_seen: 1,
                cancelled: 0,
                missed_after: Some(PATIENCE),
                ended_after: PATIENCE,
                reason: "failed: no beat for 2.5s".to_string(),
            }
        );
    }
}
