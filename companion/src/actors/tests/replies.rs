//! Replies that do more than deliver: those that finish an actor's prep,
//! those that must never be sent, and those that pass a child's failure up
//! to its parent.

use super::*;

/// A parent whose only child reports to it through `notify`, made by one
/// of the failure-passing macros, and which can make that child end in
/// each of the four ways a child ends while its parent lives.
struct Parent<'id> {
    child: Option<ActorOwn<'id, Child>>,
}

struct Child;

impl Child {
    fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
        Some(Child)
    }
    fn end<'id>(&mut self, cx: &mut Cx<'id, '_, Self>, how: &str) {
        match how {
            "stop" => cx.stop(),
            "fail" => cx.fail_str("child broke"),
            "panic" => panic!("child panicked"),
            _ => unreachable!("{how}"),
        }
    }
}

impl<'id> Parent<'id> {
    fn init(cx: &mut Cx<'id, '_, Self>, which: &str) -> Option<Self> {
        let n = 3;
        let notify = match which {
            "ret_fail literal" => ret_fail!(cx, "child gone"),
            "ret_fail format" => ret_fail!(cx, "child {n} gone"),
            "ret_fail error" => ret_fail!(cx, std::fmt::Error),
            "ret_failthru literal" => ret_failthru!(cx, "child failed"),
            "ret_failthru format" => ret_failthru!(cx, "child {n} failed"),
            "ret_failthru error" => ret_failthru!(cx, std::fmt::Error),
            _ => unreachable!("{which}"),
        };
        Some(Parent { child: Some(actor!(cx, Child::init(), notify)) })
    }
    fn end_child(&mut self, _: &mut Cx<'id, '_, Self>, how: &'static str) {
        let child = self.child.as_ref().expect("the child is kept until dropped");
        match how {
            "drop" => self.child = None,
            "kill" => child.kill("no longer needed"),
            how => call!([child], end(how)),
        }
    }
}

/// How the parent ended up, after its child ended as `how`: the main loop's
/// shutdown reason, or "running".
fn parent_after(which: &'static str, how: &'static str) -> String {
    let t = start();
    Runtime::scope(t, |mut rt| {
        let parent = actor!(rt, Parent::init(which), ret_shutdown!(rt));
        call!([parent], end_child(how));
        // The child's panic unwinds out of `run`; the runtime goes on.
        let _ = catch_unwind(AssertUnwindSafe(|| rt.run(t, false)));
        rt.run(t, false);
        match rt.shutdown_reason() {
            Some(cause) => cause.to_string(),
            None => "running".to_string(),
        }
    })
}

#[test]
fn ret_fail_fails_the_parent_however_the_child_ends() {
    for how in ["stop", "fail", "panic", "drop", "kill"] {
        assert_eq!(parent_after("ret_fail literal", how), "failed: child gone", "{how}");
        assert_eq!(parent_after("ret_fail format", how), "failed: child 3 gone", "{how}");
        assert_eq!(parent_after("ret_fail error", how), format!("failed: {}", std::fmt::Error), "{how}");
    }
}

#[test]
fn ret_failthru_fails_the_parent_only_when_the_child_failed_or_panicked() {
    for which in ["ret_failthru literal", "ret_failthru format", "ret_failthru error"] {
        for how in ["stop", "drop", "kill"] {
            assert_eq!(parent_after(which, how), "running", "{which}, {how}");
        }
    }
    for how in ["fail", "panic"] {
        assert_eq!(parent_after("ret_failthru literal", how), "failed: child failed", "{how}");
        assert_eq!(parent_after("ret_failthru format", how), "failed: child 3 failed", "{how}");
        assert_eq!(parent_after("ret_failthru error", how), format!("failed: {}", std::fmt::Error), "{how}");
    }
}

#[test]
#[should_panic(expected = "no answer was expected")]
fn a_panic_ret_panics_when_sent() {
    Ret::panic("no answer was expected").ret(());
}

#[test]
#[should_panic(expected = "no message was expected")]
fn a_panic_fwd_panics_on_its_first_message() {
    Fwd::panic("no message was expected").fwd(1_u8);
}

#[test]
fn a_panic_ret_dropped_unused_is_silent() {
    let (l, drops, t) = (log(), Rc::new(Cell::new(0)), start());
    Runtime::scope(t, |mut rt| {
        let a = actor!(rt, Probe::init("a", l.clone(), drops.clone()), Ret::nop());
        call!([a], answer(Ret::panic("a call that does not answer drops its Ret"), false));
        call!([a], finish());
        // Never delivered: the actor has stopped, and the call with its Ret is dropped.
        call!([a], answer(Ret::panic("a call to a stopped actor never runs"), true));
        rt.run(t, false);
    });
    assert_eq!(*l.borrow(), ["a: init", "a: stopping"]);
}

/// `Ret::panic` as the notify of an actor that stops: the panic leaves
/// `run`, and the runtime goes on; one told while the runtime is dropped
/// leaves the drop, and every other state is still dropped, once.
#[test]
fn a_panic_ret_as_a_notify_leaves_run_and_the_runtime_s_drop() {
    let (l, drops, t) = (log(), Rc::new(Cell::new(0)), start());
    Runtime::scope(t, |mut rt| {
        let a = actor!(rt, Probe::init("a", l.clone(), drops.clone()), Ret::panic("a must not stop"));
        let b = actor!(rt, Probe::init("b", l.clone(), drops.clone()), Ret::nop());
        call!([a], finish());
        call!([b], note("after a"));
        assert!(catch_unwind(AssertUnwindSafe(|| rt.run(t, false))).is_err());
        rt.run(t, false);
        assert!(a.is_stopped() && b.is_ready());
        let c = actor!(rt, Probe::init("c", l.clone(), drops.clone()), Ret::panic("c must not stop"));
        rt.run(t, false);
        drop(c);
        assert!(catch_unwind(AssertUnwindSafe(move || drop(rt))).is_err());
        drop(b);
    });
    assert_eq!(*l.borrow(), ["a: init", "b: init", "a: stopping", "b: after a", "c: init"]);
    assert_eq!(drops.get(), 3);
}

#[test]
fn a_reply_to_a_prep_function_makes_the_actor_ready_and_the_waiting_calls_run() {
    let (l, drops, t) = (log(), Rc::new(Cell::new(0)), start());
    Runtime::scope(t, |mut rt| {
        let a = ActorOwn::<Probe>::new(&rt, notify_into(&l, "a"));
        call!([a], note("waited for the state"));
        let (l2, d2) = (l.clone(), drops.clone());
        let answer = Ret::to_actor_prep(&a, move |cx, name: Option<&'static str>| Probe::init(cx, name?, l2, d2));
        rt.run(t, false);
        assert!(a.is_preparing(), "no answer yet");
        answer.ret("a");
        rt.run(t, false);
        assert!(a.is_ready());
    });
    assert_eq!(*l.borrow(), ["a: init", "a: waited for the state", "a stopped: dropped"]);
    assert_eq!(drops.get(), 1);
}

#[test]
fn replies_to_a_prep_function_that_come_late_or_empty_are_ignored_or_hear_none() {
    let t = start();
    let heard = Rc::new(RefCell::new(Vec::new()));
    Runtime::scope(t, |mut rt| {
        let a = ActorOwn::<u32>::new(&rt, Ret::nop());
        // Dropped unused: `to_actor_prep` hears `None` and may give up.
        let h = heard.clone();
        drop(Ret::to_actor_prep(&a, move |cx, m: Option<u32>| {
            h.borrow_mut().push(m);
            cx.fail_str("no answer");
            None
        }));
        // `some_to_actor_prep` hears nothing at all.
        let h = heard.clone();
        drop(Ret::some_to_actor_prep(&a, move |_, m: u32| {
            h.borrow_mut().push(Some(m));
            Some(m)
        }));
        rt.run(t, false);
        assert!(a.is_stopped());

        let b = ActorOwn::<u32>::new(&rt, Ret::nop());
        Ret::some_to_actor_prep(&b, |_, m: u32| Some(m)).ret(1);
        let h = heard.clone();
        Ret::some_to_actor_prep(&b, move |_, m: u32| {
            h.borrow_mut().push(Some(m));
            Some(m)
        })
        .ret(2); // arrives when `b` is ready: ignored
        rt.run(t, false);
        assert_eq!(b.query(&mut rt, |b, _| *b), Some(1));
    });
    assert_eq!(*heard.borrow(), [None]);
}

#[test]
fn a_forwarder_to_a_prep_function_prepares_until_one_message_makes_the_state() {
    let t = start();
    Runtime::scope(t, |mut rt| {
        let a = ActorOwn::<u8>::new(&rt, Ret::nop());
        let digits = Fwd::to_actor_prep(&a, |_, c: char| c.to_digit(10).map(|d| d as u8));
        for c in ['x', 'y', '7', '8'] {
            digits.fwd(c);
        }
        rt.run(t, false);
        assert_eq!(a.query(&mut rt, |a, _| *a), Some(7), "the first digit made it; the next was ignored");
    });
}
