//! Part VI, measured: `companion::actors` side by side with Stakker 0.2.16,
//! the runtime it is compared with, doing the same work in the same run.
//!
//! The "Measured" page of the actor part is generated from this benchmark by
//! `ci/bench actors`. Time is virtual: every runtime starts at one `Instant`
//! taken before measuring, and is run at that instant plus a `Duration`, so
//! no row reads the clock, except the two that cross threads: the
//! every-core threads run their runtimes at the time they read, and
//! `Runtime::wait` reads the clock when it pauses or watches.
//!
//! | group | one iteration | per |
//! |---|---|---|
//! | `actors/call_batch` | `CALLS` calls `call!([a], add(i))` queued to one ready actor, then one `run`; the method adds its `u64` argument to the state. Also `queue::InlineQueue` and `queue::BoxedQueue` alone: `CALLS` closures of the same size pushed, then popped and run; and `CALLS` direct calls of an `#[inline(never)]` method, the floor | call |
//! | `actors/call_chain` | one call `step(CALLS)`, whose method queues `step(n - 1)` to its own actor until `n` is 0, then one `run` | call |
//! | `actors/create` | an actor made with `actor!` (a trivial prep function), a `run` that makes it ready, its owning handle dropped, a `run` that stops it | actor |
//! | `actors/timers` | `CALLS` timers set with `after!`, the `i`-th `i` microseconds ahead, then one `run` at the instant the last one expires | timer |
//! | `actors/timer_max` | a max timer set `UPDATES` microseconds ahead of the runtime's time, moved `UPDATES` times, each time one microsecond later, then one `run` at the instant it fires | move |
//! | `actors/timer_min` | a min timer set `UPDATES` + 1 microseconds ahead, moved `UPDATES` times, each time one microsecond earlier, then one `run` at the instant it fires | move |
//! | `actors/cross_thread` | `CROSSING` messages sent by another thread, each delivered as a call `add(n)` on the runtime's thread, which waits on its inbox between runs until the last has arrived; the runtime's thread is pinned to one core and the sender to another. Ours: a `Channel` to the actor. Stakker: a `Waker` and a `Mutex<Vec<u64>>`, the sender waking only when the queue was empty, the main thread parked until its poll-waker unparks it, then `poll_wake` and `run` | message |
//! | `actors/every_core` | the `actors_every_core` example's workload, 1,024 tokens of 1,024 hops each, one hop in 64, or in 1,024, on average (the hop whose hashed value is a multiple of that number) crossing to the next thread's runtime through a `Channel`; and 128 tokens of 8,192 hops, one hop in 1,024 crossing (ids ending `_128_tokens`); on one thread, and split over two threads (half the tokens each, one runtime per thread, each thread pinned to its own core); timed from the moment every thread has its runtime and has published its channel until the last token is done, so making the threads and runtimes, and ending them, is not in the figure | hop |
//! | `actors/share_rw` | `*share.rw(owner) += 1` from outside any actor, the owner being our `Runtime` or Stakker's `Core`; the same on a plain `&mut u64` behind a `Box`; and a synchronous `query` into an actor whose state holds the share, which opens it with the call's `cx` | access |
//!
//! # What is and is not measured
//!
//! - The runtime, and every actor a row uses, is made once before measuring
//!   (except in `actors/create`, where making the actor is the point).
//!   Queues keep their buffers from one iteration to the next, in both
//!   runtimes, as they would in a long-running program.
//! - Call arguments pass through `black_box`, so the compiler cannot fold
//!   the calls into one sum; the handles in `actors/share_rw` do too, so
//!   every access loads the pointer again, as a real access would.
//! - Stakker is built with its default features (see companion/Cargo.toml),
//!   its fastest configuration. Stakker allows one `Stakker` per process at
//!   a time in that configuration, so each group makes its own and drops it
//!   before the next group starts.

use std::hint::black_box;
use std::time::{Duration, Instant};

use companion::actors::queue::{BoxedQueue, InlineQueue};
use companion::actors::{self, Channel, Cx, Fwd, Ret, Runtime, Share};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

#[allow(dead_code, unused_imports)] // its `main` and its tests' imports; the groups use `run` and its pinning helpers
#[path = "../examples/actors_every_core.rs"]
mod every_core_example;

const CALLS: u64 = 100_000;

/// Messages per iteration of `actors/cross_thread`.
const CROSSING: u64 = 10_000;

/// Moves of one max or min timer per iteration of `actors/timer_max` and
/// `actors/timer_min`.
const UPDATES: u64 = 1_000;

/// Our actor: a sum, and a share for the `query` rows.
struct Adder<'id> {
    sum: u64,
    share: Share<'id, u64>,
}

impl<'id> Adder<'id> {
    fn init(_: &mut Cx<'id, '_, Self>, share: Share<'id, u64>) -> Option<Self> {
        Some(Adder { sum: 0, share })
    }
    fn add(&mut self, _: &mut Cx<'id, '_, Self>, n: u64) {
        self.sum += n;
    }
    fn step(&mut self, cx: &mut Cx<'id, '_, Self>, n: u64) {
        self.sum += n;
        if n > 0 {
            actors::call!([cx], step(n - 1));
        }
    }
}

/// Stakker's actor, the same methods.
struct SAdder {
    sum: u64,
    share: stakker::Share<u64>,
}

impl SAdder {
    fn init(_: stakker::CX![], share: stakker::Share<u64>) -> Option<Self> {
        Some(SAdder { sum: 0, share })
    }
    fn add(&mut self, _: stakker::CX![], n: u64) {
        self.sum += n;
    }
    fn step(&mut self, cx: stakker::CX![], n: u64) {
        self.sum += n;
        if n > 0 {
            stakker::call!([cx], step(n - 1));
        }
    }
}

/// The smallest actor, for `actors/create`.
struct Unit;

impl Unit {
    fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
        Some(Unit)
    }
}

struct SUnit;

impl SUnit {
    fn init(_: stakker::CX![]) -> Option<Self> {
        Some(SUnit)
    }
}

/// The floor: a method called directly.
struct Plain {
    sum: u64,
}

impl Plain {
    #[inline(never)]
    fn add(&mut self, n: u64) {
        self.sum += n;
    }
}

fn call_batch(c: &mut Criterion, start: Instant) {
    let mut group = c.benchmark_group("actors/call_batch");
    group.throughput(Throughput::Elements(CALLS));
    group.sample_size(30);

    Runtime::scope(start, |mut rt| {
        let a = actors::actor!(rt, Adder::init(Share::new(0)), Ret::nop());
        rt.run(start, false);
        group.bench_function("ours", |b| {
            b.iter(|| {
                for i in 0..CALLS {
                    actors::call!([a], add(black_box(i)));
                }
                rt.run(start, false);
            })
        });
    });

    {
        let mut s = stakker::Stakker::new(start);
        let share = stakker::Share::new(s.access_core(), 0);
        let a = stakker::actor!(s, SAdder::init(share), stakker::ret_nop!());
        s.run(start, false);
        group.bench_function("stakker", |b| {
            b.iter(|| {
                for i in 0..CALLS {
                    stakker::call!([a], add(black_box(i)));
                }
                s.run(start, false);
            })
        });
    }

    // The queues alone, with closures of the size of a call to `add`: a
    // handle (one pointer) and the argument.
    let handle = Box::new(0_u64);
    let mut inline = InlineQueue::<u64>::new();
    group.bench_function("inline_queue", |b| {
        b.iter(|| {
            for i in 0..CALLS {
                let (h, n) = (&*handle, black_box(i));
                inline.push(move |sum: &mut u64| *sum += *h + n);
            }
            let mut sum = 0;
            while inline.run_next(&mut sum) {}
            sum
        })
    });
    let mut boxed = BoxedQueue::<u64>::new();
    group.bench_function("boxed_queue", |b| {
        b.iter(|| {
            for i in 0..CALLS {
                let (h, n) = (&*handle, black_box(i));
                boxed.push(move |sum: &mut u64| *sum += *h + n);
            }
            let mut sum = 0;
            while let Some(job) = boxed.pop() {
                job(&mut sum);
            }
            sum
        })
    });

    let mut plain = Plain { sum: 0 };
    group.bench_function("plain_call", |b| {
        b.iter(|| {
            for i in 0..CALLS {
                plain.add(black_box(i));
            }
        })
    });
    black_box(plain.sum);

    group.finish();
}

fn call_chain(c: &mut Criterion, start: Instant) {
    let mut group = c.benchmark_group("actors/call_chain");
    group.throughput(Throughput::Elements(CALLS));
    group.sample_size(30);

    Runtime::scope(start, |mut rt| {
        let a = actors::actor!(rt, Adder::init(Share::new(0)), Ret::nop());
        rt.run(start, false);
        group.bench_function("ours", |b| {
            b.iter(|| {
                // `step(n)` down to `step(0)`: CALLS + 1 calls, of which
                // the first is queued from outside.
                actors::call!([a], step(black_box(CALLS - 1)));
                rt.run(start, false);
            })
        });
    });

    {
        let mut s = stakker::Stakker::new(start);
        let share = stakker::Share::new(s.access_core(), 0);
        let a = stakker::actor!(s, SAdder::init(share), stakker::ret_nop!());
        s.run(start, false);
        group.bench_function("stakker", |b| {
            b.iter(|| {
                stakker::call!([a], step(black_box(CALLS - 1)));
                s.run(start, false);
            })
        });
    }

    group.finish();
}

fn create(c: &mut Criterion, start: Instant) {
    let mut group = c.benchmark_group("actors/create");
    group.throughput(Throughput::Elements(1));

    Runtime::scope(start, |mut rt| {
        group.bench_function("ours", |b| {
            b.iter(|| {
                let a = actors::actor!(rt, Unit::init(), Ret::nop());
                rt.run(start, false);
                black_box(a.is_ready());
                drop(a);
                rt.run(start, false);
            })
        });
    });

    {
        let mut s = stakker::Stakker::new(start);
        group.bench_function("stakker", |b| {
            b.iter(|| {
                let a = stakker::actor!(s, SUnit::init(), stakker::ret_nop!());
                s.run(start, false);
                black_box(a.is_zombie());
                drop(a);
                s.run(start, false);
            })
        });
    }

    group.finish();
}

fn timers(c: &mut Criterion, start: Instant) {
    let mut group = c.benchmark_group("actors/timers");
    group.throughput(Throughput::Elements(CALLS));
    group.sample_size(20);

    Runtime::scope(start, |mut rt| {
        let a = actors::actor!(rt, Adder::init(Share::new(0)), Ret::nop());
        rt.run(start, false);
        group.bench_function("ours", |b| {
            b.iter(|| {
                // Virtual time moves on by CALLS microseconds per iteration.
                let now = rt.now();
                for i in 0..CALLS {
                    actors::after!(rt, Duration::from_micros(i), [a], add(black_box(i)));
                }
                rt.run(now + Duration::from_micros(CALLS), false);
            })
        });
    });

    {
        let mut s = stakker::Stakker::new(start);
        let share = stakker::Share::new(s.access_core(), 0);
        let a = stakker::actor!(s, SAdder::init(share), stakker::ret_nop!());
        s.run(start, false);
        group.bench_function("stakker", |b| {
            b.iter(|| {
                let now = s.now();
                for i in 0..CALLS {
                    stakker::after!(Duration::from_micros(i), [a, s], add(black_box(i)));
                }
                s.run(now + Duration::from_micros(CALLS), false);
            })
        });
    }

    group.finish();
}

fn share_rw(c: &mut Criterion, start: Instant) {
    let mut group = c.benchmark_group("actors/share_rw");

    Runtime::scope(start, |mut rt| {
        let share = Share::new(0_u64);
        group.bench_function("ours", |b| b.iter(|| *black_box(&share).rw(&mut rt) += 1));
        let a = actors::actor!(rt, Adder::init(share.clone()), Ret::nop());
        rt.run(start, false);
        group.bench_function("ours_query", |b| {
            b.iter(|| black_box(&a).query(&mut rt, |this, cx| *this.share.rw(cx) += 1))
        });
    });

    {
        let mut s = stakker::Stakker::new(start);
        let share = stakker::Share::new(s.access_core(), 0_u64);
        group.bench_function("stakker", |b| b.iter(|| *black_box(&share).rw(s.access_core()) += 1));
        let a = stakker::actor!(s, SAdder::init(share.clone()), stakker::ret_nop!());
        s.run(start, false);
        group.bench_function("stakker_query", |b| {
            b.iter(|| black_box(&a).query(&mut s, |this, cx| *this.share.rw(cx) += 1))
        });
    }

    let mut plain = Box::new(0_u64);
    group.bench_function("plain", |b| b.iter(|| **black_box(&mut plain) += 1));

    group.finish();
}

/// Runs last: it pins the benchmark's own thread, and a thread spawned later
/// would start pinned to the same core.
fn cross_thread(c: &mut Criterion, start: Instant) {
    use every_core_example::{nth_core, pin_to};
    // The runtime on one core, the sender on another, for both runtimes: had
    // the scheduler put the sender on the runtime's core, the two would take
    // turns, and no message would cross between cores. The cores this thread
    // may run on, read before it is pinned to one of them.
    let cores = core_affinity::get_core_ids().unwrap_or_default();
    pin_to(nth_core(&cores, 0));
    let mut group = c.benchmark_group("actors/cross_thread");
    group.throughput(Throughput::Elements(CROSSING));
    group.sample_size(20);
    Runtime::scope(start, |mut rt| {
        let a = actors::actor!(rt, Adder::init(Share::new(0)), Ret::nop());
        let (channel, _guard) = Channel::new(&mut rt, Fwd::to_actor(&a, Adder::add));
        rt.run(start, false);
        group.bench_function("ours", |b| {
            b.iter(|| {
                let before = a.query(&mut rt, |s, _| s.sum).unwrap();
                let sender = channel.clone();
                let cores = cores.clone();
                let thread = std::thread::spawn(move || {
                    pin_to(nth_core(&cores, 1));
                    (1..=CROSSING).for_each(|n| sender.send(n).unwrap());
                });
                let want = before + CROSSING * (CROSSING + 1) / 2;
                loop {
                    rt.run(start, false);
                    if a.query(&mut rt, |s, _| s.sum) == Some(want) {
                        break;
                    }
                    rt.wait(None);
                }
                thread.join().unwrap();
            })
        });
    });
    {
        use std::sync::{Arc, Mutex};
        let mut s = stakker::Stakker::new(start);
        let main_thread = std::thread::current();
        s.set_poll_waker(move || main_thread.unpark());
        let share = stakker::Share::new(s.access_core(), 0);
        let a = stakker::actor!(s, SAdder::init(share), stakker::ret_nop!());
        let queue: Arc<Mutex<Vec<u64>>> = Arc::default();
        let q = queue.clone();
        let target = a.clone();
        let waker = Arc::new(s.waker(move |_, _| {
            for n in std::mem::take(&mut *q.lock().unwrap()) {
                stakker::call!([target], add(n));
            }
        }));
        s.run(start, false);
        group.bench_function("stakker", |b| {
            b.iter(|| {
                let before = a.query(&mut s, |s, _| s.sum).unwrap();
                let (queue, waker, cores) = (queue.clone(), waker.clone(), cores.clone());
                let thread = std::thread::spawn(move || {
                    pin_to(nth_core(&cores, 1));
                    for n in 1..=CROSSING {
                        let was_empty = {
                            let mut q = queue.lock().unwrap();
                            q.push(n);
                            q.len() == 1
                        };
                        if was_empty {
                            waker.wake();
                        }
                    }
                });
                let want = before + CROSSING * (CROSSING + 1) / 2;
                loop {
                    s.poll_wake();
                    s.run(start, false);
                    if a.query(&mut s, |s, _| s.sum) == Some(want) {
                        break;
                    }
                    std::thread::park();
                }
                thread.join().unwrap();
            })
        });
    }
    group.finish();
}

fn every_core(c: &mut Criterion) {
    use every_core_example::{Workload, run};
    let mut group = c.benchmark_group("actors/every_core");
    group.sample_size(20);
    // Tokens in flight, hops of each, one hop in how many crossing, and the
    // ids' suffix. The last shows what few tokens in flight do to two threads.
    for (in_flight, hops, cross_every, suffix) in [(1024u64, 1024u32, 64, ""), (1024, 1024, 1024, ""), (128, 8192, 1024, "_128_tokens")] {
        group.throughput(Throughput::Elements(in_flight * (u64::from(hops) + 1)));
        for (name, threads) in [("one_thread", 1), ("two_threads", 2)] {
            let workload = Workload { threads, tokens: in_flight / threads as u64, hops, cross_every };
            // Timed from the start of the tokens to the last one's end: making
            // and ending the threads and their runtimes is not message
            // throughput, and costs more on two.
            group.bench_function(format!("{name}_1_in_{cross_every}{suffix}"), |b| {
                b.iter_custom(|iters| (0..iters).map(|_| run(workload).passing).sum())
            });
        }
    }
    group.finish();
}

/// One max timer, and `UPDATES` moves of it, each later, on both runtimes.
fn timer_max(c: &mut Criterion, start: Instant) {
    let mut group = c.benchmark_group("actors/timer_max");
    group.throughput(Throughput::Elements(UPDATES));
    let micros = Duration::from_micros;

    Runtime::scope(start, |mut rt| {
        group.bench_function("ours", |b| {
            b.iter(|| {
                let now = rt.now();
                let key = rt.timer_max_add(now + micros(1), |_| ());
                for i in 1..=UPDATES {
                    rt.timer_max_upd(key, now + micros(black_box(i)));
                }
                rt.run(now + micros(UPDATES), false);
            })
        });
    });

    {
        let mut s = stakker::Stakker::new(start);
        group.bench_function("stakker", |b| {
            b.iter(|| {
                let now = s.now();
                let key = s.timer_max_add(now + micros(1), |_| ());
                for i in 1..=UPDATES {
                    s.timer_max_upd(key, now + micros(black_box(i)));
                }
                // Stakker also stops at a max timer's first expiry: run to each.
                while let Some(due) = s.next_expiry().filter(|due| *due <= now + micros(UPDATES)) {
                    s.run(due, false);
                }
                s.run(now + micros(UPDATES), false);
            })
        });
    }

    group.finish();
}

/// One min timer, and `UPDATES` moves of it, each earlier, on both runtimes.
fn timer_min(c: &mut Criterion, start: Instant) {
    let mut group = c.benchmark_group("actors/timer_min");
    group.throughput(Throughput::Elements(UPDATES));
    let micros = Duration::from_micros;

    Runtime::scope(start, |mut rt| {
        group.bench_function("ours", |b| {
            b.iter(|| {
                let now = rt.now();
                let key = rt.timer_min_add(now + micros(UPDATES + 1), |_| ());
                for i in (1..=UPDATES).rev() {
                    rt.timer_min_upd(key, now + micros(black_box(i)));
                }
                rt.run(now + micros(UPDATES + 1), false);
            })
        });
    });

    {
        let mut s = stakker::Stakker::new(start);
        group.bench_function("stakker", |b| {
            b.iter(|| {
                let now = s.now();
                let key = s.timer_min_add(now + micros(UPDATES + 1), |_| ());
                for i in (1..=UPDATES).rev() {
                    s.timer_min_upd(key, now + micros(black_box(i)));
                }
                // Stakker's min timer steps towards its expiry: run to each step.
                while let Some(due) = s.next_expiry().filter(|due| *due <= now + micros(UPDATES + 1)) {
                    s.run(due, false);
                }
                s.run(now + micros(UPDATES + 1), false);
            })
        });
    }

    group.finish();
}

fn benches(c: &mut Criterion) {
    let start = Instant::now();
    call_batch(c, start);
    call_chain(c, start);
    create(c, start);
    timers(c, start);
    timer_max(c, start);
    timer_min(c, start);
    share_rw(c, start);
    every_core(c);
    cross_thread(c, start);
}

criterion_group!(actors_benches, benches);
criterion_main!(actors_benches);
