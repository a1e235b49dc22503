//! The lifecycle: prep, ready, stopped; what the notify hears, what
//! happens to calls and replies at each step, and what an actor costs.

use super::*;

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
fn fail_string_stops_with_its_message_from_a_prep_function_and_from_a_method() {
    struct Tank(u32);
    impl Tank {
        fn init<'id>(cx: &mut Cx<'id, '_, Self>, litres: u32) -> Option<Self> {
            if litres == 0 {
                cx.fail_string(format!("{litres} litres: empty"));
            }
            Some(Tank(litres))
        }
        fn draw<'id>(&mut self, cx: &mut Cx<'id, '_, Self>, litres: u32) {
            match self.0.checked_sub(litres) {
                Some(left) => self.0 = left,
                None => cx.fail_string(format!("{litres} litres asked, {} left", self.0)),
            }
        }
    }
    let (l, t) = (log(), start());
    Runtime::scope(t, |mut rt| {
        let empty = actor!(rt, Tank::init(0), notify_into(&l, "empty"));
        let full = actor!(rt, Tank::init(10), notify_into(&l, "full"));
        call!([full], draw(6));
        call!([full], draw(6));
        rt.run(t, false);
        assert!(empty.is_stopped() && full.is_stopped());
    });
    assert_eq!(*l.borrow(), ["empty stopped: failed: 0 litres: empty", "full stopped: failed: 6 litres asked, 4 left"]);
}

#[test]
fn apply_prep_runs_a_prep_function_at_once_and_only_in_prep() {
    let (l, drops, t) = (log(), Rc::new(Cell::new(0)), start());
    Runtime::scope(t, |mut rt| {
        let a = ActorOwn::<Probe>::new(&rt, notify_into(&l, "a"));
        a.apply_prep(&mut rt, |_| None);
        assert!(a.is_preparing(), "`None`: still in prep");
        a.apply(&mut rt, |p, cx| p.note(cx, "parked"));
        let (l2, d2) = (l.clone(), drops.clone());
        a.apply_prep(&mut rt, move |cx| Probe::init(cx, "a", l2, d2));
        assert!(a.is_ready(), "ready with no run");
        let (l2, d2) = (l.clone(), drops.clone());
        a.apply_prep(&mut rt, move |cx| Probe::init(cx, "second", l2, d2));
        assert_eq!(drops.get(), 0, "ignored once ready: the prep function never ran");
        a.kill("done");
        rt.run(t, false);
        a.apply_prep(&mut rt, |_| unreachable!("ignored once stopped"));
    });
    assert_eq!(*l.borrow(), ["a: init", "a: parked", "a stopped: killed: done"]);
    assert_eq!(drops.get(), 1);
}

#[test]
fn apply_prep_that_fails_stops_the_actor_and_tells_its_notify() {
    let (l, t) = (log(), start());
    Runtime::scope(t, |mut rt| {
        let a = ActorOwn::<u8>::new(&rt, notify_into(&l, "a"));
        a.apply_prep(&mut rt, |cx| {
            cx.fail_string(format!("port {} taken", 80));
            None
        });
        assert!(a.is_stopped());
    });
    assert_eq!(*l.borrow(), ["a stopped: failed: port 80 taken"]);
}

#[test]
fn actor_state_of_size_zero_and_many_actors() {
    struct Nothing;
    impl Nothing {
        fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
            Some(Nothing)
        }
        fn poke<'id>(&mut self, cx: &mut Cx<'id, '_, Self>, hits: Rc<Cell<u32>>) {
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
#[cfg(target_pointer_width = "64")]
fn actor_overhead_is_48_bytes_beside_the_state() {
    // The allocation of an `Rc<ActorBox<A>>` is two counts plus the box.
    fn overhead<A: 'static>() -> usize {
        2 * size_of::<usize>() + actor::box_size::<A>() - size_of::<A>()
    }
    assert_eq!(overhead::<u64>(), 48);
    assert_eq!(overhead::<[u64; 125]>(), 48);
    assert_eq!(overhead::<()>(), 48);
}

#[test]
fn apply_prep_that_panics_drops_the_waiting_calls_and_the_runtime_goes_on() {
    let (l, drops, t) = (log(), Rc::new(Cell::new(0)), start());
    Runtime::scope(t, |mut rt| {
        let a = ActorOwn::<Probe>::new(&rt, notify_into(&l, "a"));
        let heard = Rc::new(RefCell::new(Vec::new()));
        let h = heard.clone();
        let reply = Ret::new(move |m: Option<u8>| h.borrow_mut().push(m));
        a.apply(&mut rt, move |_, _| reply.ret(1));
        let counted = DropCounter(drops.clone());
        let panicked = catch_unwind(AssertUnwindSafe(|| {
            a.apply_prep(&mut rt, move |_| {
                let _counted = counted;
                panic!("in prep")
            })
        }));
        assert!(panicked.is_err());
        assert!(a.is_stopped(), "no call reaches it any more");
        rt.run(t, false);
        assert_eq!(*heard.borrow(), [None], "the waiting call was dropped: its Ret heard None");
        a.apply_prep(&mut rt, |_| unreachable!("ignored once stopped"));
    });
    assert_eq!(*l.borrow(), ["a stopped: panicked"]);
    assert_eq!(drops.get(), 1);
}

#[test]
fn apply_prep_whose_first_waiting_call_panics_drops_the_others_once() {
    let (l, drops, t) = (log(), Rc::new(Cell::new(0)), start());
    Runtime::scope(t, |mut rt| {
        let a = ActorOwn::<Probe>::new(&rt, notify_into(&l, "a"));
        a.apply(&mut rt, |_, _| panic!("the first waiting call"));
        let counted = DropCounter(drops.clone());
        a.apply(&mut rt, move |p, cx| {
            let _counted = &counted;
            p.note(cx, "never");
        });
        let (l2, d2) = (l.clone(), drops.clone());
        let panicked = catch_unwind(AssertUnwindSafe(|| a.apply_prep(&mut rt, move |cx| Probe::init(cx, "a", l2, d2))));
        assert!(panicked.is_err());
        rt.run(t, false);
        assert!(a.is_stopped());
    });
    assert_eq!(*l.borrow(), ["a: init", "a stopped: panicked"]);
    assert_eq!(drops.get(), 2, "the state and the call that never ran, once each");
}
