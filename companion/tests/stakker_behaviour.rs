//! What the book says about Stakker 0.2.16 with its default features
//! (`book/actors/which-owner.md`): a second `Stakker` on the thread of the
//! first panics in qcell, and a `Stakker` made on a second thread panics in
//! Stakker's global deferrer, even after the first has been dropped.
//!
//! Then, side by side, what can be seen on both: max and min timers moved
//! the same way fire at the same instants (`book/actors/timers-max-min.md`).
//!
//! One `#[test]` in a binary of its own: the global deferrer is locked to the
//! first thread of the process that makes a `Stakker`, so the order of the
//! two checks is part of what is tested, and every other `Stakker` of this
//! binary is made on that thread too.

use std::cell::RefCell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::Rc;
use std::time::{Duration, Instant};

use companion::actors::Runtime;
use stakker::Stakker;

fn message(payload: Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

#[test]
fn stakker_allows_one_instance_per_process_with_default_features_and_moves_timers_as_we_do() {
    let first = Stakker::new(Instant::now());
    let second = catch_unwind(AssertUnwindSafe(|| drop(Stakker::new(Instant::now()))));
    let second = message(second.expect_err("a second Stakker on one thread panics"));
    assert_eq!(second, "Illegal to create two TCellOwner instances with the same marker type parameter");
    drop(first);

    let other_thread = std::thread::spawn(|| drop(Stakker::new(Instant::now()))).join();
    let other_thread = message(other_thread.expect_err("a Stakker on a second thread panics"));
    // An `assert_eq!` inside Stakker: its message, then the two thread ids.
    assert!(
        other_thread.contains(
            "Attempted to create another Stakker instance on a different thread.  Enable crate feature `multi-thread` to allow this."
        ),
        "{other_thread}"
    );

    assert_eq!(max_and_min_timers_on_stakker(), max_and_min_timers_on_ours());
}

/// What fired, and when, in milliseconds from the start.
type Fired = Rc<RefCell<Vec<(&'static str, u128)>>>;

/// The script both runtimes follow: at 0 ms a max timer for 1000 ms and a min
/// timer for 10000 ms; at 500 ms the max timer moves to 3000 ms (and a move to
/// 2000 ms is ignored), the min timer to 4000 ms (and a move to 6000 ms is
/// ignored); at 3500 ms the max timer, which has fired, is moved again, which
/// sets a new one for 5000 ms.
const SCRIPT: [u64; 3] = [500, 3500, 20_000];

fn ms(start: Instant, n: u64) -> Instant {
    start + Duration::from_millis(n)
}

fn max_and_min_timers_on_stakker() -> Vec<(&'static str, u128)> {
    let start = Instant::now();
    let mut s = Stakker::new(start);
    let fired: Fired = Rc::default();
    let note = |what: &'static str| {
        let fired = fired.clone();
        move |s: &mut Stakker| fired.borrow_mut().push((what, (s.now() - start).as_millis()))
    };
    let max = s.timer_max_add(ms(start, 1000), note("max"));
    let min = s.timer_min_add(ms(start, 10_000), note("min"));
    for (step, until) in SCRIPT.into_iter().enumerate() {
        // Stakker's `next_expiry` also returns the instants it uses inside
        // (a max timer's first expiry, a min timer's steps): run each.
        while let Some(due) = s.next_expiry().filter(|due| *due <= ms(start, until)) {
            s.run(due, false);
        }
        s.run(ms(start, until), false);
        match step {
            0 => {
                assert!(s.timer_max_upd(max, ms(start, 3000)));
                assert!(s.timer_max_upd(max, ms(start, 2000)));
                assert!(s.timer_min_upd(min, ms(start, 4000)));
                assert!(s.timer_min_upd(min, ms(start, 6000)));
            }
            1 => {
                assert!(!s.timer_max_upd(max, ms(start, 5000)));
                s.timer_max_add(ms(start, 5000), note("max again"));
            }
            _ => {}
        }
    }
    fired.borrow().clone()
}

fn max_and_min_timers_on_ours() -> Vec<(&'static str, u128)> {
    let start = Instant::now();
    Runtime::scope(start, |mut rt| {
        let fired: Fired = Rc::default();
        let note = |what: &'static str| {
            let fired = fired.clone();
            move |rt: &mut Runtime<'_>| fired.borrow_mut().push((what, (rt.now() - start).as_millis()))
        };
        let max = rt.timer_max_add(ms(start, 1000), note("max"));
        let min = rt.timer_min_add(ms(start, 10_000), note("min"));
        for (step, until) in SCRIPT.into_iter().enumerate() {
            while let Some(due) = rt.next_expiry().filter(|due| *due <= ms(start, until)) {
                rt.run(due, false);
            }
            rt.run(ms(start, until), false);
            match step {
                0 => {
                    assert!(rt.timer_max_upd(max, ms(start, 3000)));
                    assert!(rt.timer_max_upd(max, ms(start, 2000)));
                    assert!(rt.timer_min_upd(min, ms(start, 4000)));
                    assert!(rt.timer_min_upd(min, ms(start, 6000)));
                }
                1 => {
                    assert!(!rt.timer_max_upd(max, ms(start, 5000)));
                    rt.timer_max_add(ms(start, 5000), note("max again"));
                }
                _ => {}
            }
        }
        let fired = fired.borrow().clone();
        assert_eq!(fired, [("max", 3000), ("min", 4000), ("max again", 5000)]);
        fired
    })
}
