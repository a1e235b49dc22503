//! Timers, run by the runtime in virtual time.

use super::*;

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
        fn init<'id>(cx: &mut Cx<'id, '_, Self>) -> Option<Self> {
            after!(cx, Duration::from_secs(1), [cx], beat());
            Some(Beat(0))
        }
        fn beat<'id>(&mut self, cx: &mut Cx<'id, '_, Self>) {
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

#[test]
fn the_clock_keeps_its_start_and_the_wall_clock_that_the_main_loop_set() {
    let t = start();
    let noon = std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(12 * 3600);
    Runtime::scope(t, |mut rt| {
        rt.set_systime(Some(noon));
        assert_eq!((rt.start_instant(), rt.now(), rt.systime()), (t, t, noon));
        rt.set_systime(Some(noon + Duration::from_secs(2)));
        rt.run(t + Duration::from_secs(1), false);
        assert_eq!(rt.start_instant(), t, "the start does not move with the clock");
        assert_eq!(rt.now(), t + Duration::from_secs(1));
        assert_eq!(rt.systime(), noon + Duration::from_secs(2), "the wall clock is the one set, not moved by run");
        rt.run(t, false);
        assert_eq!(rt.now(), t + Duration::from_secs(1), "the clock never goes back");
    });
}

#[test]
fn a_loop_on_next_wait_max_reaches_every_timer_in_steps_no_longer_than_its_max() {
    let t = start();
    Runtime::scope(t, |mut rt| {
        let fired = Rc::new(RefCell::new(Vec::new()));
        for secs in [1, 4, 7] {
            let f = fired.clone();
            rt.after(Duration::from_secs(secs), move |rt| f.borrow_mut().push(rt.now() - rt.start_instant()));
        }
        let max = Duration::from_secs(2);
        let mut now = t;
        let mut steps = Vec::new();
        rt.run(now, false);
        while rt.next_expiry().is_some() {
            let wait = rt.next_wait_max(now, max, false);
            steps.push(wait.as_secs());
            now += wait;
            rt.run(now, false);
        }
        let secs = |d: &Duration| d.as_secs();
        assert_eq!(fired.borrow().iter().map(secs).collect::<Vec<_>>(), [1, 4, 7]);
        assert_eq!(steps, [1, 2, 1, 2, 1], "to each timer, or `max` when the next is further");
        assert_eq!(rt.next_wait_max(now, max, false), max, "no timer: `max`");
        rt.after(Duration::from_secs(1), |_| {});
        assert_eq!(rt.next_wait_max(now, max, true), Duration::ZERO, "pending work: poll without blocking");
    });
}

/// Min timers moved from inside timers' callbacks: a timer cannot move
/// itself once it fires, and one moved into the past by another timer
/// fires once, at the next run, as a timer set during a run does.
#[test]
fn a_min_timer_moved_from_inside_a_callback_fires_once_at_the_next_run() {
    let (t, fired) = (start(), Rc::new(RefCell::new(Vec::new())));
    let ms = Duration::from_millis;
    Runtime::scope(t, |mut rt| {
        let own: Rc<Cell<Option<MinTimerKey<'_>>>> = Rc::new(Cell::new(None));
        let (f, key) = (fired.clone(), own.clone());
        own.set(Some(rt.timer_min_add(t + ms(3), move |rt| {
            f.borrow_mut().push("own");
            assert!(!rt.timer_min_upd(key.get().unwrap(), t), "fired: no longer set");
        })));
        let f = fired.clone();
        let far = rt.timer_min_add(t + ms(100), move |_| f.borrow_mut().push("far"));
        let f = fired.clone();
        rt.at(t + ms(2), move |rt| {
            f.borrow_mut().push("mover");
            assert!(rt.timer_min_upd(far, t));
        });
        rt.run(t + ms(3), false);
        assert_eq!(*fired.borrow(), ["mover", "own"]);
        assert_eq!(rt.next_expiry(), Some(t), "due at once");
        rt.run(t + ms(3), false);
        assert_eq!(*fired.borrow(), ["mover", "own", "far"]);
        assert_eq!(rt.next_expiry(), None);
    });
}

/// A timer that moves a min timer and then panics: the move is kept, and
/// the moved timer fires once.
#[test]
fn a_min_timer_moved_by_a_timer_that_then_panics_fires_once() {
    let (t, count) = (start(), Rc::new(Cell::new(0)));
    let ms = Duration::from_millis;
    Runtime::scope(t, |mut rt| {
        let c = count.clone();
        let min = rt.timer_min_add(t + ms(50), move |_| c.set(c.get() + 1));
        rt.at(t + ms(1), move |rt| {
            rt.timer_min_upd(min, t + ms(2));
            panic!("after the move");
        });
        assert!(catch_unwind(AssertUnwindSafe(|| rt.run(t + ms(3), false))).is_err());
        assert_eq!(rt.next_expiry(), Some(t + ms(2)));
        rt.run(t + ms(3), false);
        rt.run(t + ms(100), false);
    });
    assert_eq!(count.get(), 1);
}
