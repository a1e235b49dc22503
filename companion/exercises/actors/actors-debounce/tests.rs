use companion::actors::{ActorOwn, Fwd, Ret, Runtime, actor, call};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::{Duration, Instant};

const QUIET: Duration = Duration::from_millis(100);
const MAX_WAIT: Duration = Duration::from_millis(250);

enum Step {
    Event(u32),
    Flush,
}

/// Runs a debouncer in virtual time. Each step happens at its instant (in ms
/// from the start); every timer due before it fires first, at its own
/// instant. The clock then runs on to `until_ms`. Returns each delivered
/// batch with the instant it was delivered at, and whether a timer is still
/// set at the end.
fn drive(steps: &[(u64, Step)], until_ms: u64) -> (Vec<(u64, Vec<u32>)>, bool) {
    let start = Instant::now();
    let clock_ms = Rc::new(Cell::new(0_u64));
    let delivered = Rc::new(RefCell::new(Vec::new()));
    let armed = Runtime::scope(start, |mut rt| {
        let (clock, log) = (clock_ms.clone(), delivered.clone());
        let out = Fwd::new(move |batch: Vec<u32>| log.borrow_mut().push((clock.get(), batch)));
        let debouncer: ActorOwn<'_, Debouncer<'_>> = actor!(rt, Debouncer::init(QUIET, MAX_WAIT, out), Ret::nop());
        rt.run(start, false);
        let mut run_to = |rt: &mut Runtime<'_>, at_ms: u64| {
            let at = start + Duration::from_millis(at_ms);
            while let Some(due) = rt.next_expiry().filter(|&due| due <= at) {
                clock_ms.set((due - start).as_millis() as u64);
                rt.run(due, false);
            }
            clock_ms.set(at_ms);
            rt.run(at, false);
        };
        for (at_ms, step) in steps {
            run_to(&mut rt, *at_ms);
            match step {
                Step::Event(value) => call!([debouncer], event(*value)),
                Step::Flush => call!([debouncer], flush()),
            }
            rt.run(rt.now(), false);
        }
        run_to(&mut rt, until_ms);
        rt.next_expiry().is_some()
    });
    let batches = delivered.borrow().clone();
    (batches, armed)
}

/// One event at each instant, its value the instant itself.
fn events_at(instants: impl IntoIterator<Item = u64>) -> Vec<(u64, Step)> {
    instants.into_iter().map(|ms| (ms, Step::Event(ms as u32))).collect()
}

#[test]
fn a_burst_is_one_batch_quiet_after_its_last_event() {
    let (batches, armed) = drive(&events_at([0, 30, 60]), 1_000);
    assert_eq!(batches, [(160, vec![0, 30, 60])]);
    assert!(!armed, "no timer is left set once the batch is out");
}

#[test]
fn events_further_apart_than_quiet_are_batches_of_their_own() {
    let (batches, armed) = drive(&events_at([0, 200, 400]), 1_000);
    assert_eq!(batches, [(100, vec![0]), (300, vec![200]), (500, vec![400])]);
    assert!(!armed);
}

#[test]
fn a_stream_that_never_pauses_is_delivered_every_max_wait() {
    // An event every 40 ms, from 0 to 600: never a 100 ms pause.
    let (batches, armed) = drive(&events_at((0..=600).step_by(40)), 2_000);
    assert_eq!(
        batches,
        [
            (250, vec![0, 40, 80, 120, 160, 200, 240]),
            (530, vec![280, 320, 360, 400, 440, 480, 520]),
            (700, vec![560, 600]),
        ]
    );
    assert!(!armed);
}

#[test]
fn the_deadline_counts_from_the_first_event_of_each_batch() {
    // The first batch leaves quietly at 150, before its deadline (250) is due.
    // The second starts at 200: its deadline is 450, and the first batch's
    // must not cut it short at 250.
    let steps = events_at([0, 50, 200, 280, 360, 440, 520]);
    let (batches, armed) = drive(&steps, 2_000);
    assert_eq!(batches, [(150, vec![0, 50]), (450, vec![200, 280, 360, 440]), (620, vec![520])]);
    assert!(!armed);
}

#[test]
fn flush_delivers_at_once_and_cancels_both_timers() {
    let steps = [(0, Step::Event(1)), (10, Step::Event(2)), (20, Step::Flush)];
    let (batches, armed) = drive(&steps, 1_000);
    assert_eq!(batches, [(20, vec![1, 2])]);
    assert!(!armed, "after a flush, neither timer may fire later");
}

#[test]
fn a_flush_with_nothing_pending_delivers_nothing() {
    let steps = [(0, Step::Flush), (50, Step::Event(7)), (400, Step::Flush), (500, Step::Flush)];
    let (batches, armed) = drive(&steps, 1_000);
    assert_eq!(batches, [(150, vec![7])]);
    assert!(!armed);
}

#[test]
fn a_flush_starts_a_fresh_batch() {
    // After the flush at 30, the event at 60 starts a new batch: its deadline
    // is 310, and its quiet timer is not the one set before the flush.
    let mut steps = events_at([0, 20]);
    steps.push((30, Step::Flush));
    steps.extend(events_at((60..=340).step_by(70)));
    let (batches, armed) = drive(&steps, 2_000);
    assert_eq!(batches, [(30, vec![0, 20]), (310, vec![60, 130, 200, 270]), (440, vec![340])]);
    assert!(!armed);
}

#[test]
fn an_hour_of_bursts_leaves_no_timer_behind() {
    // A burst of five events every second for an hour.
    let instants = (0..3_600_u64).flat_map(|s| (0..5).map(move |i| s * 1_000 + i * 10));
    let (batches, armed) = drive(&events_at(instants), 3_601_000);
    assert_eq!(batches.len(), 3_600);
    assert_eq!(batches[1_234], (1_234_140, vec![1_234_000, 1_234_010, 1_234_020, 1_234_030, 1_234_040]));
    assert!(!armed);
}
