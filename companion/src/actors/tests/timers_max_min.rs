//! Max and min timers, with Stakker 0.2.16's timer tests (`src/timers/tests.rs`)
//! ported to this runtime: the same timers, expiries and checks, through
//! `Core`'s methods and virtual time. Stakker rounds expiries up to about
//! 17 µs and approaches a min timer's expiry in steps; this queue keeps
//! instants exactly, so where Stakker's tests allow a timer to fire up to
//! 17 µs late, these require the exact instant. `min_asymptote`, which
//! checks Stakker's steps, becomes a check that there are none.

use super::*;

/// Records, per timer, each instant it fired at.
type Fired = Rc<RefCell<Vec<Vec<Instant>>>>;

fn fired(n: usize) -> Fired {
    Rc::new(RefCell::new(vec![Vec::new(); n]))
}

/// A call that records the instant timer `i` fires at.
fn record<'id>(fired: &Fired, i: usize) -> impl FnOnce(&mut Runtime<'id>) + 'id {
    let fired = fired.clone();
    move |rt| fired.borrow_mut()[i].push(rt.now())
}

/// Runs what is queued now, then each expiry in turn until no timer is
/// left.
fn run_out(rt: &mut Runtime<'_>) {
    let now = rt.now();
    rt.run(now, false);
    while let Some(due) = rt.next_expiry() {
        rt.run(due, false);
    }
}

/// A small pseudo-random sequence (xorshift), the same on every run.
struct Rand(u32);

impl Rand {
    fn next(&mut self) -> u32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 17;
        self.0 ^= self.0 << 5;
        self.0 % 65536
    }
}

fn secs(s: u64, nanos: u32) -> Duration {
    Duration::new(s, nanos)
}

#[test]
fn fixed_long_expire_and_delete() {
    // Stakker keeps timers more than about 9 hours ahead outside its queue;
    // here they are like any other.
    let (t, f) = (start(), fired(2));
    Runtime::scope(t, |mut rt| {
        let expire = t + secs(36000, 567_891_234);
        rt.at(expire, record(&f, 0));
        let deleted = rt.at(t + secs(36000, 987_654_321), record(&f, 1));
        assert_eq!(rt.next_expiry(), Some(expire));
        assert!(rt.timer_del(deleted));
        rt.run(t + secs(32768, 0), false);
        assert!(f.borrow()[0].is_empty());
        rt.run(t + secs(40000, 0), false);
        assert_eq!(f.borrow()[0], [t + secs(40000, 0)], "fires at the first run after its expiry");
        assert!(f.borrow()[1].is_empty());
        assert_eq!(rt.next_expiry(), None);
    });
}

#[test]
fn max_expire() {
    let (t, f) = (start(), fired(2));
    Runtime::scope(t, |mut rt| {
        let expire1 = t + secs(20000, 567_891_234);
        let expire2 = t + secs(30000, 123_456_789);
        let key = MaxTimerKey::default();
        assert!(!rt.timer_max_upd(key, expire1));
        assert!(!rt.timer_max_active(key));
        let key = rt.timer_max_add(expire1, record(&f, 0));
        assert!(rt.timer_max_active(key));
        assert_eq!(rt.next_expiry(), Some(expire1));
        assert!(rt.timer_max_upd(key, expire2));
        let key2 = rt.timer_max_add(expire2, record(&f, 1));
        assert!(rt.timer_max_active(key2));
        rt.run(t + secs(22000, 0), false);
        assert!(rt.timer_max_active(key), "moved past 22000 s");
        assert!(f.borrow().iter().all(Vec::is_empty));
        assert_eq!(rt.next_expiry(), Some(expire2));
        assert!(rt.timer_max_del(key2));
        assert!(!rt.timer_max_active(key2));
        rt.run(t + secs(32000, 0), false);
        assert!(!rt.timer_max_active(key));
        assert_eq!(f.borrow()[0].len(), 1);
        assert!(f.borrow()[1].is_empty());
        assert_eq!(rt.next_expiry(), None);
    });
}

#[test]
fn min_expire() {
    let (t, f) = (start(), fired(2));
    Runtime::scope(t, |mut rt| {
        let expire1 = t + secs(30000, 567_891_234);
        let expire2 = t + secs(20000, 123_456_789);
        let key = MinTimerKey::default();
        assert!(!rt.timer_min_active(key));
        assert!(!rt.timer_min_upd(key, expire1));
        let key = rt.timer_min_add(expire1, record(&f, 0));
        assert!(rt.timer_min_active(key));
        assert!(rt.timer_min_upd(key, expire2));
        let key2 = rt.timer_min_add(expire1, record(&f, 1));
        assert!(rt.timer_min_active(key2));
        rt.run(t + secs(22000, 0), false);
        assert!(!rt.timer_min_active(key), "moved to 20000 s: fired");
        assert!(rt.timer_min_active(key2));
        assert_eq!(f.borrow()[0].len(), 1);
        assert!(f.borrow()[1].is_empty());
        assert!(rt.timer_min_del(key2));
        assert!(!rt.timer_min_active(key2));
        assert_eq!(rt.next_expiry(), None);
        rt.run(t + secs(32000, 0), false);
        assert_eq!(f.borrow()[0].len(), 1);
        assert!(f.borrow()[1].is_empty());
    });
}

#[test]
fn min_has_no_steps_towards_its_expiry() {
    // Stakker's `min_asymptote` checks five steps towards a 60 s expiry.
    let (t, f) = (start(), fired(1));
    Runtime::scope(t, |mut rt| {
        let expiry = t + Duration::from_secs(60);
        rt.timer_min_add(expiry, record(&f, 0));
        assert_eq!(rt.next_expiry(), Some(expiry));
        rt.run(expiry, false);
        assert_eq!(f.borrow()[0], [expiry]);
        assert_eq!(rt.next_expiry(), None);
    });
}

#[test]
fn min_rand() {
    // Many min timers, each fires exactly at its expiry.
    const N: usize = 256;
    let (t, f) = (start(), fired(N));
    let mut rand = Rand(0x1234);
    let unit = Duration::from_secs_f64(60.0 / 65535.0);
    Runtime::scope(t, |mut rt| {
        let expiries: Vec<Instant> = (0..N).map(|_| t + unit * rand.next()).collect();
        for (i, &at) in expiries.iter().enumerate() {
            rt.timer_min_add(at, record(&f, i));
        }
        run_out(&mut rt);
        for (i, at) in expiries.iter().enumerate() {
            assert_eq!(f.borrow()[i], [*at], "timer {i}");
        }
    });
}

#[test]
fn rand_queue() {
    // Fixed timers mixed with some min and max ones, added while the clock
    // moves on, about 50 pending at a time: each fires once, never early.
    const N: usize = 256;
    let (t, f) = (start(), fired(N));
    let mut rand = Rand(0x1234);
    let unit = Duration::from_secs_f64(54321.987654321 / 65535.0);
    let step = unit / 50;
    Runtime::scope(t, |mut rt| {
        let mut expiries = Vec::new();
        let mut now = t;
        for i in 0..N {
            let at = now + unit * rand.next();
            expiries.push(at);
            match rand.next() % 7 {
                0 => drop(rt.timer_min_add(at, record(&f, i))),
                1 => drop(rt.timer_max_add(at, record(&f, i))),
                _ => drop(rt.at(at, record(&f, i))),
            }
            now += step * rand.next();
            rt.run(now, false);
        }
        run_out(&mut rt);
        for (i, at) in expiries.iter().enumerate() {
            let times = &f.borrow()[i];
            assert_eq!(times.len(), 1, "timer {i}");
            assert!(times[0] >= *at, "timer {i} fired early");
        }
    });
}

#[test]
fn rand_queue_exact() {
    // Fixed timers, with runs to the next expiry in between: each fires
    // exactly at its expiry.
    const N: usize = 256;
    let (t, f) = (start(), fired(N));
    let mut rand = Rand(0x1234);
    let unit = Duration::from_secs_f64(54321.987654321 / 65535.0);
    Runtime::scope(t, |mut rt| {
        let mut expiries = Vec::new();
        for i in 0..N {
            let r = rand.next();
            let at = rt.now() + unit * r;
            expiries.push(at);
            rt.at(at, record(&f, i));
            if r & 1 != 0
                && let Some(due) = rt.next_expiry()
            {
                rt.run(due, false);
            }
        }
        run_out(&mut rt);
        for (i, at) in expiries.iter().enumerate() {
            assert_eq!(f.borrow()[i], [*at], "timer {i}");
        }
    });
}

/// An actor with one max and one min timer, moved by calls.
struct Deadlines<'id> {
    quiet: MaxTimerKey<'id>,
    deadline: MinTimerKey<'id>,
    log: Vec<(&'static str, Duration)>,
    made: u32,
}

impl<'id> Deadlines<'id> {
    fn init(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
        Some(Deadlines { quiet: MaxTimerKey::default(), deadline: MinTimerKey::default(), log: Vec::new(), made: 0 })
    }

    fn busy(&mut self, cx: &mut Cx<'id, '_, Self>, for_ms: u64) {
        let at = cx.now() + Duration::from_millis(for_ms);
        timer_max!(cx, &mut self.quiet, at, [cx], fire("quiet", self.count()));
    }

    fn due_by(&mut self, cx: &mut Cx<'id, '_, Self>, at: Instant) {
        timer_min!(cx, &mut self.deadline, at, [cx], fire("deadline", self.count()));
    }

    /// Counts the timers made: an argument is evaluated only when one is.
    fn count(&mut self) -> u32 {
        self.made += 1;
        self.made
    }

    fn fire(&mut self, cx: &mut Cx<'id, '_, Self>, what: &'static str, _made: u32) {
        self.log.push((what, cx.now() - start()));
    }
}

#[test]
fn a_max_timer_only_moves_later_and_a_min_timer_only_earlier() {
    let t = start();
    let ms = Duration::from_millis;
    Runtime::scope(t, |mut rt| {
        let d = actor!(rt, Deadlines::init(), Ret::nop());
        call!([d], busy(300)); // quiet at 300
        call!([d], busy(100)); // earlier: ignored
        call!([d], due_by(t + ms(500))); // deadline at 500
        call!([d], due_by(t + ms(900))); // later: ignored
        rt.run(t, false);
        rt.run(t + ms(200), false);
        call!([d], busy(300)); // quiet moves to 500
        call!([d], due_by(t + ms(400))); // deadline moves to 400
        run_out(&mut rt);
        let (log, made) = d.query(&mut rt, |d, _| (d.log.clone(), d.made)).unwrap();
        assert_eq!(log, [("deadline", ms(400)), ("quiet", ms(500))]);
        assert_eq!(made, 2, "the arguments of an update are not evaluated");
    });
}

#[test]
fn an_update_of_a_fired_or_cancelled_key_makes_a_new_timer() {
    let t = start();
    let ms = Duration::from_millis;
    Runtime::scope(t, |mut rt| {
        let d = actor!(rt, Deadlines::init(), Ret::nop());
        call!([d], busy(100));
        call!([d], due_by(t + ms(100)));
        run_out(&mut rt); // both fire at 100
        call!([d], busy(100)); // the old keys name nothing: new timers
        call!([d], due_by(t + ms(300)));
        rt.run(t + ms(100), false);
        let (quiet, deadline) = d.query(&mut rt, |d, _| (d.quiet, d.deadline)).unwrap();
        assert!(rt.timer_max_del(quiet));
        assert!(rt.timer_min_del(deadline));
        call!([d], busy(50)); // cancelled: new timers again
        call!([d], due_by(t + ms(400)));
        run_out(&mut rt);
        let (log, made) = d.query(&mut rt, |d, _| (d.log.clone(), d.made)).unwrap();
        assert_eq!(log, [("quiet", ms(100)), ("deadline", ms(100)), ("quiet", ms(150)), ("deadline", ms(400))]);
        assert_eq!(made, 6);
    });
}

#[test]
fn a_max_timer_moved_by_an_earlier_timer_of_the_same_run_waits_or_keeps_its_place() {
    let t = start();
    let ms = Duration::from_millis;
    Runtime::scope(t, |mut rt| {
        let log = Rc::new(RefCell::new(Vec::new()));
        let entry = |name: &'static str| {
            let log = log.clone();
            move |rt: &mut Runtime<'_>| log.borrow_mut().push((name, rt.now() - start()))
        };
        let far = rt.timer_max_add(t + ms(20), entry("far"));
        let near = rt.timer_max_add(t + ms(20), entry("near"));
        rt.at(t + ms(10), move |rt| {
            // Both are due in this run, and have not fired yet.
            assert!(rt.timer_max_upd(far, t + ms(80)));
            assert!(rt.timer_max_upd(near, t + ms(40)));
        });
        rt.at(t + ms(30), entry("fixed at 30"));
        rt.at(t + ms(50), entry("fixed at 50"));
        rt.run(t + ms(50), false);
        assert_eq!(*log.borrow(), [("fixed at 30", ms(50)), ("near", ms(50)), ("fixed at 50", ms(50))]);
        assert_eq!(rt.next_expiry(), Some(t + ms(80)));
        rt.run(t + ms(80), false);
        assert_eq!(log.borrow().last(), Some(&("far", ms(80))));
    });
}

#[test]
fn a_min_timer_moved_earlier_while_due_fires_in_the_same_run() {
    let t = start();
    let ms = Duration::from_millis;
    Runtime::scope(t, |mut rt| {
        let fired = Rc::new(Cell::new(0));
        let f = fired.clone();
        let key = rt.timer_min_add(t + ms(20), move |_| f.set(f.get() + 1));
        rt.at(t + ms(10), move |rt| assert!(rt.timer_min_upd(key, t + ms(5))));
        rt.run(t + ms(30), false);
        assert_eq!(fired.get(), 1);
        assert!(!rt.timer_min_active(key));
        assert_eq!(rt.next_expiry(), None, "the entry at the new expiry is dead");
    });
}

#[test]
fn a_min_timer_moved_earlier_in_a_loop_does_not_pile_up_entries() {
    let t = start();
    Runtime::scope(t, |mut rt| {
        let key = rt.timer_min_add(t + Duration::from_secs(100_000), |_| {});
        for s in (1..100_000).rev() {
            assert!(rt.timer_min_upd(key, t + Duration::from_secs(s)));
        }
        assert_eq!(rt.next_expiry(), Some(t + Duration::from_secs(1)));
        assert!(rt.timer_min_del(key));
        assert_eq!(rt.next_expiry(), None);
    });
}
