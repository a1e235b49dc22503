//! Children: a slab of owners whose actors leave it when they stop, and the
//! type-erased owner.

use super::*;

/// Stakker 0.2.16's `actor_in_slab` test (`src/test/actor.rs`), ported: four
/// children that stop or fail on timers, two with a notify of their own; the
/// parent records the slab's length after each add and each notify.
#[test]
fn children_leave_the_slab_when_they_stop_and_their_notify_is_told_after() {
    struct Child;
    impl Child {
        fn init_to_stop<'id>(cx: &mut Cx<'id, '_, Self>, wait: Duration) -> Option<Self> {
            after!(cx, wait, [cx], stop());
            Some(Child)
        }
        fn init_to_fail<'id>(cx: &mut Cx<'id, '_, Self>, wait: Duration) -> Option<Self> {
            after!(cx, wait, [cx], fail());
            Some(Child)
        }
        fn stop<'id>(&mut self, cx: &mut Cx<'id, '_, Self>) {
            cx.stop();
        }
        fn fail<'id>(&mut self, cx: &mut Cx<'id, '_, Self>) {
            cx.fail_str("timeout");
        }
    }
    struct Parent<'id> {
        children: ActorOwnSlab<'id, Child>,
        counts: Vec<usize>,
        stopped: usize,
        failed: usize,
    }
    impl<'id> Parent<'id> {
        fn init(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
            Some(Parent { children: ActorOwnSlab::new(), counts: Vec::new(), stopped: 0, failed: 0 })
        }
        fn add_to_stop(&mut self, cx: &mut Cx<'id, '_, Self>, wait: Duration) {
            actor_in_slab!(self.children, cx, Child::init_to_stop(wait));
            self.counts.push(self.children.len());
        }
        fn add_to_fail(&mut self, cx: &mut Cx<'id, '_, Self>, wait: Duration) {
            actor_in_slab!(self.children, cx, Child::init_to_fail(wait));
            self.counts.push(self.children.len());
        }
        fn add_to_stop_told(&mut self, cx: &mut Cx<'id, '_, Self>, wait: Duration) {
            actor_in_slab!(self.children, cx, Child::init_to_stop(wait), ret_some_to!([cx], told));
            self.counts.push(self.children.len());
        }
        fn add_to_fail_told(&mut self, cx: &mut Cx<'id, '_, Self>, wait: Duration) {
            actor_in_slab!(self.children, cx, Child::init_to_fail(wait), ret_some_to!([cx], told));
            self.counts.push(self.children.len());
        }
        fn told(&mut self, _: &mut Cx<'id, '_, Self>, cause: StopCause) {
            self.counts.push(self.children.len());
            match cause {
                StopCause::Stopped => self.stopped += 1,
                StopCause::Failed(_) => self.failed += 1,
                _ => {}
            }
        }
    }

    let t = start();
    let sec = Duration::from_secs(1);
    Runtime::scope(t, |mut rt| {
        let parent = actor!(rt, Parent::init(), Ret::nop());
        call!([parent], add_to_stop(sec)); // 0 s to 1 s
        call!([parent], add_to_fail(4 * sec)); // 0 s to 4 s
        after!(rt, 2 * sec, [parent], add_to_stop_told(5 * sec)); // 2 s to 7 s
        after!(rt, 3 * sec, [parent], add_to_fail_told(2 * sec)); // 3 s to 5 s
        rt.run(t, false);
        while let Some(due) = rt.next_expiry() {
            rt.run(due, false);
        }
        let (counts, stopped, failed, left) =
            parent.query(&mut rt, |p, _| (p.counts.clone(), p.stopped, p.failed, p.children.len())).unwrap();
        assert_eq!(counts, [1, 2, 2, 3, 1, 0]);
        assert_eq!((stopped, failed, left), (1, 1, 0));
    });
}

/// A parent that keeps its children in a slab, for the tests below.
struct Nest<'id> {
    kids: ActorOwnSlab<'id, Probe<'id>>,
    old: Option<ActorOwnSlab<'id, Probe<'id>>>,
}

impl<'id> Nest<'id> {
    fn init(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
        Some(Nest { kids: ActorOwnSlab::new(), old: None })
    }

    fn hatch(&mut self, cx: &mut Cx<'id, '_, Self>, name: &'static str, log: Log, drops: Rc<Cell<usize>>) -> Actor<'id, Probe<'id>> {
        let notify = notify_into(&log, name);
        actor_in_slab!(self.kids, cx, Probe::init(name, log, drops), notify)
    }

    fn kill_all(&mut self, _: &mut Cx<'id, '_, Self>) {
        for kid in &self.kids {
            kid.kill("the nest is emptied");
        }
        assert_eq!(self.kids.len(), 2, "they leave later, not during the iteration");
    }

    fn new_slab(&mut self, _: &mut Cx<'id, '_, Self>) {
        self.old = Some(core::mem::take(&mut self.kids));
    }
}

#[test]
fn children_killed_while_the_slab_is_iterated_leave_it_afterwards() {
    let (l, drops, t) = (log(), Rc::new(Cell::new(0)), start());
    Runtime::scope(t, |mut rt| {
        let nest = actor!(rt, Nest::init(), Ret::nop());
        rt.run(t, false);
        for name in ["a", "b"] {
            let (l, d) = (l.clone(), drops.clone());
            nest.query(&mut rt, |n, cx| n.hatch(cx, name, l, d));
        }
        rt.run(t, false);
        call!([nest], kill_all());
        rt.run(t, false);
        assert_eq!(nest.query(&mut rt, |n, _| n.kids.len()), Some(0));
        assert_eq!(drops.get(), 2);
    });
    assert_eq!(l.borrow()[2..], ["a stopped: killed: the nest is emptied", "b stopped: killed: the nest is emptied"]);
}

#[test]
fn a_child_that_drops_its_parent_mid_call_finishes_the_call_then_stops() {
    let (l, drops, t) = (log(), Rc::new(Cell::new(0)), start());
    Runtime::scope(t, |mut rt| {
        let nest = actor!(rt, Nest::init(), notify_into(&l, "nest"));
        rt.run(t, false);
        let (l2, d) = (l.clone(), drops.clone());
        let kid = nest.query(&mut rt, |n, cx| n.hatch(cx, "kid", l2, d)).unwrap();
        rt.run(t, false);
        // The nest's only owner goes to the kid, which drops it in a call.
        let owner = Rc::new(RefCell::new(Some(nest)));
        let o = owner.clone();
        kid.defer_call(move |k, cx| {
            drop(o.borrow_mut().take());
            k.note(cx, "still here after dropping the nest's owner");
        });
        rt.run(t, false);
        assert!(kid.is_stopped());
        assert_eq!(drops.get(), 1);
    });
    assert_eq!(
        l.borrow()[1..],
        ["kid: still here after dropping the nest's owner", "nest stopped: dropped", "kid stopped: dropped"]
    );
}

#[test]
fn a_stop_removes_nothing_from_a_slab_that_replaced_the_child_s() {
    let (l, drops, t) = (log(), Rc::new(Cell::new(0)), start());
    Runtime::scope(t, |mut rt| {
        let nest = actor!(rt, Nest::init(), Ret::nop());
        rt.run(t, false);
        let (l2, d) = (l.clone(), drops.clone());
        let first = nest.query(&mut rt, |n, cx| n.hatch(cx, "first", l2, d)).unwrap();
        call!([nest], new_slab());
        rt.run(t, false);
        let (l2, d) = (l.clone(), drops.clone());
        let second = nest.query(&mut rt, |n, cx| n.hatch(cx, "second", l2, d)).unwrap();
        rt.run(t, false);
        first.kill("old");
        rt.run(t, false);
        // Both children sat at the first key of their slab.
        assert!(second.is_ready(), "the first child's stop leaves the new slab alone");
        assert_eq!(nest.query(&mut rt, |n, _| (n.kids.len(), n.old.as_ref().map(ActorOwnSlab::len))), Some((1, Some(1))));
    });
}

#[test]
fn an_anonymous_owner_keeps_its_actor_and_stops_it_when_dropped() {
    let (l, drops, t) = (log(), Rc::new(Cell::new(0)), start());
    Runtime::scope(t, |mut rt| {
        let a = actor!(rt, Probe::init("a", l.clone(), drops.clone()), notify_into(&l, "a"));
        let b = actor!(rt, Grenade::init(drops.clone()), notify_into(&l, "b"));
        let (a_id, handle) = (a.id(), Actor::clone(&a));
        let owners = vec![a.anon(), ActorOwnAnon::new(b)];
        rt.run(t, false);
        assert_eq!(owners[0].id(), a_id);
        assert!(owners.iter().all(|own| !own.is_stopped()));
        owners[1].kill("defused");
        let panicked = catch_unwind(AssertUnwindSafe(|| rt.run(t, false)));
        assert!(panicked.is_err(), "the grenade's state panics when it is dropped");
        assert!(owners[1].is_stopped());
        drop(owners);
        rt.run(t, false);
        assert!(handle.is_stopped());
    });
    assert_eq!(drops.get(), 2);
    assert_eq!(l.borrow()[1..], ["b stopped: killed: defused", "a stopped: dropped"]);
}
