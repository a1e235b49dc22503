//! Stakker 0.2.16 with its default features next to `companion::actors`:
//! what the book says Stakker does, and each place where the companion's
//! runtime behaves differently on purpose, the same program run on both
//! (`book/actors/which-owner.md`, `book/actors/porting.md`).
//!
//! With its default features Stakker's deferrer is a process-global queue,
//! locked to the first thread of the process that makes a `Stakker`; a
//! `Stakker` made on any other thread panics. libtest runs tests on several
//! threads, so every Stakker half below runs on one thread of its own,
//! [`on_stakker_thread`], one at a time. The companion halves run on the
//! test's own thread, as any number of runtimes may.

use std::cell::{Cell, RefCell};
use std::error::Error;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::rc::Rc;
use std::sync::OnceLock;
use std::sync::mpsc::{Sender, channel};
use std::thread;
use std::time::{Duration, Instant};

type Check = Box<dyn FnOnce() + Send>;

/// Runs `check` on the one thread that makes every `Stakker` of this test
/// binary, and returns what it returns, or passes its panic on.
fn on_stakker_thread<T: Send + 'static>(check: impl FnOnce() -> T + Send + 'static) -> T {
    static STAKKER_THREAD: OnceLock<Sender<Check>> = OnceLock::new();
    let checks = STAKKER_THREAD.get_or_init(|| {
        let (checks, queued) = channel::<Check>();
        thread::spawn(move || queued.into_iter().for_each(|check| check()));
        checks
    });
    let (outcome, result) = channel();
    checks
        .send(Box::new(move || {
            // The test that sent it waits on the other end.
            let _ = outcome.send(catch_unwind(AssertUnwindSafe(check)));
        }))
        .expect("the Stakker thread runs as long as the process");
    match result.recv().expect("the Stakker thread answers every check") {
        Ok(value) => value,
        Err(panic) => resume_unwind(panic),
    }
}

fn message(payload: Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

type Log = Rc<RefCell<Vec<String>>>;

fn log() -> Log {
    Rc::new(RefCell::new(Vec::new()))
}

#[test]
fn stakker_allows_one_instance_per_process_with_default_features() {
    on_stakker_thread(|| {
        let first = stakker::Stakker::new(Instant::now());
        let second = catch_unwind(AssertUnwindSafe(|| drop(stakker::Stakker::new(Instant::now()))));
        let second = message(second.expect_err("a second Stakker on one thread panics"));
        assert_eq!(second, "Illegal to create two TCellOwner instances with the same marker type parameter");
        drop(first);
    });

    // The Stakker thread has made one, and dropped it: no other thread may.
    // The attempt is started from the Stakker thread, so that no other check
    // makes a Stakker while the failing one briefly holds the process's owner.
    let other_thread = on_stakker_thread(|| thread::spawn(|| drop(stakker::Stakker::new(Instant::now()))).join());
    let other_thread = message(other_thread.expect_err("a Stakker on a second thread panics"));
    // An `assert_eq!` inside Stakker: its message, then the two thread ids.
    assert!(
        other_thread.contains(
            "Attempted to create another Stakker instance on a different thread.  Enable crate feature `multi-thread` to allow this."
        ),
        "{other_thread}"
    );

    // Here: as many runtimes as the program likes, on any thread, nested.
    let now = Instant::now();
    let answers = thread::spawn(move || {
        companion::actors::Runtime::scope(now, |outer| companion::actors::Runtime::scope(now, |inner| (outer.now(), inner.now())))
    })
    .join()
    .expect("two runtimes on a second thread");
    assert_eq!(answers, (now, now));
}

// ANCHOR: stakker_kettle
mod kettle_on_stakker {
    use stakker::{Actor, CX, Ret, Stakker, StopCause, actor, after, call, ret_nop, ret_some_to};
    use std::cell::RefCell;
    use std::rc::Rc;
    use std::time::{Duration, Instant};

    struct Kettle {
        temp: u32,
        secs: u32,
        done: Option<Ret<u32>>,
    }

    impl Kettle {
        fn init(_: CX![], temp: u32) -> Option<Self> {
            Some(Kettle { temp, secs: 0, done: None })
        }
        fn boil(&mut self, cx: CX![], done: Ret<u32>) {
            self.done = Some(done);
            call!([cx], heat());
        }
        fn heat(&mut self, cx: CX![]) {
            if self.temp >= 100 {
                if let Some(done) = self.done.take() {
                    done.ret(self.secs);
                }
                cx.stop();
                return;
            }
            self.temp += 10;
            self.secs += 1;
            after!(Duration::from_secs(1), [cx], heat());
        }
    }

    struct Cook {
        boiled_after: Option<u32>,
    }

    impl Cook {
        fn init(_: CX![]) -> Option<Self> {
            Some(Cook { boiled_after: None })
        }
        fn start(&mut self, cx: CX![], kettle: Actor<Kettle>) {
            call!([kettle], boil(ret_some_to!([cx], boiled() as (u32))));
        }
        fn boiled(&mut self, _: CX![], secs: u32) {
            self.boiled_after = Some(secs);
        }
    }

    pub fn main() {
        let start = Instant::now();
        let mut stakker = Stakker::new(start);
        let s = &mut stakker;
        let why = Rc::new(RefCell::new(String::new()));
        let w = why.clone();
        let notify = Ret::new(move |cause: Option<StopCause>| *w.borrow_mut() = cause.unwrap().to_string());

        let kettle = actor!(s, Kettle::init(20), notify);
        let cook = actor!(s, Cook::init(), ret_nop!());
        call!([cook], start(kettle.clone()));

        let mut now = start;
        s.run(now, false);
        while let Some(wait) = s.next_wait(now) {
            now += wait; // virtual time: jump to the next timer
            s.run(now, false);
        }
        assert_eq!(cook.query(s, |cook, _| cook.boiled_after), Some(Some(8)));
        assert_eq!(*why.borrow(), "Actor stopped");
    }
}
// ANCHOR_END: stakker_kettle

/// The Stakker half of the port on `book/actors/porting.md`; the
/// companion's half is the page's own snippet, with the same assertions
/// but its own text for the stop cause.
#[test]
fn the_kettle_program_runs_on_stakker() {
    on_stakker_thread(kettle_on_stakker::main);
}

/// Stakker's `ActorOwn::kill` stops the actor inside the call, and needs the
/// runtime and an owning handle; `Actor::kill` here is queued behind the
/// calls sent before it, and any handle may send it.
#[test]
fn kill_stops_at_once_in_stakker_and_is_queued_here() {
    on_stakker_thread(|| {
        use stakker::{CX, Ret, StopCause, actor, call};

        struct Job(Log);
        impl Job {
            fn init(_: CX![], log: Log) -> Option<Self> {
                Some(Job(log))
            }
            fn work(&mut self, _: CX![]) {
                self.0.borrow_mut().push("work".into());
            }
        }

        let now = Instant::now();
        let mut s = stakker::Stakker::new(now);
        let l = log();
        let notified = l.clone();
        let notify = Ret::new(move |c: Option<StopCause>| notified.borrow_mut().push(c.unwrap().to_string()));
        let job = actor!(s, Job::init(l.clone()), notify);
        s.run(now, false);
        call!([job], work());
        job.kill_str(&mut s, "not needed");
        assert!(job.is_zombie(), "stopped inside `kill`");
        s.run(now, false);
        assert_eq!(*l.borrow(), ["Actor was killed: not needed"], "the call sent before the kill never ran");
    });

    use companion::actors::{Actor, Cx, Ret, Runtime, StopCause, actor, call};

    struct Job(Log);
    impl Job {
        fn init<'id>(_: &mut Cx<'id, '_, Self>, log: Log) -> Option<Self> {
            Some(Job(log))
        }
        fn work<'id>(&mut self, _: &mut Cx<'id, '_, Self>) {
            self.0.borrow_mut().push("work".into());
        }
    }

    let now = Instant::now();
    let l = log();
    Runtime::scope(now, |mut rt| {
        let notified = l.clone();
        let notify = Ret::new(move |c: Option<StopCause>| notified.borrow_mut().push(c.unwrap().to_string()));
        let job = actor!(rt, Job::init(l.clone()), notify);
        rt.run(now, false);
        let handle: Actor<'_, Job> = job.clone(); // a plain handle may kill
        call!([job], work());
        handle.kill("not needed");
        assert!(job.is_ready(), "queued: nothing has stopped yet");
        rt.run(now, false);
        assert!(job.is_stopped());
    });
    assert_eq!(*l.borrow(), ["work", "killed: not needed"], "the call sent before the kill ran first");
}

/// An actor whose last owner is dropped, and then the runtime, before the
/// stop could run: Stakker drops its queue with the stop in it, and the
/// notify hears `None` when the actor's memory goes; here the runtime's
/// drop runs the stop, and the notify hears `Dropped`.
#[test]
fn dropping_the_runtime_tells_notify_nothing_in_stakker_and_dropped_here() {
    on_stakker_thread(|| {
        use stakker::{CX, Ret, StopCause, actor};

        struct Idle;
        impl Idle {
            fn init(_: CX![]) -> Option<Self> {
                Some(Idle)
            }
        }

        let now = Instant::now();
        let mut s = stakker::Stakker::new(now);
        let heard = Rc::new(RefCell::new(Vec::new()));
        let h = heard.clone();
        let idle = actor!(s, Idle::init(), Ret::new(move |c: Option<StopCause>| h.borrow_mut().push(c.map(|c| c.to_string()))));
        s.run(now, false);
        drop(idle);
        drop(s);
        assert_eq!(*heard.borrow(), [None]);
    });

    use companion::actors::{Cx, Ret, Runtime, StopCause, actor};

    struct Idle;
    impl Idle {
        fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
            Some(Idle)
        }
    }

    let now = Instant::now();
    let heard = Rc::new(RefCell::new(Vec::new()));
    Runtime::scope(now, |mut rt| {
        let h = heard.clone();
        let idle = actor!(rt, Idle::init(), Ret::new(move |c: Option<StopCause>| h.borrow_mut().push(c.map(|c| c.to_string()))));
        rt.run(now, false);
        drop(idle);
        drop(rt);
    });
    assert_eq!(*heard.borrow(), [Some("dropped".to_string())]);
}

/// The causes and their text. Stakker has `Lost`, kept for remote actors it
/// does not implement; the companion has `Panicked`, which counts as an
/// error.
#[test]
fn stop_causes_have_their_own_text_and_panicked_replaces_lost() {
    use companion::actors::StopCause as Ours;
    use stakker::StopCause as Theirs;

    let error = || -> Box<dyn Error> { "disk full".into() };
    let theirs = [Theirs::Stopped, Theirs::Failed(error()), Theirs::Killed(error()), Theirs::Dropped, Theirs::Lost];
    let ours = [Ours::Stopped, Ours::Failed(error()), Ours::Killed(error()), Ours::Dropped, Ours::Panicked];
    assert_eq!(
        theirs.iter().map(Theirs::to_string).collect::<Vec<_>>(),
        ["Actor stopped", "Actor failed: disk full", "Actor was killed: disk full", "Actor was dropped", "Lost connection to actor"]
    );
    assert_eq!(
        ours.iter().map(Ours::to_string).collect::<Vec<_>>(),
        ["stopped", "failed: disk full", "killed: disk full", "dropped", "panicked"]
    );
    assert_eq!(theirs.iter().map(Theirs::has_error).collect::<Vec<_>>(), [false, true, true, false, false]);
    assert_eq!(ours.iter().map(Ours::has_error).collect::<Vec<_>>(), [false, true, true, false, true]);
}

/// A panic in an actor's method unwinds out of `run` on both. Stakker's
/// `run` then refuses to run again; this runtime stops the actor that
/// panicked, tells its notify, and goes on.
#[test]
fn a_panic_leaves_stakker_refusing_to_run_and_this_runtime_running() {
    on_stakker_thread(|| {
        use stakker::{CX, Ret, call};

        struct Fragile;
        impl Fragile {
            fn init(_: CX![]) -> Option<Self> {
                Some(Fragile)
            }
            fn boom(&mut self, _: CX![]) {
                panic!("boom");
            }
        }

        let now = Instant::now();
        let mut s = stakker::Stakker::new(now);
        let fragile = stakker::actor!(s, Fragile::init(), Ret::new(|_| {}));
        s.run(now, false);
        call!([fragile], boom());
        let first = catch_unwind(AssertUnwindSafe(|| s.run(now, false)));
        assert_eq!(message(first.expect_err("the method's panic")), "boom");
        let second = catch_unwind(AssertUnwindSafe(|| s.run(now, false)));
        assert_eq!(message(second.expect_err("run refuses")), "Previous run call must have panicked");
    });

    use companion::actors::{Cx, Ret, Runtime, StopCause, actor, call};

    struct Fragile;
    impl Fragile {
        fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
            Some(Fragile)
        }
        fn boom<'id>(&mut self, _: &mut Cx<'id, '_, Self>) {
            panic!("boom");
        }
    }

    let now = Instant::now();
    let heard = log();
    Runtime::scope(now, |mut rt| {
        let h = heard.clone();
        let fragile = actor!(rt, Fragile::init(), Ret::new(move |c: Option<StopCause>| h.borrow_mut().push(c.unwrap().to_string())));
        rt.run(now, false);
        call!([fragile], boom());
        let first = catch_unwind(AssertUnwindSafe(|| rt.run(now, false)));
        assert_eq!(message(first.expect_err("the method's panic")), "boom");
        rt.run(now, false);
        assert!(fragile.is_stopped());
    });
    assert_eq!(*heard.borrow(), ["panicked"]);
}

/// Stakker keeps time in ticks of 2^14 ns (about 16 µs), and sets a timer
/// to expire on a tick at least one after the current one, so a timer due
/// now, or 1 ns from now, fires once `run` is given the next tick. Here a
/// timer expires at its exact `Instant`, and fires in the first `run` whose
/// `now` has reached it, also when the clock has not moved.
#[test]
fn timers_fire_at_their_exact_instant_here_and_on_the_next_tick_in_stakker() {
    on_stakker_thread(|| {
        let start = Instant::now();
        let mut s = stakker::Stakker::new(start);
        let fired = Rc::new(RefCell::new(Vec::new()));
        let f = fired.clone();
        s.after(Duration::ZERO, move |_| f.borrow_mut().push("zero"));
        let f = fired.clone();
        s.after(Duration::from_nanos(1), move |_| f.borrow_mut().push("1 ns"));
        s.run(start, false);
        s.run(start + Duration::from_nanos(1), false);
        assert!(fired.borrow().is_empty(), "both wait for the next tick");
        s.run(start + Duration::from_nanos(1 << 14), false);
        assert_eq!(*fired.borrow(), ["zero", "1 ns"]);
    });

    let start = Instant::now();
    companion::actors::Runtime::scope(start, |mut rt| {
        let fired = Rc::new(RefCell::new(Vec::new()));
        let f = fired.clone();
        rt.after(Duration::ZERO, move |_| f.borrow_mut().push("zero"));
        let f = fired.clone();
        rt.after(Duration::from_nanos(1), move |_| f.borrow_mut().push("1 ns"));
        rt.run(start, false);
        assert_eq!(*fired.borrow(), ["zero"], "due at `now`");
        rt.run(start + Duration::from_nanos(1), false);
        assert_eq!(*fired.borrow(), ["zero", "1 ns"]);
    });
}

/// Two timers due in one `run`, the first cancelling the second. Stakker
/// moves every due timer onto its queue before running any, so the
/// cancel comes too late; here each timer fires after everything the one
/// before it caused, so the cancel works.
#[test]
fn a_timer_can_cancel_one_due_in_the_same_run_here_and_not_in_stakker() {
    on_stakker_thread(|| {
        use stakker::FixedTimerKey;

        let start = Instant::now();
        let mut s = stakker::Stakker::new(start);
        let fired = Rc::new(RefCell::new(Vec::new()));
        let later: Rc<Cell<Option<FixedTimerKey>>> = Rc::new(Cell::new(None));
        let (f, key) = (fired.clone(), later.clone());
        s.after(Duration::from_secs(1), move |s| {
            let cancelled = s.timer_del(key.get().unwrap());
            f.borrow_mut().push(format!("first, cancelled the second: {cancelled}"));
        });
        let f = fired.clone();
        later.set(Some(s.after(Duration::from_secs(2), move |_| f.borrow_mut().push("second".into()))));
        s.run(start + Duration::from_secs(3), false);
        assert_eq!(*fired.borrow(), ["first, cancelled the second: false", "second"]);
    });

    let start = Instant::now();
    companion::actors::Runtime::scope(start, |mut rt| {
        let fired = Rc::new(RefCell::new(Vec::new()));
        let f = fired.clone();
        let second = rt.after(Duration::from_secs(2), move |_| f.borrow_mut().push("second".to_string()));
        let f = fired.clone();
        rt.after(Duration::from_secs(1), move |rt| {
            let cancelled = rt.timer_del(second);
            f.borrow_mut().push(format!("first, cancelled the second: {cancelled}"));
        });
        rt.run(start + Duration::from_secs(3), false);
        assert_eq!(*fired.borrow(), ["first, cancelled the second: true"]);
    });
}

/// `run(now, true)`: Stakker runs one idle call first, then the queue;
/// here the idle call runs when everything else has run.
#[test]
fn an_idle_call_runs_before_the_queue_in_stakker_and_after_it_here() {
    on_stakker_thread(|| {
        let now = Instant::now();
        let mut s = stakker::Stakker::new(now);
        let order = log();
        let o = order.clone();
        s.defer(move |_| o.borrow_mut().push("queued".into()));
        let o = order.clone();
        s.idle(move |_| o.borrow_mut().push("idle".into()));
        s.run(now, true);
        assert_eq!(*order.borrow(), ["idle", "queued"]);
    });

    let now = Instant::now();
    let order = log();
    companion::actors::Runtime::scope(now, |mut rt| {
        let o = order.clone();
        rt.defer(move |_| o.borrow_mut().push("queued".into()));
        let o = order.clone();
        rt.idle(move |_| o.borrow_mut().push("idle".into()));
        rt.run(now, true);
    });
    assert_eq!(*order.borrow(), ["queued", "idle"]);
}

/// Two shares opened together: Stakker's `share_rw2` panics when they are
/// one share, `Share::rw2` here returns `Err`. Stakker's `Share::new` takes
/// the core, to give the cell its owner; here the brand is inferred, and
/// the value alone is enough.
#[test]
fn the_same_share_twice_panics_in_stakker_and_is_an_error_here() {
    on_stakker_thread(|| {
        let now = Instant::now();
        let mut s = stakker::Stakker::new(now);
        let total = stakker::Share::new(&s, 0_u32);
        let twice = catch_unwind(AssertUnwindSafe(|| {
            s.share_rw2(&total, &total);
        }));
        assert!(twice.is_err(), "the same share, twice");
        *total.rw(&mut s) += 1;
        assert_eq!(*total.ro(&s), 1);
    });

    companion::actors::Runtime::scope(Instant::now(), |mut rt| {
        let total = companion::actors::Share::new(0_u32);
        assert!(companion::actors::Share::rw2(&total, &total, &mut rt).is_err());
        *total.rw(&mut rt) += 1;
        assert_eq!(*total.ro(&rt), 1);
    });
}

/// An actor whose state is a trait object, so one variable holds any of
/// several kinds. Stakker has a macro for it, `actor_of_trait!`, which takes
/// the trait object's type; here `actor!` does it, because the state's type
/// is what the prep function returns, and `Cat::init` returns the boxed
/// trait. Both print the same.
#[test]
fn an_actor_of_a_trait_takes_a_macro_of_its_own_in_stakker_and_actor_here() {
    let theirs = on_stakker_thread(|| {
        use stakker::{ActorOwn, CX, actor_new, actor_of_trait, call, ret_nop};

        type Animal = Box<dyn Speak>;
        trait Speak {
            fn speak(&mut self, cx: CX![Animal]);
        }

        struct Cat(Log);
        impl Cat {
            fn init(_: CX![Animal], log: Log) -> Option<Animal> {
                Some(Box::new(Cat(log)))
            }
        }
        impl Speak for Cat {
            fn speak(&mut self, _: CX![Animal]) {
                self.0.borrow_mut().push("miaow".into());
            }
        }

        struct Dog(Log);
        impl Dog {
            fn init(_: CX![Animal], log: Log) -> Option<Animal> {
                Some(Box::new(Dog(log)))
            }
        }
        impl Speak for Dog {
            fn speak(&mut self, _: CX![Animal]) {
                self.0.borrow_mut().push("woof".into());
            }
        }

        let now = Instant::now();
        let mut s = stakker::Stakker::new(now);
        let heard = log();
        let mut animal: ActorOwn<Animal> = actor_of_trait!(s, Animal, Cat::init(heard.clone()), ret_nop!());
        call!([animal], speak());
        s.run(now, false);
        animal = actor_of_trait!(s, Animal, Dog::init(heard.clone()), ret_nop!());
        call!([animal], speak());
        s.run(now, false);
        // Made first, prepared later.
        animal = actor_new!(s, Animal, ret_nop!());
        call!([animal], Cat::init(heard.clone()));
        call!([animal], speak());
        s.run(now, false);
        drop(animal);
        heard.take()
    });

    // ANCHOR: actor_of_trait
    use companion::actors::{ActorOwn, Cx, Ret, Runtime, actor, call};

    type Animal = Box<dyn Speak>;
    trait Speak {
        fn speak<'id>(&mut self, cx: &mut Cx<'id, '_, Animal>);
    }

    struct Cat(Log);
    impl Cat {
        fn init<'id>(_: &mut Cx<'id, '_, Animal>, log: Log) -> Option<Animal> {
            Some(Box::new(Cat(log)))
        }
    }
    impl Speak for Cat {
        fn speak<'id>(&mut self, _: &mut Cx<'id, '_, Animal>) {
            self.0.borrow_mut().push("miaow".into());
        }
    }

    struct Dog(Log);
    impl Dog {
        fn init<'id>(_: &mut Cx<'id, '_, Animal>, log: Log) -> Option<Animal> {
            Some(Box::new(Dog(log)))
        }
    }
    impl Speak for Dog {
        fn speak<'id>(&mut self, _: &mut Cx<'id, '_, Animal>) {
            self.0.borrow_mut().push("woof".into());
        }
    }

    let now = Instant::now();
    let heard = log();
    Runtime::scope(now, |mut rt| {
        // `actor!` reads the state's type off `Cat::init`: `Box<dyn Speak>`.
        let mut animal: ActorOwn<'_, Animal> = actor!(rt, Cat::init(heard.clone()), Ret::nop());
        call!([animal], speak());
        rt.run(now, false);
        animal = actor!(rt, Dog::init(heard.clone()), Ret::nop());
        call!([animal], speak());
        rt.run(now, false);
        // Made first, prepared later.
        animal = ActorOwn::new(&rt, Ret::nop());
        let h = heard.clone();
        animal.defer_prep(move |cx| Cat::init(cx, h));
        call!([animal], speak());
        rt.run(now, false);
    });
    assert_eq!(*heard.borrow(), ["miaow", "woof", "miaow"]);
    // ANCHOR_END: actor_of_trait
    assert_eq!(*heard.borrow(), theirs);
}

/// Max and min timers moved the same way fire at the same instants on both
/// runtimes (`book/actors/timers-max-min.md`).
#[test]
fn max_and_min_timers_move_as_stakker_s_do() {
    assert_eq!(on_stakker_thread(max_and_min_timers_on_stakker), max_and_min_timers_on_ours());
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
    let mut s = stakker::Stakker::new(start);
    let fired: Fired = Rc::default();
    let note = |what: &'static str| {
        let fired = fired.clone();
        move |s: &mut stakker::Stakker| fired.borrow_mut().push((what, (s.now() - start).as_millis()))
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
    companion::actors::Runtime::scope(start, |mut rt| {
        let fired: Fired = Rc::default();
        let note = |what: &'static str| {
            let fired = fired.clone();
            move |rt: &mut companion::actors::Runtime<'_>| fired.borrow_mut().push((what, (rt.now() - start).as_millis()))
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
