use companion::actors::{Actor, ActorOwn, Ret, Runtime, StopCause, actor, call};
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Instant;

/// A supervisor in a fresh runtime, with a log of why it stopped (if it did).
fn with_supervisor(f: impl for<'id> FnOnce(&mut Runtime<'id>, &ActorOwn<'id, Supervisor<'id>>, &RefCell<Vec<String>>)) {
    let now = Instant::now();
    Runtime::scope(now, |mut rt| {
        let stops = Rc::new(RefCell::new(Vec::new()));
        let s = stops.clone();
        let notify = Ret::new(move |cause: Option<StopCause>| s.borrow_mut().push(format!("{cause:?}")));
        let sup = actor!(rt, Supervisor::init(), notify);
        rt.run(now, false);
        f(&mut rt, &sup, &stops);
    });
}

fn worker_of<'id>(rt: &mut Runtime<'id>, sup: &ActorOwn<'id, Supervisor<'id>>) -> Option<Actor<'id, Worker>> {
    sup.query(rt, |s, _| s.worker()).flatten()
}

fn done_of<'id>(rt: &mut Runtime<'id>, worker: &Actor<'id, Worker>) -> Option<Vec<u32>> {
    worker.query(rt, |w, _| w.done.clone())
}

#[test]
fn a_failed_worker_is_replaced() {
    with_supervisor(|rt, sup, stops| {
        let first = worker_of(rt, sup).expect("a worker");
        call!([sup], submit(1));
        call!([sup], submit(0));
        rt.run(rt.now(), false);
        assert!(first.is_stopped());
        let second = worker_of(rt, sup).expect("a new worker");
        assert!(!Actor::same(&first, &second));
        call!([sup], submit(7));
        rt.run(rt.now(), false);
        assert_eq!(done_of(rt, &second), Some(vec![7]));
        assert_eq!(sup.query(rt, |s, _| s.restarts), Some(1));
        assert!(stops.borrow().is_empty(), "the supervisor carries on");
    });
}

#[test]
fn a_worker_that_stops_normally_is_let_go() {
    with_supervisor(|rt, sup, stops| {
        let first = worker_of(rt, sup).expect("a worker");
        call!([first], finish());
        rt.run(rt.now(), false);
        assert!(first.is_stopped());
        assert!(worker_of(rt, sup).is_none(), "not restarted");
        assert_eq!(sup.query(rt, |s, _| s.restarts), Some(0));
        assert!(stops.borrow().is_empty());
    });
}

#[test]
fn after_max_restarts_the_supervisor_fails() {
    with_supervisor(|rt, sup, stops| {
        for round in 0..=MAX_RESTARTS {
            assert!(worker_of(rt, sup).is_some(), "a worker in round {round}");
            call!([sup], submit(0));
            rt.run(rt.now(), false);
        }
        assert!(sup.is_stopped());
        assert_eq!(*stops.borrow(), ["Some(failed: the worker keeps failing)"]);
    });
}
