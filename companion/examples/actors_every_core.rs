//! One actor runtime per thread, on every core, passing work between them
//! through channels.
//!
//! What it shows: a runtime is single-threaded, so a program that wants
//! every core runs one per thread, and the runtimes talk through
//! [`Channel`]s. Each thread makes its runtime, a `Relay` actor, and a
//! channel to it, and publishes the channel's sender; then the threads
//! start passing tokens.
//!
//! The workload. Each thread starts `tokens` tokens. A token makes `hops`
//! hops; each hop is one call on a relay that does a little work (a few
//! rounds of a hash of the token's value) and passes the token on. A hop
//! whose new value is a multiple of `cross_every` goes to the next thread's
//! relay, through that runtime's channel; every other hop is a call queued
//! on the same runtime. So one message in `cross_every` crosses threads, on
//! average, and each token crosses at its own moments, as the messages of a
//! real program would, rather than every token at the same hop (on one
//! thread, a crossing goes through the thread's own channel). When the last
//! token is done, its relay tells every thread to stop.
//!
//! Nothing keeps the tokens evenly split between the threads: each runtime
//! sends one on about every `cross_every` of its hops, however many it
//! holds, so the split drifts. With few tokens in flight it sometimes
//! drifts until one runtime has none and waits for the other's next
//! crossing; with many, it rarely does. The benchmark runs 1,024 tokens of
//! 1,024 hops, and 128 tokens of 8,192 hops to show the difference.
//!
//! The main loop of each thread is the plain-thread loop: run the runtime,
//! then wait on its inbox (`Runtime::wait`) until a message arrives.
//!
//! Each thread pins itself to a core of its own (thread `i` to the `i`-th
//! core the caller may run on, modulo their number), as thread-per-core
//! programs do. A runtime whose tokens are all on the other thread parks its
//! thread; unpinned, the scheduler may wake it on the core of the thread that
//! woke it, and the two runtimes then share one core by turns while the other
//! core idles.
//!
//! Run it with `cargo run -p companion --release --example actors_every_core`;
//! its test runs with `cargo test -p companion --example actors_every_core`.
//! The `actors/every_core` benchmark measures the same function.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::thread;
use std::time::{Duration, Instant};

use companion::actors::{Channel, ChannelGuard, Cx, Fwd, Ret, Runtime, actor, call};
use core_affinity::CoreId;

/// The shape of one run.
#[derive(Clone, Copy, Debug)]
pub struct Workload {
    /// How many threads, each with its own runtime.
    pub threads: usize,
    /// Tokens started by each thread.
    pub tokens: u64,
    /// Hops each token makes before it is done.
    pub hops: u32,
    /// One hop in this many, on average, goes to the next thread.
    pub cross_every: u32,
}

/// A token on its way: how many hops it has left, and the value its hops
/// work on.
struct Token {
    hops_left: u32,
    value: u64,
}

/// What goes through a relay's channel.
enum Message {
    Token(Token),
    Stop,
}

/// What every thread shares: the senders to every relay, and how many
/// tokens are done.
struct Ring {
    relays: Vec<OnceLock<Channel<Message>>>,
    done: AtomicU64,
    total: u64,
    /// How many threads have published their channel.
    published: AtomicUsize,
    /// When every thread had published its channel and the tokens started.
    started: OnceLock<Instant>,
    /// When the last token was done.
    finished: OnceLock<Instant>,
}

impl Ring {
    /// Counts this thread's channel as published, then waits until every
    /// thread's is. The last to arrive notes the start. The others spin
    /// (yielding, in case they share a core) rather than sleep: a sleeping
    /// thread takes tens of microseconds to be woken, and the tokens would
    /// start on the last thread that long before the others.
    fn all_published(&self) {
        if self.published.fetch_add(1, Ordering::AcqRel) + 1 == self.relays.len() {
            let _first = self.started.set(Instant::now());
        }
        while self.published.load(Ordering::Acquire) < self.relays.len() {
            thread::yield_now();
        }
    }
}

// ANCHOR: relay
/// Passes tokens on: to itself, or every `cross_every`-th hop to the next
/// thread's relay.
struct Relay<'id> {
    ring: Arc<Ring>,
    /// The next thread's relay, known once every thread has published.
    next: Option<Channel<Message>>,
    cross_every: u32,
    hops: u64,
    stopped: bool,
    /// Its own channel's guard: the channel closes with the relay.
    inbound: Option<ChannelGuard<'id>>,
}

impl<'id> Relay<'id> {
    fn init(_: &mut Cx<'id, '_, Self>, ring: Arc<Ring>, cross_every: u32) -> Option<Self> {
        Some(Relay { ring, next: None, cross_every, hops: 0, stopped: false, inbound: None })
    }

    fn keep(&mut self, _: &mut Cx<'id, '_, Self>, inbound: ChannelGuard<'id>) {
        self.inbound = Some(inbound);
    }

    /// Starts `tokens` tokens, once the next relay is known.
    fn start(&mut self, cx: &mut Cx<'id, '_, Self>, next: Channel<Message>, tokens: u64, hops: u32) {
        self.next = Some(next);
        for token in 0..tokens {
            // Not 0: the hash keeps 0 at 0, and the token would cross at every hop.
            call!([cx], hop(Token { hops_left: hops, value: token + 1 }));
        }
    }

    fn arrive(&mut self, cx: &mut Cx<'id, '_, Self>, message: Message) {
        match message {
            Message::Token(token) => self.hop(cx, token),
            Message::Stop => self.stopped = true,
        }
    }

    fn hop(&mut self, cx: &mut Cx<'id, '_, Self>, token: Token) {
        self.hops += 1;
        let Token { hops_left, value } = token;
        let value = work(value);
        let next = Token { hops_left: hops_left.saturating_sub(1), value };
        if hops_left == 0 {
            if self.ring.done.fetch_add(1, Ordering::AcqRel) + 1 == self.ring.total {
                let _last = self.ring.finished.set(Instant::now());
                for relay in &self.ring.relays {
                    // A relay that has stopped already refuses: nothing to do.
                    let _ = relay.get().expect("every relay is published").send(Message::Stop);
                }
            }
        } else if value.is_multiple_of(u64::from(self.cross_every)) {
            let relay = self.next.as_ref().expect("started");
            let crossed = relay.send(Message::Token(next));
            assert!(crossed.is_ok(), "every relay runs until the last token is done");
        } else {
            call!([cx], hop(next));
        }
    }
}
// ANCHOR_END: relay

/// A few rounds of a 64-bit mix: the work of one hop.
fn work(mut x: u64) -> u64 {
    for _ in 0..8 {
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    }
    x
}

// ANCHOR: thread
/// One thread's life, on `core` if it has one: its runtime and relay, the
/// relay's channel published to the ring; once every thread has published,
/// the tokens start, and the main loop runs until the relay is told to stop.
/// Returns its relay's hops.
fn relay_thread(me: usize, core: Option<CoreId>, workload: Workload, ring: Arc<Ring>) -> u64 {
    pin_to(core);
    Runtime::scope(Instant::now(), |mut rt| {
        let relay = actor!(rt, Relay::init(ring.clone(), workload.cross_every), Ret::nop());
        let (inbound, guard) = Channel::new(&mut rt, Fwd::to_actor(&relay, Relay::arrive));
        call!([relay], keep(guard));
        assert!(ring.relays[me].set(inbound).is_ok(), "one channel per thread");
        ring.all_published();
        let next = ring.relays[(me + 1) % ring.relays.len()].get().expect("published").clone();
        call!([relay], start(next, workload.tokens, workload.hops));
        loop {
            rt.run(Instant::now(), false);
            if relay.query(&mut rt, |r, _| r.stopped) != Some(false) {
                break;
            }
            rt.wait(None);
        }
        relay.query(&mut rt, |r, _| r.hops).expect("the relay is ready")
    })
}
// ANCHOR_END: thread

/// The `index`-th of `cores`, modulo their number; `None` if there are none.
pub fn nth_core(cores: &[CoreId], index: usize) -> Option<CoreId> {
    (!cores.is_empty()).then(|| cores[index % cores.len()])
}

/// Pins the calling thread to `core`, if there is one.
pub fn pin_to(core: Option<CoreId>) {
    if let Some(core) = core {
        // `false` if the platform refused: the thread runs wherever the
        // scheduler puts it, which is still correct, only less predictable.
        let _pinned = core_affinity::set_for_current(core);
    }
}

/// What one run did.
#[derive(Debug)]
pub struct Report {
    /// Hops made by all threads; each is one call.
    pub hops: u64,
    /// Hops each thread's relay made.
    pub per_thread: Vec<u64>,
    /// From the moment every thread had its runtime and had published its
    /// channel, when the tokens started, until the last token was done: the
    /// time the messages took, without making the threads and runtimes, or
    /// ending them.
    pub passing: Duration,
    /// The whole run, the threads' start and setup included.
    pub elapsed: Duration,
}

/// Runs `workload` to the end, one runtime per thread.
pub fn run(workload: Workload) -> Report {
    let ring = Arc::new(Ring {
        relays: (0..workload.threads).map(|_| OnceLock::new()).collect(),
        done: AtomicU64::new(0),
        total: workload.tokens * workload.threads as u64,
        published: AtomicUsize::new(0),
        started: OnceLock::new(),
        finished: OnceLock::new(),
    });
    // The cores the calling thread may run on; thread `me` pins itself to the
    // `me`-th of them, modulo their number. None where the platform cannot
    // tell: the threads run unpinned.
    let cores = core_affinity::get_core_ids().unwrap_or_default();
    let begun = Instant::now();
    let threads: Vec<_> = (0..workload.threads)
        .map(|me| {
            let ring = ring.clone();
            let core = nth_core(&cores, me);
            thread::spawn(move || relay_thread(me, core, workload, ring))
        })
        .collect();
    let per_thread: Vec<u64> = threads.into_iter().map(|t| t.join().expect("a relay thread panicked")).collect();
    let started = ring.started.get().expect("every thread published its channel");
    let passing = *ring.finished.get().expect("the last token is done") - *started;
    Report { hops: per_thread.iter().sum(), per_thread, passing, elapsed: begun.elapsed() }
}

#[allow(dead_code)] // the benchmark includes this file for `run` and its pinning helpers
fn main() {
    let cores = thread::available_parallelism().map_or(2, |n| n.get());
    // The benchmark's workloads: tokens in all, shared out, and their hops.
    for (in_flight, hops, cross_every) in [(1024, 1024, 64), (1024, 1024, 1024), (128, 8192, 1024)] {
        for threads in [1, cores] {
            let tokens = (in_flight / threads as u64).max(1);
            let report = run(Workload { threads, tokens, hops, cross_every });
            let rate = report.hops as f64 / report.passing.as_secs_f64() / 1e6;
            println!(
                "{in_flight} tokens, one hop in {cross_every} crossing, {threads} thread(s): {} hops in {:?} ({:?} with the threads' setup), {rate:.1} million hops/s",
                report.hops, report.passing, report.elapsed
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_hop_of_every_token_is_made_once() {
        let workload = Workload { threads: 3, tokens: 8, hops: 100, cross_every: 4 };
        let report = run(workload);
        assert_eq!(report.hops, 3 * 8 * 101, "a token makes `hops` hops after its first call");
        assert_eq!(report.per_thread.len(), 3);
    }

    #[test]
    fn one_thread_sends_its_crossings_to_itself() {
        let report = run(Workload { threads: 1, tokens: 4, hops: 64, cross_every: 8 });
        assert_eq!(report.hops, 4 * 65);
    }

    #[test]
    fn tokens_that_always_cross_still_finish() {
        let report = run(Workload { threads: 2, tokens: 2, hops: 50, cross_every: 1 });
        assert_eq!(report.hops, 2 * 2 * 51);
    }
}
