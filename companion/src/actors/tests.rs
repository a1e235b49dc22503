//! Run-time behaviour of the actor runtime: order, lifecycle, re-entrancy,
//! panics, replies, timers, tasks, and that every value with `Drop` is
//! dropped exactly once.

use super::*;
use crate::async_cells::branded::{BrandedFuture, poll_fn};
use crate::testing::DropCounter;
use core::pin::Pin;
use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::Rc;
use std::task::Poll;
use std::time::{Duration, Instant};

type Log = Rc<RefCell<Vec<String>>>;

/// An actor that records every call in a log, holds a drop counter, and can
/// be told to panic, stop, fail or drop things.
struct Probe<'id> {
    name: &'static str,
    log: Log,
    _drops: DropCounter,
    peer: Option<Actor<'id, Probe<'id>>>,
    keep: Option<ActorOwn<'id, Probe<'id>>>,
}

impl<'id> Probe<'id> {
    fn init(_: &mut Cx<'_, 'id, Self>, name: &'static str, log: Log, drops: Rc<Cell<usize>>) -> Option<Self> {
        log.borrow_mut().push(format!("{name}: init"));
        Some(Probe { name, log, _drops: DropCounter(drops), peer: None, keep: None })
    }

    fn note(&mut self, _: &mut Cx<'_, 'id, Self>, what: impl std::fmt::Display) {
        self.log.borrow_mut().push(format!("{}: {what}", self.name));
    }

    fn boom(&mut self, _: &mut Cx<'_, 'id, Self>) {
        self.log.borrow_mut().push(format!("{}: boom", self.name));
        panic!("boom in {}", self.name);
    }

    fn finish(&mut self, cx: &mut Cx<'_, 'id, Self>) {
        cx.stop();
        self.log.borrow_mut().push(format!("{}: stopping", self.name));
    }

    fn set_peer(&mut self, _: &mut Cx<'_, 'id, Self>, peer: Actor<'id, Probe<'id>>) {
        self.peer = Some(peer);
    }

    fn keep(&mut self, _: &mut Cx<'_, 'id, Self>, own: ActorOwn<'id, Probe<'id>>) {
        self.keep = Some(own);
    }

    fn drop_kept(&mut self, _: &mut Cx<'_, 'id, Self>) {
        self.log.borrow_mut().push(format!("{}: dropping kept", self.name));
        self.keep = None;
    }

    /// Calls the peer, which calls back: deferred, so never nested.
    fn bounce(&mut self, cx: &mut Cx<'_, 'id, Self>, left: u32) {
        self.log.borrow_mut().push(format!("{}: bounce {left} start", self.name));
        if left > 0
            && let Some(peer) = &self.peer
        {
            let me = cx.this().clone();
            peer.defer_call(move |p, cx| {
                p.set_peer(cx, me);
                p.bounce(cx, left - 1)
            });
        }
        self.log.borrow_mut().push(format!("{}: bounce {left} end", self.name));
    }

    fn answer(&mut self, _: &mut Cx<'_, 'id, Self>, ret: Ret<'id, u32>, give: bool) {
        if give {
            ret.ret(7);
        }
    }
}

fn log() -> Log {
    Rc::new(RefCell::new(Vec::new()))
}

fn notify_into<'id>(log: &Log, name: &'static str) -> Ret<'id, StopCause> {
    let log = log.clone();
    Ret::new(move |cause: Option<StopCause>| {
        log.borrow_mut().push(format!("{name} stopped: {}", cause.map_or("no cause".into(), |c| c.to_string())))
    })
}

fn start() -> Instant {
    // A fixed origin: every test runs in virtual time.
    Instant::now()
}

#[test]
fn calls_are_delivered_in_the_order_they_were_queued() {
    let (l, drops, t) = (log(), Rc::new(Cell::new(0)), start());
    Runtime::scope(t, |mut rt| {
        let a = actor!(rt, Probe::init("a", l.clone(), drops.clone()), Ret::nop());
        let b = actor!(rt, Probe::init("b", l.clone(), drops.clone()), Ret::nop());
        for i in 0..3 {
            call!([a], note(i));
            call!([b], note(i));
        }
        rt.run(t, false);
    });
    let expected = ["a: init", "b: init", "a: 0", "b: 0", "a: 1", "b: 1", "a: 2", "b: 2"];
    assert_eq!(*l.borrow(), expected);
    assert_eq!(drops.get(), 2);
}

#[test]
fn calls_made_while_preparing_wait_and_run_in_order_once_ready() {
    let (l, drops, t) = (log(), Rc::new(Cell::new(0)), start());
    Runtime::scope(t, |mut rt| {
        let a = ActorOwn::<Probe>::new(&rt, Ret::nop());
        call!([a], note("first"));
        call!([a], note("second"));
        rt.run(t, false);
        assert!(a.is_preparing());
        assert!(l.borrow().is_empty(), "nothing is delivered before the state exists");
        let (l2, d2) = (l.clone(), drops.clone());
        a.defer_prep(move |cx| Probe::init(cx, "a", l2, d2));
        call!([a], note("third"));
        rt.run(t, false);
    });
    assert_eq!(*l.borrow(), ["a: init", "a: first", "a: second", "a: third"]);
    assert_eq!(drops.get(), 1);
}

#[test]
fn an_actor_never_runs_inside_another_actor_s_method() {
    let (l, drops, t) = (log(), Rc::new(Cell::new(0)), start());
    Runtime::scope(t, |mut rt| {
        let a = actor!(rt, Probe::init("a", l.clone(), drops.clone()), Ret::nop());
        let b = actor!(rt, Probe::init("b", l.clone(), drops.clone()), Ret::nop());
        call!([a], set_peer(b.clone()));
        call!([a], bounce(3));
        rt.run(t, false);
    });
    let log = l.borrow();
    // Every method ends before the next one starts.
    for pair in log[2..].chunks(2) {
        assert!(pair[0].ends_with("start") && pair[1].ends_with("end"), "{pair:?}");
        assert_eq!(pair[0].split(' ').nth(2), pair[1].split(' ').nth(2));
    }
    assert_eq!(log.len(), 2 + 8);
}

#[test]
fn run_re_entered_from_a_deferred_closure_keeps_the_order() {
    let (l, drops, t) = (log(), Rc::new(Cell::new(0)), start());
    Runtime::scope(t, |mut rt| {
        let a = actor!(rt, Probe::init("a", l.clone(), drops.clone()), Ret::nop());
        rt.run(t, false);
        call!([a], note("first"));
        let inner = a.clone();
        rt.defer(move |rt| {
            call!([inner], note("queued by the closure"));
            rt.run(t, false); // runs what is queued, in order, then returns
            call!([inner], note("after the inner run"));
        });
        call!([a], note("second"));
        rt.run(t, false);
    });
    assert_eq!(
        *l.borrow(),
        ["a: init", "a: first", "a: second", "a: queued by the closure", "a: after the inner run"]
    );
}

#[test]
fn stop_delivers_the_cause_and_later_calls_are_dropped_with_their_ret() {
    let (l, drops, t) = (log(), Rc::new(Cell::new(0)), start());
    let answers = Rc::new(RefCell::new(Vec::new()));
    Runtime::scope(t, |mut rt| {
        let a = actor!(rt, Probe::init("a", l.clone(), drops.clone()), notify_into(&l, "a"));
        call!([a], finish());
        let ans = answers.clone();
        call!([a], answer(Ret::new(move |m| ans.borrow_mut().push(m)), true));
        rt.run(t, false);
        assert!(a.is_stopped());
        assert_eq!(drops.get(), 1, "the state is dropped when the actor stops");
        let ans = answers.clone();
        call!([a], answer(Ret::new(move |m| ans.borrow_mut().push(m)), true));
        rt.run(t, false);
    });
    assert_eq!(*l.borrow(), ["a: init", "a: stopping", "a stopped: stopped"]);
    assert_eq!(*answers.borrow(), [None, None], "a call to a stopped actor drops its Ret: no reply");
}

#[test]
fn a_ret_dropped_unused_delivers_none_and_a_used_one_delivers_once() {
    let (l, drops, t) = (log(), Rc::new(Cell::new(0)), start());
    let answers = Rc::new(RefCell::new(Vec::new()));
    Runtime::scope(t, |mut rt| {
        let a = actor!(rt, Probe::init("a", l.clone(), drops.clone()), Ret::nop());
        for give in [true, false] {
            let ans = answers.clone();
            call!([a], answer(Ret::new(move |m| ans.borrow_mut().push(m)), give));
        }
        rt.run(t, false);
    });
    assert_eq!(*answers.borrow(), [Some(7), None]);
}

#[test]
fn the_last_owner_dropped_inside_the_actor_s_own_method_stops_it_safely() {
    let (l, drops, t) = (log(), Rc::new(Cell::new(0)), start());
    Runtime::scope(t, |mut rt| {
        let a = actor!(rt, Probe::init("a", l.clone(), drops.clone()), notify_into(&l, "a"));
        let handle: Actor<'_, Probe> = a.clone();
        // The actor keeps its only owner, then drops it in its own method.
        call!([handle], keep(a));
        call!([handle], drop_kept());
        call!([handle], note("after"));
        rt.run(t, false);
        assert!(handle.is_stopped());
    });
    // The stop is queued behind the call that was already waiting.
    assert_eq!(*l.borrow(), ["a: init", "a: dropping kept", "a: after", "a stopped: dropped"]);
    assert_eq!(drops.get(), 1);
}

#[test]
fn a_panic_in_a_method_stops_that_actor_and_leaves_the_rest_running() {
    let (l, drops, t) = (log(), Rc::new(Cell::new(0)), start());
    Runtime::scope(t, |mut rt| {
        let a = actor!(rt, Probe::init("a", l.clone(), drops.clone()), notify_into(&l, "a"));
        let b = actor!(rt, Probe::init("b", l.clone(), drops.clone()), notify_into(&l, "b"));
        call!([a], boom());
        call!([a], note("never"));
        call!([b], note("still here"));
        let caught = catch_unwind(AssertUnwindSafe(|| rt.run(t, false)));
        assert!(caught.is_err());
        assert!(a.is_stopped(), "marked at once: no more calls reach it");
        assert_eq!(drops.get(), 0, "its state is dropped by the next run");
        rt.run(t, false);
        assert_eq!(drops.get(), 1);
        assert!(b.is_ready());
        call!([b], note("and later"));
        rt.run(t, false);
    });
    assert_eq!(
        *l.borrow(),
        // b's owner is dropped with the scope, after the last run: the
        // runtime's drop runs the stop that was queued.
        ["a: init", "b: init", "a: boom", "b: still here", "a stopped: panicked", "b: and later", "b stopped: dropped"]
    );
    assert_eq!(drops.get(), 2);
}

#[test]
fn a_panic_after_a_queued_kill_still_reports_the_panic() {
    let (l, drops, t) = (log(), Rc::new(Cell::new(0)), start());
    Runtime::scope(t, |mut rt| {
        let a = actor!(rt, Probe::init("a", l.clone(), drops.clone()), notify_into(&l, "a"));
        rt.run(t, false);
        call!([a], boom());
        a.kill("too late");
        assert!(catch_unwind(AssertUnwindSafe(|| rt.run(t, false))).is_err());
        rt.run(t, false);
    });
    assert_eq!(l.borrow().last().map(String::as_str), Some("a stopped: panicked"));
    assert_eq!(drops.get(), 1);
}

/// A state whose `Drop` panics.
struct Grenade {
    _drops: DropCounter,
}

impl Drop for Grenade {
    fn drop(&mut self) {
        panic!("a state that panics when dropped");
    }
}

impl Grenade {
    fn init<'id>(_: &mut Cx<'_, 'id, Self>, drops: Rc<Cell<usize>>) -> Option<Self> {
        Some(Grenade { _drops: DropCounter(drops) })
    }
}

#[test]
fn a_state_whose_drop_panics_still_tells_notify_the_cause() {
    let (l, drops, t) = (log(), Rc::new(Cell::new(0)), start());
    Runtime::scope(t, |mut rt| {
        let g = actor!(rt, Grenade::init(drops.clone()), notify_into(&l, "g"));
        rt.run(t, false);
        g.kill("stop");
        assert!(catch_unwind(AssertUnwindSafe(|| rt.run(t, false))).is_err());
        assert!(g.is_stopped());
    });
    assert_eq!(*l.borrow(), ["g stopped: killed: stop"]);
    assert_eq!(drops.get(), 1);
}

#[test]
fn drops_everything_when_a_panic_interrupts_the_shutdown() {
    let (l, drops, t) = (log(), Rc::new(Cell::new(0)), start());
    let shut_down = catch_unwind(AssertUnwindSafe(|| {
        Runtime::scope(t, |mut rt| {
            let g = actor!(rt, Grenade::init(drops.clone()), notify_into(&l, "g"));
            let a = actor!(rt, Probe::init("a", l.clone(), drops.clone()), notify_into(&l, "a"));
            rt.run(t, false);
            drop((g, a)); // both stops queued; the first panics inside `Runtime::drop`
        })
    }));
    assert!(shut_down.is_err());
    assert_eq!(drops.get(), 2, "the stop left queued is dropped unrun, and the state with it");
    assert_eq!(*l.borrow(), ["a: init", "g stopped: dropped", "a stopped: no cause"]);
}

#[test]
fn a_panic_in_a_prep_function_stops_the_actor_and_drops_its_waiting_calls() {
    let (l, t) = (log(), start());
    let answers = Rc::new(RefCell::new(Vec::new()));
    Runtime::scope(t, |mut rt| {
        let a = ActorOwn::<Probe>::new(&rt, notify_into(&l, "a"));
        let ans = answers.clone();
        call!([a], answer(Ret::new(move |m| ans.borrow_mut().push(m)), true));
        rt.run(t, false);
        a.defer_prep(|_| panic!("cannot start"));
        assert!(catch_unwind(AssertUnwindSafe(|| rt.run(t, false))).is_err());
        rt.run(t, false);
        assert!(a.is_stopped());
    });
    assert_eq!(*l.borrow(), ["a stopped: panicked"]);
    assert_eq!(*answers.borrow(), [None]);
}

#[test]
fn a_prep_function_that_fails_delivers_the_error_and_drops_a_returned_value() {
    let (l, drops, t) = (log(), Rc::new(Cell::new(0)), start());
    Runtime::scope(t, |mut rt| {
        let (l2, d2) = (l.clone(), drops.clone());
        let a = ActorOwn::<Probe>::new(&rt, notify_into(&l, "a"));
        a.defer_prep(move |cx| {
            cx.fail_str("bad config");
            Probe::init(cx, "a", l2, d2) // returned anyway: dropped, not installed
        });
        rt.run(t, false);
        assert!(a.is_stopped());
    });
    assert_eq!(*l.borrow(), ["a: init", "a stopped: failed: bad config"]);
    assert_eq!(drops.get(), 1);
}

#[test]
fn kill_is_delivered_after_calls_queued_before_it() {
    let (l, drops, t) = (log(), Rc::new(Cell::new(0)), start());
    Runtime::scope(t, |mut rt| {
        let a = actor!(rt, Probe::init("a", l.clone(), drops.clone()), notify_into(&l, "a"));
        call!([a], note("before"));
        a.kill("enough");
        call!([a], note("after"));
        rt.run(t, false);
    });
    assert_eq!(*l.borrow(), ["a: init", "a: before", "a stopped: killed: enough"]);
}

#[test]
fn drops_every_value_exactly_once_when_the_runtime_goes_with_work_pending() {
    let (l, drops, t) = (log(), Rc::new(Cell::new(0)), start());
    let captured = Rc::new(Cell::new(0));
    Runtime::scope(t, |mut rt| {
        let a = actor!(rt, Probe::init("a", l.clone(), drops.clone()), Ret::nop());
        let b = actor!(rt, Probe::init("b", l.clone(), drops.clone()), Ret::nop());
        rt.run(t, false);
        // b is kept by a; a queued call holds a counter; a timer holds one;
        // a lazy and an idle call hold one each; a task holds one.
        call!([a], keep(b));
        let c = DropCounter(captured.clone());
        a.defer_call(move |_, _| drop(c));
        let c1 = DropCounter(captured.clone());
        rt.after(Duration::from_secs(5), move |_| drop(c1));
        let c2 = DropCounter(captured.clone());
        rt.lazy(move |_| drop(c2));
        let c3 = DropCounter(captured.clone());
        rt.idle(move |_| drop(c3));
        let c4 = DropCounter(captured.clone());
        rt.spawn(poll_fn(move |_| {
            let _c = &c4;
            Poll::Pending
        }));
        drop(a);
        // Dropped with all of that still pending: nothing runs, all is dropped.
    });
    assert_eq!(drops.get(), 2, "both actors' states");
    assert_eq!(captured.get(), 5);
}

#[test]
fn drops_states_in_a_cycle_of_handles_when_the_runtime_stops_their_actors() {
    let (l, drops, t) = (log(), Rc::new(Cell::new(0)), start());
    let answers = Rc::new(RefCell::new(Vec::new()));
    Runtime::scope(t, |mut rt| {
        let a = actor!(rt, Probe::init("a", l.clone(), drops.clone()), notify_into(&l, "a"));
        let b = actor!(rt, Probe::init("b", l.clone(), drops.clone()), notify_into(&l, "b"));
        // Each state holds a handle to the other: a cycle only a stop breaks.
        call!([a], set_peer(b.clone()));
        call!([b], set_peer(a.clone()));
        rt.run(t, false);
        let ans = answers.clone();
        call!([a], answer(Ret::new(move |m| ans.borrow_mut().push(m)), true));
        rt.defer(|_| unreachable!("plain deferred closures do not run at shutdown"));
        drop((a, b));
    });
    assert_eq!(drops.get(), 2);
    assert_eq!(*answers.borrow(), [None], "the undelivered call's Ret says no reply");
    assert!(l.borrow().ends_with(&["a stopped: dropped".to_string(), "b stopped: dropped".to_string()]));
}

#[test]
fn drops_the_state_once_when_a_handle_outlives_the_runtime() {
    let (l, drops, t) = (log(), Rc::new(Cell::new(0)), start());
    let answers = Rc::new(RefCell::new(Vec::new()));
    Runtime::scope(t, |mut rt| {
        let a = actor!(rt, Probe::init("a", l.clone(), drops.clone()), notify_into(&l, "a"));
        rt.run(t, false);
        drop(rt);
        let ans = answers.clone();
        call!([a], answer(Ret::new(move |m| ans.borrow_mut().push(m)), true));
        assert_eq!(*answers.borrow(), [None], "a call after the runtime is gone is dropped at once");
        drop(a);
    });
    assert_eq!(drops.get(), 1);
    assert_eq!(*l.borrow(), ["a: init", "a stopped: no cause"]);
}

#[test]
fn actor_state_of_size_zero_and_many_actors() {
    struct Nothing;
    impl Nothing {
        fn init<'id>(_: &mut Cx<'_, 'id, Self>) -> Option<Self> {
            Some(Nothing)
        }
        fn poke<'id>(&mut self, cx: &mut Cx<'_, 'id, Self>, hits: Rc<Cell<u32>>) {
            hits.set(hits.get() + 1);
            if hits.get().is_multiple_of(2) {
                cx.stop();
            }
        }
    }
    let t = start();
    let hits = Rc::new(Cell::new(0));
    Runtime::scope(t, |mut rt| {
        let all: Vec<_> = (0..50).map(|_| actor!(rt, Nothing::init(), Ret::nop())).collect();
        for a in &all {
            call!([a], poke(hits.clone()));
        }
        rt.run(t, false);
        assert_eq!(all.iter().filter(|a| a.is_stopped()).count(), 25);
        assert!(!Actor::same(&all[0], &all[1]), "each zero-sized state has an allocation of its own");
    });
    assert_eq!(hits.get(), 50);
}

#[test]
fn timers_fire_in_order_of_expiry_then_of_setting_and_cancel_after_fire_is_false() {
    let (l, drops, t) = (log(), Rc::new(Cell::new(0)), start());
    Runtime::scope(t, |mut rt| {
        let a = actor!(rt, Probe::init("a", l.clone(), drops.clone()), Ret::nop());
        let k3 = after!(rt, Duration::from_secs(3), [a], note("3s"));
        after!(rt, Duration::from_secs(1), [a], note("1s first"));
        after!(rt, Duration::from_secs(1), [a], note("1s second"));
        let cancelled = after!(rt, Duration::from_secs(2), [a], note("never"));
        assert!(rt.timer_del(cancelled));
        assert_eq!(rt.next_expiry(), Some(t + Duration::from_secs(1)));
        rt.run(t + Duration::from_secs(2), false);
        assert_eq!(rt.next_expiry(), Some(t + Duration::from_secs(3)));
        rt.run(t + Duration::from_secs(3), false);
        assert!(!rt.timer_del(k3), "cancel after fire");
        assert!(!rt.timer_del(cancelled), "cancel twice");
        assert_eq!(rt.next_expiry(), None);
    });
    assert_eq!(*l.borrow(), ["a: init", "a: 1s first", "a: 1s second", "a: 3s"]);
}

#[test]
fn a_timer_due_in_this_run_can_still_be_cancelled_by_an_earlier_timer() {
    let t = start();
    Runtime::scope(t, |mut rt| {
        let fired = Rc::new(RefCell::new(Vec::new()));
        let f = fired.clone();
        let later = rt.after(Duration::from_secs(2), move |_| f.borrow_mut().push("timeout"));
        let f = fired.clone();
        rt.after(Duration::from_secs(1), move |rt| {
            f.borrow_mut().push("beat");
            assert!(rt.timer_del(later), "not fired yet, though due in this run");
        });
        let f = fired.clone();
        rt.after(Duration::from_secs(3), move |rt| {
            f.borrow_mut().push("zero delay");
            let f = f.clone();
            rt.after(Duration::ZERO, move |_| f.borrow_mut().push("next run"));
        });
        rt.run(t + Duration::from_secs(5), false);
        assert_eq!(*fired.borrow(), ["beat", "zero delay"], "a timer set during a run waits for the next");
        rt.run(t + Duration::from_secs(5), false);
        assert_eq!(fired.borrow().last(), Some(&"next run"));
    });
}

#[test]
fn a_timer_key_does_not_cancel_a_later_timer_that_reuses_its_slot() {
    let t = start();
    Runtime::scope(t, |mut rt| {
        let fired = Rc::new(Cell::new(0));
        let f = fired.clone();
        let old = rt.after(Duration::ZERO, move |_| f.set(f.get() + 1));
        rt.run(t, false);
        let f = fired.clone();
        let new = rt.after(Duration::from_secs(1), move |_| f.set(f.get() + 10));
        assert!(!rt.timer_del(old));
        assert!(rt.timer_active(new));
        rt.run(t + Duration::from_secs(1), false);
        assert_eq!(fired.get(), 11);
    });
}

#[test]
fn many_cancelled_timers_do_not_pile_up() {
    let t = start();
    Runtime::scope(t, |mut rt| {
        for i in 0..10_000u64 {
            let k = rt.after(Duration::from_millis(i + 1), |_| unreachable!());
            assert!(rt.timer_del(k));
        }
        rt.after(Duration::from_secs(1), |_| {});
        assert_eq!(rt.next_expiry(), Some(t + Duration::from_secs(1)));
    });
}

#[test]
fn an_hour_of_virtual_time_runs_at_once() {
    struct Beat(u32);
    impl Beat {
        fn init<'id>(cx: &mut Cx<'_, 'id, Self>) -> Option<Self> {
            after!(cx, Duration::from_secs(1), [cx], beat());
            Some(Beat(0))
        }
        fn beat<'id>(&mut self, cx: &mut Cx<'_, 'id, Self>) {
            self.0 += 1;
            after!(cx, Duration::from_secs(1), [cx], beat());
        }
    }
    let t = start();
    Runtime::scope(t, |mut rt| {
        let beat = actor!(rt, Beat::init(), Ret::nop());
        rt.run(t, false);
        while let Some(next) = rt.next_expiry() {
            if next > t + Duration::from_secs(3600) {
                break;
            }
            rt.run(next, false);
        }
        assert_eq!(beat.query(&mut rt, |b, _| b.0), Some(3600));
    });
}

#[test]
fn lazy_calls_run_after_the_queue_and_idle_calls_only_when_asked() {
    let t = start();
    Runtime::scope(t, |mut rt| {
        let l = log();
        let (l1, l2, l3) = (l.clone(), l.clone(), l.clone());
        rt.idle(move |_| l1.borrow_mut().push("idle".into()));
        rt.lazy(move |rt| {
            l2.borrow_mut().push("lazy".into());
            let l = l2.clone();
            rt.defer(move |_| l.borrow_mut().push("deferred by lazy".into()));
        });
        rt.defer(move |_| l3.borrow_mut().push("deferred".into()));
        assert!(rt.run(t, false), "the idle call is still pending");
        assert_eq!(*l.borrow(), ["deferred", "lazy", "deferred by lazy"]);
        assert!(!rt.run(t, true));
        assert_eq!(l.borrow().last().map(String::as_str), Some("idle"));
    });
}

#[test]
fn two_runtimes_on_one_thread_run_independently() {
    let (l, drops, t) = (log(), Rc::new(Cell::new(0)), start());
    Runtime::scope(t, |mut outer| {
        let a = actor!(outer, Probe::init("outer", l.clone(), drops.clone()), Ret::nop());
        Runtime::scope(t, |mut inner| {
            let b = actor!(inner, Probe::init("inner", l.clone(), drops.clone()), Ret::nop());
            call!([b], note("x"));
            inner.run(t, false);
        });
        call!([a], note("y"));
        outer.run(t, false);
    });
    assert_eq!(*l.borrow(), ["inner: init", "inner: x", "outer: init", "outer: y"]);
    assert_eq!(drops.get(), 2);
}

#[test]
fn fwd_delivers_every_message_and_clones_share_the_target() {
    struct Sum(u64);
    impl Sum {
        fn init<'id>(_: &mut Cx<'_, 'id, Self>) -> Option<Self> {
            Some(Sum(0))
        }
        fn add<'id>(&mut self, _: &mut Cx<'_, 'id, Self>, n: u64) {
            self.0 += n;
        }
    }
    let t = start();
    Runtime::scope(t, |mut rt| {
        let sum = actor!(rt, Sum::init(), Ret::nop());
        let f = fwd_to!([sum], add);
        let g = f.clone();
        for n in 1..=10 {
            if n % 2 == 0 { f.fwd(n) } else { g.fwd(n) }
        }
        rt.run(t, false);
        assert_eq!(sum.query(&mut rt, |s, _| s.0), Some(55));
    });
}

#[test]
fn shares_are_written_by_several_actors_and_read_from_outside() {
    struct Producer<'id> {
        tally: Share<'id, Vec<u32>>,
    }
    impl<'id> Producer<'id> {
        fn init(_: &mut Cx<'_, 'id, Self>, tally: Share<'id, Vec<u32>>) -> Option<Self> {
            Some(Producer { tally })
        }
        fn produce(&mut self, cx: &mut Cx<'_, 'id, Self>, n: u32) {
            self.tally.rw(cx).push(n);
            let len = self.tally.ro(cx).len();
            if len < 6 {
                call!([cx], produce(n + 10));
            }
        }
    }
    let t = start();
    Runtime::scope(t, |mut rt| {
        let tally = Share::new(Vec::new());
        let weak = tally.downgrade();
        let a = actor!(rt, Producer::init(tally.clone()), Ret::nop());
        let b = actor!(rt, Producer::init(tally.clone()), Ret::nop());
        call!([a], produce(1));
        call!([b], produce(2));
        rt.run(t, false);
        assert_eq!(*tally.ro(&rt), [1, 2, 11, 12, 21, 22, 31]);
        drop((a, b, tally));
        rt.run(t, false);
        assert!(weak.upgrade().is_none(), "the actors held the last strong handles");
    });
}

#[test]
fn a_task_waits_for_an_actor_s_reply_and_writes_a_share() {
    struct Doubler;
    impl Doubler {
        fn init<'id>(_: &mut Cx<'_, 'id, Self>) -> Option<Self> {
            Some(Doubler)
        }
        fn double<'id>(&mut self, _: &mut Cx<'_, 'id, Self>, n: u32, ret: Ret<'id, u32>) {
            ret.ret(n * 2);
        }
    }
    let t = start();
    Runtime::scope(t, |mut rt| {
        let doubler = actor!(rt, Doubler::init(), Ret::nop());
        let out = Share::new(Vec::new());
        let o = out.clone();
        let mut n = 1;
        let mut waiting: Option<task::Reply<u32>> = None;
        rt.spawn(poll_fn(move |cx| {
            loop {
                let reply = waiting.get_or_insert_with(|| {
                    let (ret, reply) = task::reply();
                    call!([doubler], double(n, ret));
                    reply
                });
                let Poll::Ready(answer) = Pin::new(reply).poll(cx) else { return Poll::Pending };
                waiting = None;
                let answer = answer.expect("the doubler answers");
                o.rw(cx).push(answer);
                n = answer;
                if n > 100 {
                    return Poll::Ready(());
                }
            }
        }));
        rt.run(t, false);
        assert_eq!(*out.ro(&rt), [2, 4, 8, 16, 32, 64, 128]);
        assert_eq!(rt.task_count(), 0);
    });
}

#[test]
fn a_task_s_reply_is_none_when_the_actor_stops_without_answering() {
    let (l, drops, t) = (log(), Rc::new(Cell::new(0)), start());
    Runtime::scope(t, |mut rt| {
        let a = actor!(rt, Probe::init("a", l.clone(), drops.clone()), Ret::nop());
        call!([a], finish());
        let got = Share::new(Some(Some(0)));
        let g = got.clone();
        let mut reply = None;
        rt.spawn(poll_fn(move |cx| {
            let r = reply.get_or_insert_with(|| {
                let (ret, reply) = task::reply::<u32>();
                call!([a], answer(ret, true));
                reply
            });
            let Poll::Ready(answer) = Pin::new(r).poll(cx) else { return Poll::Pending };
            *g.rw(cx) = Some(answer);
            Poll::Ready(())
        }));
        rt.run(t, false);
        assert_eq!(*got.ro(&rt), Some(None));
    });
}

#[test]
fn actor_overhead_is_48_bytes_beside_the_state() {
    // The allocation of an `Rc<ActorBox<A>>` is two counts plus the box.
    fn overhead<A: 'static>() -> usize {
        2 * size_of::<usize>() + actor::box_size::<A>() - size_of::<A>()
    }
    if size_of::<usize>() == 8 {
        assert_eq!(overhead::<u64>(), 48);
        assert_eq!(overhead::<[u64; 125]>(), 48);
        assert_eq!(overhead::<()>(), 48);
    }
}

#[test]
fn drops_the_other_lazy_calls_when_one_panics_in_drop_at_shutdown() {
    let drops = Rc::new(Cell::new(0));
    let told = Rc::new(Cell::new(0));
    let result = catch_unwind(AssertUnwindSafe(|| {
        Runtime::scope(start(), |mut rt| {
            let l = log();
            let held = actor!(rt, Probe::init("held", l.clone(), drops.clone()), Ret::nop());
            rt.run(start(), false);
            struct Bomb;
            impl Drop for Bomb {
                fn drop(&mut self) {
                    panic!("a lazy call's capture panics in Drop");
                }
            }
            let bomb = Bomb;
            rt.lazy(move |_| drop(bomb));
            let t = told.clone();
            let ret = Ret::new(move |m: Option<u8>| {
                assert!(m.is_none());
                t.set(t.get() + 1);
            });
            rt.lazy(move |_| ret.ret(1));
            rt.idle(move |_| drop(held));
        })
    }));
    assert!(result.is_err());
    assert_eq!(told.get(), 1, "the other lazy call's Ret hears None");
    assert_eq!(drops.get(), 1, "the actor owned by a lazy call is dropped");
}

#[test]
fn timers_left_due_by_a_panic_fire_in_order_with_ones_set_afterwards() {
    let t0 = start();
    Runtime::scope(t0, |mut rt| {
        let fired = Rc::new(RefCell::new(Vec::new()));
        for (i, ms) in [(0, 1), (1, 2), (2, 3)] {
            let f = fired.clone();
            rt.at(t0 + Duration::from_millis(ms), move |_| {
                f.borrow_mut().push(i);
                assert_ne!(i, 0, "the first timer panics");
            });
        }
        assert!(catch_unwind(AssertUnwindSafe(|| rt.run(t0 + Duration::from_millis(5), false))).is_err());
        let f = fired.clone();
        rt.at(t0, move |_| f.borrow_mut().push(9)); // already past, earlier than those left due
        assert_eq!(rt.next_expiry(), Some(t0));
        rt.run(t0 + Duration::from_millis(5), false);
        assert_eq!(*fired.borrow(), [0, 9, 1, 2]);
    });
}
