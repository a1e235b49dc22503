//! Panics: a panic in a method, a prep function or a state's `Drop` stops
//! that actor only, and its notify still hears why.

use super::*;

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
