//! Order: calls run one at a time, in the order they were queued, never
//! inside one another; lazy and idle calls after them.

use super::*;

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
fn lazy_and_idle_calls_reach_a_method_after_the_calls_queued_with_call() {
    let (l, drops, t) = (log(), Rc::new(Cell::new(0)), start());
    Runtime::scope(t, |mut rt| {
        let a = actor!(rt, Probe::init("a", l.clone(), drops.clone()), Ret::nop());
        idle!(rt, [a], note("idle"));
        lazy!(rt, [a], note("lazy"));
        call!([a], note("call"));
        assert!(rt.run(t, false), "the idle call waits for a run that allows it");
        assert!(!rt.run(t, true));
    });
    assert_eq!(*l.borrow(), ["a: init", "a: call", "a: lazy", "a: idle"]);
}

#[test]
fn a_lazy_call_to_an_actor_in_prep_waits_for_it_to_be_ready() {
    let (l, drops, t) = (log(), Rc::new(Cell::new(0)), start());
    Runtime::scope(t, |mut rt| {
        let a = ActorOwn::<Probe>::new(&rt, Ret::nop());
        lazy!(rt, [a], note("lazy, before the state"));
        rt.run(t, false);
        assert!(l.borrow().is_empty());
        let (l2, d2) = (l.clone(), drops.clone());
        a.defer_prep(move |cx| Probe::init(cx, "a", l2, d2));
        call!([a], note("call, after the prep"));
        rt.run(t, false);
    });
    assert_eq!(*l.borrow(), ["a: init", "a: lazy, before the state", "a: call, after the prep"]);
}

#[test]
fn a_method_queues_lazy_and_idle_calls_to_itself_through_cx() {
    struct Batcher {
        seen: Vec<u32>,
        flushed: Vec<Vec<u32>>,
        idle_runs: u32,
    }
    impl Batcher {
        fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
            Some(Batcher { seen: Vec::new(), flushed: Vec::new(), idle_runs: 0 })
        }
        fn push<'id>(&mut self, cx: &mut Cx<'id, '_, Self>, n: u32) {
            if self.seen.is_empty() {
                lazy!(cx, [cx], flush());
            }
            self.seen.push(n);
        }
        fn flush<'id>(&mut self, cx: &mut Cx<'id, '_, Self>) {
            self.flushed.push(std::mem::take(&mut self.seen));
            idle!(cx, [cx], tidy(1));
        }
        fn tidy<'id>(&mut self, _: &mut Cx<'id, '_, Self>, n: u32) {
            self.idle_runs += n;
        }
    }
    let t = start();
    Runtime::scope(t, |mut rt| {
        let b = actor!(rt, Batcher::init(), Ret::nop());
        for n in 0..3 {
            call!([b], push(n));
        }
        rt.run(t, false);
        call!([b], push(3));
        rt.run(t, false);
        while rt.run(t, true) {}
        let (flushed, idle_runs) = b.query(&mut rt, |b, _| (b.flushed.clone(), b.idle_runs)).unwrap();
        assert_eq!(flushed, [vec![0, 1, 2], vec![3]]);
        assert_eq!(idle_runs, 2);
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
        fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
            Some(Sum(0))
        }
        fn add<'id>(&mut self, _: &mut Cx<'id, '_, Self>, n: u64) {
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
