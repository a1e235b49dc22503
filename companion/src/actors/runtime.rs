//! The runtime, its core, and the run loop. It knows queues, timers,
//! tasks and the two owners; what an actor is, and its lifecycle, is the
//! actor module's, which borrows the owners through [`Runtime::split`].

#![forbid(unsafe_code)]

use core::cell::Cell;
use core::ops::{Deref, DerefMut};
use std::collections::HashMap;
use std::rc::Rc;
use std::time::{Duration, Instant, SystemTime};

use super::cell::{self, ActorOwner};
use super::context::StopCause;
use super::queue::{BoxedCall, InlineQueue, SharedQueue};
use super::ret::Ret;
use super::threads::Wakes;
use super::timers::{TimerKey, Timers};
use crate::async_cells::branded::{BrandedFuture, Executor};
use crate::ghost::GhostToken;

/// How many deferred calls a `run` makes between two looks at its channels,
/// while calls keep coming: often enough that a message from another thread
/// does not wait for a long burst of local calls to end, seldom enough that
/// the look (a load, and an uncontended lock when a message came) costs a
/// call little.
pub(super) const TAKE_IN_EVERY: u32 = 256;

/// How many times one `run` takes in messages before its deferred calls
/// have run out: a cap, so that a steady stream from other threads cannot
/// keep a `run` from reaching its timers.
pub(super) const TAKE_IN_TIMES: u32 = 64;

/// The queue of deferred calls, which every handle of one runtime shares.
///
/// Handles reach it from places that have no runtime: `Drop` of an owning
/// handle or of an unused [`Ret`](super::Ret), a [`Fwd`](super::Fwd) called
/// from anywhere. So it is shared, and written through `&self`.
pub(super) struct Deferred<'id> {
    queue: SharedQueue<'id, Runtime<'id>>,
    /// The runtime is gone: nothing would ever run a queued call, and a
    /// queued call holding a handle would keep this queue (and itself)
    /// alive through the handle. So calls are dropped at once instead.
    closed: Cell<bool>,
}

impl<'id> Deferred<'id> {
    fn new() -> Self {
        Deferred { queue: SharedQueue::new(), closed: Cell::new(false) }
    }

    /// Queues a call of the runtime's own, which also runs while the runtime
    /// shuts down (a stop, a delivery that drops what the actor gave up).
    #[inline]
    pub(super) fn defer(&self, f: impl FnOnce(&mut Runtime<'id>) + 'id) {
        if self.closed.get() {
            drop(f);
            return;
        }
        self.queue.push(f);
    }

    /// Queues a closure of the user's: not run once the runtime shuts down.
    #[inline]
    pub(super) fn defer_user(&self, f: impl FnOnce(&mut Runtime<'id>) + 'id) {
        self.defer(move |rt| {
            if !rt.core.stopping {
                f(rt);
            }
        });
    }
}

/// An actor runtime: the [`Core`] that actor code sees, and the owner of
/// every actor's state, which it never sees.
///
/// Made by [`Runtime::scope`], which gives it a brand `'id` of its own.
/// Every handle of this runtime ([`Actor<'id, A>`](super::Actor),
/// [`Share<'id, T>`](super::Share), ...) carries the brand, so a handle of
/// another runtime does not type-check here, and none can leave the scope.
/// The runtime is driven from outside: call [`run`](Self::run) with the
/// current time whenever something may have happened (a timer is due, an
/// event arrived), and sleep until [`next_expiry`](Self::next_expiry)
/// otherwise. Time is whatever the caller says it is, so tests run in
/// virtual time.
///
/// `Runtime` dereferences to [`Core`], so everything a core can do (defer a
/// call, set a timer, create an actor) works on the runtime too.
///
/// # Dropping it
///
/// Dropping the runtime stops every actor whose stop is queued by then, and
/// drops everything else still queued unrun. Drop the actors' owners before
/// the runtime: an [`ActorOwn`](super::ActorOwn) dropped after it can no
/// longer queue its actor's stop, so that state is freed only when its last
/// plain handle goes, and states that hold plain handles to each other (or
/// to themselves) then leak. The closure of [`scope`](Self::scope) drops its
/// locals before its runtime, so this takes an explicit `drop(rt)` first, or
/// a panic out of the runtime's drop.
///
/// # Example
///
/// ```
/// use companion::actors::{Cx, Ret, Runtime, actor, call};
/// use std::time::Instant;
///
/// struct Counter {
///     count: u32,
/// }
///
/// impl Counter {
///     fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
///         Some(Counter { count: 0 })
///     }
///     fn add<'id>(&mut self, _: &mut Cx<'id, '_, Self>, n: u32) {
///         self.count += n;
///     }
/// }
///
/// let now = Instant::now();
/// Runtime::scope(now, |mut rt| {
///     let counter = actor!(rt, Counter::init(), Ret::nop());
///     call!([counter], add(2));
///     call!([counter], add(3));
///     rt.run(now, false);
///     assert_eq!(counter.query(&mut rt, |c, _| c.count), Some(5));
/// });
/// ```
pub struct Runtime<'id> {
    core: Core<'id>,
    /// Outside the core: actor code is given `&mut Core`, never this.
    actors: ActorOwner<'id>,
}

/// The part of the runtime that actor code sees, through its
/// [`Cx`](super::Cx): the clock, the queues, the timers, the tasks, and the
/// owner of every [`Share`](super::Share). Not the owner of actor state:
/// that stays in the [`Runtime`], so holding `&mut Core` opens no actor.
///
/// # Example
///
/// ```
/// use companion::actors::{Core, Runtime};
/// use std::time::{Duration, Instant};
///
/// fn later(core: &mut Core<'_>) {
///     core.after(Duration::from_secs(1), |_rt| println!("a second later"));
/// }
///
/// let start = Instant::now();
/// Runtime::scope(start, |mut rt| {
///     later(&mut rt);
///     assert_eq!(rt.next_expiry(), Some(start + Duration::from_secs(1)));
/// });
/// ```
pub struct Core<'id> {
    now: Instant,
    /// The `now` the runtime was made with.
    start: Instant,
    /// The wall clock of a main loop in virtual time, if it set one.
    systime: Option<SystemTime>,
    /// The runtime is being dropped: stops run, nothing else is delivered.
    stopping: bool,
    tasks: Executor<'id, 'id, GhostToken<'id>>,
    timers: Timers<'id, BoxedCall<'id, Runtime<'id>>>,
    lazy: InlineQueue<'id, Runtime<'id>>,
    idle: InlineQueue<'id, Runtime<'id>>,
    /// Calls parked until their key is released: the calls that reached an
    /// actor while it was being prepared, by the address of the actor's
    /// allocation (kept alive by the handle each call holds). Here, not in
    /// the actor, so that shutting down drops them whatever they hold.
    parked: HashMap<usize, Vec<BoxedCall<'id, Runtime<'id>>>>,
    /// Why the main loop was asked to stop, until it takes the reason.
    shutdown: Option<StopCause>,
    /// The channels from other threads; dropped with the core, which
    /// closes them.
    wakes: Wakes<'id>,
    /// Last: what is dropped before it may still push here.
    deferred: Rc<Deferred<'id>>,
}

impl<'id> Runtime<'id> {
    /// Runs `f` with a new runtime whose clock starts at `now`, and returns
    /// what `f` returns.
    ///
    /// The runtime's brand is fresh (it comes from
    /// [`GhostToken::new`], with the owner of actor state made beside the
    /// token, the one of its brand), so two runtimes,
    /// nested or side by side on one thread, never accept each other's
    /// handles, with no feature flag and no check at run time.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::Runtime;
    /// use std::time::Instant;
    ///
    /// let now = Instant::now();
    /// let answer = Runtime::scope(now, |rt| {
    ///     Runtime::scope(now, |inner| assert_eq!(inner.now(), rt.now()));
    ///     42
    /// });
    /// assert_eq!(answer, 42);
    /// ```
    pub fn scope<R>(now: Instant, f: impl for<'new> FnOnce(Runtime<'new>) -> R) -> R {
        cell::scope(|token, actors| {
            f(Runtime {
                core: Core {
                    now,
                    start: now,
                    systime: None,
                    stopping: false,
                    tasks: Executor::new(token),
                    timers: Timers::new(),
                    lazy: InlineQueue::new(),
                    idle: InlineQueue::new(),
                    parked: HashMap::new(),
                    shutdown: None,
                    wakes: Wakes::new(),
                    deferred: Rc::new(Deferred::new()),
                },
                actors,
            })
        })
    }

    /// Runs everything that is due at `now`: the messages that arrived on
    /// [channels](super::Channel) become calls; deferred calls until none is
    /// left, then the lazy queue, then tasks that were woken, over again
    /// until all of them are empty; then each timer that expires at or
    /// before `now`, in order of expiry, followed each time by everything
    /// it caused. With `idle` set, and nothing else to do, it then runs one
    /// call of the idle queue (and whatever that call causes). Returns
    /// whether idle calls remain.
    ///
    /// Messages that arrive while deferred calls keep coming are taken in
    /// too: after every 256 calls, at most 64 times in one `run`. A long
    /// stretch of calls does not keep other threads' messages waiting, and a
    /// steady stream of them cannot keep `run` from its timers.
    ///
    /// `now` earlier than the last `now` is taken as the last: the clock
    /// never goes back.
    ///
    /// A panic inside an actor's method leaves this function; the runtime
    /// stays usable (see [the module](super) on panics).
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::Runtime;
    /// use std::cell::Cell;
    /// use std::rc::Rc;
    /// use std::time::{Duration, Instant};
    ///
    /// let start = Instant::now();
    /// Runtime::scope(start, |mut rt| {
    ///     let log = Rc::new(Cell::new(0));
    ///     let l = log.clone();
    ///     rt.after(Duration::from_millis(5), move |_| l.set(l.get() + 1));
    ///     let l = log.clone();
    ///     rt.idle(move |_| l.set(l.get() + 10));
    ///     assert!(rt.run(start, true) == false); // the idle call ran
    ///     assert_eq!(log.get(), 10);
    ///     rt.run(start + Duration::from_millis(5), false);
    ///     assert_eq!(log.get(), 11);
    /// });
    /// ```
    pub fn run(&mut self, now: Instant, idle: bool) -> bool {
        if now > self.core.now {
            self.core.now = now;
        }
        self.core.wakes.deliver();
        let taken_in = &mut 0;
        self.settle(taken_in);
        // The timers due now, in order; each fires after everything the one
        // before it caused, so a call can still cancel a timer due in this
        // same run. Timers set meanwhile wait for the next run.
        self.core.timers.collect_due(self.core.now);
        while let Some(call) = self.core.timers.next_due(self.core.now) {
            self.core.deferred.defer_user(call);
            self.settle(taken_in);
        }
        if idle && let Some(job) = self.core.idle.pop() {
            job.run(self);
            self.settle(taken_in);
        }
        !self.core.idle.is_empty()
    }

    /// Runs deferred calls, lazy calls and woken tasks until none is left.
    /// While deferred calls keep coming, the messages that arrived on
    /// channels meanwhile are taken in after every [`TAKE_IN_EVERY`] calls,
    /// up to [`TAKE_IN_TIMES`] times in one `run`.
    fn settle(&mut self, taken_in: &mut u32) {
        let deferred = self.core.deferred.clone();
        loop {
            loop {
                let mut ran = 0;
                while ran < TAKE_IN_EVERY && deferred.queue.run_next(self) {
                    ran += 1;
                }
                if ran < TAKE_IN_EVERY || *taken_in == TAKE_IN_TIMES {
                    while deferred.queue.run_next(self) {}
                    break;
                }
                *taken_in += 1;
                self.core.wakes.deliver();
            }
            // Only the lazy calls present now; those they add run next round.
            for _ in 0..self.core.lazy.len() {
                if let Some(job) = self.core.lazy.pop() {
                    job.run(self);
                }
            }
            if !self.core.tasks.is_empty() {
                self.core.tasks.run_until_stalled();
            }
            if deferred.queue.is_empty() && self.core.lazy.is_empty() {
                return;
            }
        }
    }

    /// When the next timer expires, if one is set: how long the caller may
    /// sleep before calling [`run`](Self::run) again, when no other event
    /// arrives.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::Runtime;
    /// use std::time::{Duration, Instant};
    ///
    /// let start = Instant::now();
    /// Runtime::scope(start, |mut rt| {
    ///     assert_eq!(rt.next_expiry(), None);
    ///     let key = rt.after(Duration::from_secs(3), |_| {});
    ///     assert_eq!(rt.next_expiry(), Some(start + Duration::from_secs(3)));
    ///     assert!(rt.timer_del(key));
    ///     assert_eq!(rt.next_expiry(), None);
    /// });
    /// ```
    pub fn next_expiry(&mut self) -> Option<Instant> {
        self.core.timers.next_expiry()
    }

    /// How long the caller may sleep from `now` until the next timer is
    /// due: `Some(Duration::ZERO)` if one is already due, `None` if no
    /// timer is set.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::Runtime;
    /// use std::time::{Duration, Instant};
    ///
    /// let start = Instant::now();
    /// Runtime::scope(start, |mut rt| {
    ///     rt.after(Duration::from_millis(250), |_| {});
    ///     assert_eq!(rt.next_wait(start), Some(Duration::from_millis(250)));
    ///     assert_eq!(rt.next_wait(start + Duration::from_secs(1)), Some(Duration::ZERO));
    /// });
    /// ```
    pub fn next_wait(&mut self, now: Instant) -> Option<Duration> {
        self.next_expiry().map(|at| at.saturating_duration_since(now))
    }

    /// How long a main loop that also polls for I/O may block in that poll:
    /// zero if `pending` (the loop knows of work already: I/O events to
    /// handle, or idle calls, which [`run`](Self::run) reports), else until
    /// the next timer is due, and never longer than `max`. With no timer
    /// set, `max`.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::Runtime;
    /// use std::time::{Duration, Instant};
    ///
    /// let start = Instant::now();
    /// let max = Duration::from_secs(60);
    /// Runtime::scope(start, |mut rt| {
    ///     assert_eq!(rt.next_wait_max(start, max, false), max, "no timer");
    ///     rt.after(Duration::from_secs(5), |_| {});
    ///     assert_eq!(rt.next_wait_max(start, max, false), Duration::from_secs(5));
    ///     assert_eq!(rt.next_wait_max(start, Duration::from_secs(1), false), Duration::from_secs(1));
    ///     assert_eq!(rt.next_wait_max(start, max, true), Duration::ZERO, "work is pending");
    /// });
    /// ```
    pub fn next_wait_max(&mut self, now: Instant, max: Duration, pending: bool) -> Duration {
        if pending {
            return Duration::ZERO;
        }
        self.next_wait(now).map_or(max, |wait| wait.min(max))
    }

    /// Sets the wall-clock time that [`Core::systime`] reports, for a main
    /// loop that runs in virtual time; `None` goes back to the system's
    /// clock. It stays as set until set again: a virtual-time loop sets it
    /// each time it moves its clock.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::Runtime;
    /// use std::time::{Duration, Instant, SystemTime};
    ///
    /// let start = Instant::now();
    /// let noon = SystemTime::UNIX_EPOCH + Duration::from_secs(12 * 3600);
    /// Runtime::scope(start, |mut rt| {
    ///     rt.set_systime(Some(noon));
    ///     rt.run(start + Duration::from_secs(1), false);
    ///     assert_eq!(rt.systime(), noon, "not moved by the runtime's clock");
    ///     rt.set_systime(Some(noon + Duration::from_secs(1)));
    ///     assert_eq!(rt.systime(), noon + Duration::from_secs(1));
    ///     rt.set_systime(None);
    ///     assert!(rt.systime() > noon, "the system's clock again");
    /// });
    /// ```
    pub fn set_systime(&mut self, systime: Option<SystemTime>) {
        self.core.systime = systime;
    }

    /// The two owners, lent out at once: the actor owner, which opens
    /// actor state, and the core, which holds the share owner. Two fields,
    /// so both `&mut` live together; the actor module's lifecycle (deliver a
    /// call, prepare, stop) is built on this and nothing else of the runtime.
    #[inline]
    pub(super) fn split(&mut self) -> (&mut ActorOwner<'id>, &mut Core<'id>) {
        (&mut self.actors, &mut self.core)
    }
}

impl<'id> Deref for Runtime<'id> {
    type Target = Core<'id>;
    #[inline]
    fn deref(&self) -> &Core<'id> {
        &self.core
    }
}

impl<'id> DerefMut for Runtime<'id> {
    #[inline]
    fn deref_mut(&mut self) -> &mut Core<'id> {
        &mut self.core
    }
}

impl Drop for Runtime<'_> {
    /// Shuts down. Actors whose stop is queued (their last owner is gone)
    /// are stopped: their state is dropped and their `notify` told. Nothing
    /// else runs: queued calls, timers, lazy and idle calls and tasks are
    /// dropped unrun, so their `Ret`s deliver `None`. Dropping one thing may
    /// queue another (an owner held by a dropped state stops its actor), so
    /// this repeats until nothing is left.
    ///
    /// Stopping here, not just dropping the queue, matters: two actors that
    /// hold handles to each other are freed only when their states are
    /// dropped, which only a stop does.
    fn drop(&mut self) {
        self.core.stopping = true;
        /// Closes the queue on every way out of `drop`, also when a state's
        /// `Drop`, a notify or a task's `Drop` panics: what is still queued is
        /// dropped unrun (handles in it drop their actors' states), and
        /// later pushes are dropped at once.
        struct Close<'a, 'id>(&'a Deferred<'id>);
        impl Drop for Close<'_, '_> {
            fn drop(&mut self) {
                self.0.closed.set(true);
                while self.0.queue.discard_next() {}
            }
        }
        let deferred = self.core.deferred.clone();
        let _close = Close(&deferred);
        loop {
            drop(self.core.timers.take_all());
            drop(core::mem::take(&mut self.core.lazy));
            drop(core::mem::take(&mut self.core.idle));
            drop(core::mem::take(&mut self.core.parked));
            self.core.tasks.clear();
            let mut ran = false;
            while deferred.queue.run_next(self) {
                ran = true;
            }
            let core = &self.core;
            if !ran && core.timers.is_empty() && core.lazy.is_empty() && core.idle.is_empty() && core.parked.is_empty() && core.tasks.is_empty() {
                // Handles may outlive the runtime (dropped after it, in the
                // same scope): from now on their calls are dropped at once.
                return;
            }
        }
    }
}

impl<'id> Core<'id> {
    /// The runtime's clock: the `now` of the latest [`Runtime::run`].
    pub fn now(&self) -> Instant {
        self.now
    }

    /// The `now` given to [`Runtime::scope`]: when the runtime's clock
    /// started.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::Runtime;
    /// use std::time::{Duration, Instant};
    ///
    /// let start = Instant::now();
    /// Runtime::scope(start, |mut rt| {
    ///     rt.run(start + Duration::from_secs(9), false);
    ///     assert_eq!(rt.now() - rt.start_instant(), Duration::from_secs(9));
    /// });
    /// ```
    pub fn start_instant(&self) -> Instant {
        self.start
    }

    /// The wall-clock time, for what people read (a timestamp in a log, a
    /// date in a file): the time set by [`Runtime::set_systime`] if the
    /// main loop set one, else `SystemTime::now()`. Measure intervals with
    /// [`now`](Self::now) instead: the wall clock can jump, back as well as
    /// forward, when the system's time is set.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{Cx, Ret, Runtime, actor, call};
    /// use std::time::{Duration, Instant, SystemTime};
    ///
    /// struct Journal(Vec<u64>);
    /// impl Journal {
    ///     fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
    ///         Some(Journal(Vec::new()))
    ///     }
    ///     fn entry<'id>(&mut self, cx: &mut Cx<'id, '_, Self>) {
    ///         let since_epoch = cx.systime().duration_since(SystemTime::UNIX_EPOCH).unwrap();
    ///         self.0.push(since_epoch.as_secs());
    ///     }
    /// }
    ///
    /// let start = Instant::now();
    /// Runtime::scope(start, |mut rt| {
    ///     let journal = actor!(rt, Journal::init(), Ret::nop());
    ///     rt.set_systime(Some(SystemTime::UNIX_EPOCH + Duration::from_secs(1_000)));
    ///     call!([journal], entry());
    ///     rt.run(start, false);
    ///     assert_eq!(journal.query(&mut rt, |j, _| j.0.clone()), Some(vec![1_000]));
    /// });
    /// ```
    pub fn systime(&self) -> SystemTime {
        self.systime.unwrap_or_else(SystemTime::now)
    }

    /// Queues a closure that runs with the runtime, after the calls queued
    /// before it.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::Runtime;
    /// use std::cell::RefCell;
    /// use std::rc::Rc;
    /// use std::time::Instant;
    ///
    /// let now = Instant::now();
    /// Runtime::scope(now, |mut rt| {
    ///     let log = Rc::new(RefCell::new(Vec::new()));
    ///     for i in 0..3 {
    ///         let log = log.clone();
    ///         rt.defer(move |_| log.borrow_mut().push(i));
    ///     }
    ///     rt.run(now, false);
    ///     assert_eq!(*log.borrow(), [0, 1, 2]);
    /// });
    /// ```
    #[inline]
    pub fn defer(&mut self, f: impl FnOnce(&mut Runtime<'id>) + 'id) {
        self.deferred.defer_user(f);
    }

    /// Queues a closure that runs once the deferred queue is empty: a place
    /// to flush what several calls in a row have batched up.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::Runtime;
    /// use std::cell::RefCell;
    /// use std::rc::Rc;
    /// use std::time::Instant;
    ///
    /// let now = Instant::now();
    /// Runtime::scope(now, |mut rt| {
    ///     let log = Rc::new(RefCell::new(Vec::new()));
    ///     let l = log.clone();
    ///     rt.lazy(move |_| l.borrow_mut().push("lazy"));
    ///     let l = log.clone();
    ///     rt.defer(move |_| l.borrow_mut().push("deferred"));
    ///     rt.run(now, false);
    ///     assert_eq!(*log.borrow(), ["deferred", "lazy"]);
    /// });
    /// ```
    pub fn lazy(&mut self, f: impl FnOnce(&mut Runtime<'id>) + 'id) {
        self.lazy.push(f);
    }

    /// Queues a closure for when there is nothing else to do: one idle call
    /// runs per [`Runtime::run`] with `idle` set, once everything else has
    /// run.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::Runtime;
    /// use std::cell::Cell;
    /// use std::rc::Rc;
    /// use std::time::Instant;
    ///
    /// let now = Instant::now();
    /// Runtime::scope(now, |mut rt| {
    ///     let n = Rc::new(Cell::new(0));
    ///     for _ in 0..2 {
    ///         let n = n.clone();
    ///         rt.idle(move |_| n.set(n.get() + 1));
    ///     }
    ///     assert!(rt.run(now, true)); // one ran, one is left
    ///     assert!(!rt.run(now, true));
    ///     assert_eq!(n.get(), 2);
    /// });
    /// ```
    pub fn idle(&mut self, f: impl FnOnce(&mut Runtime<'id>) + 'id) {
        self.idle.push(f);
    }

    /// Sets a timer that runs `f` `delay` after [`now`](Self::now).
    /// Timers that expire at the same instant run in the order they were
    /// set.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::Runtime;
    /// use std::cell::Cell;
    /// use std::rc::Rc;
    /// use std::time::{Duration, Instant};
    ///
    /// let start = Instant::now();
    /// Runtime::scope(start, |mut rt| {
    ///     let fired = Rc::new(Cell::new(false));
    ///     let f = fired.clone();
    ///     rt.after(Duration::from_secs(2), move |_| f.set(true));
    ///     rt.run(start + Duration::from_secs(1), false);
    ///     assert!(!fired.get());
    ///     rt.run(start + Duration::from_secs(2), false);
    ///     assert!(fired.get());
    /// });
    /// ```
    pub fn after(&mut self, delay: Duration, f: impl FnOnce(&mut Runtime<'id>) + 'id) -> TimerKey<'id> {
        let at = self.now + delay;
        self.at(at, f)
    }

    /// Sets a timer that runs `f` at `at` (at the next [`Runtime::run`] if
    /// `at` has passed).
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::Runtime;
    /// use std::cell::RefCell;
    /// use std::rc::Rc;
    /// use std::time::{Duration, Instant};
    ///
    /// let start = Instant::now();
    /// Runtime::scope(start, |mut rt| {
    ///     let log = Rc::new(RefCell::new(Vec::new()));
    ///     for (i, secs) in [(1, 3), (2, 1), (3, 2)] {
    ///         let log = log.clone();
    ///         rt.at(start + Duration::from_secs(secs), move |_| log.borrow_mut().push(i));
    ///     }
    ///     rt.run(start + Duration::from_secs(5), false);
    ///     assert_eq!(*log.borrow(), [2, 3, 1]);
    /// });
    /// ```
    pub fn at(&mut self, at: Instant, f: impl FnOnce(&mut Runtime<'id>) + 'id) -> TimerKey<'id> {
        self.timers.add(at, Box::new(f))
    }

    /// Cancels a timer; `false` if it has already fired or been cancelled.
    /// A timer due in the current [`Runtime::run`] that has not fired yet
    /// can still be cancelled by a call that runs before it.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::Runtime;
    /// use std::time::{Duration, Instant};
    ///
    /// let start = Instant::now();
    /// Runtime::scope(start, |mut rt| {
    ///     let key = rt.after(Duration::ZERO, |_| {});
    ///     rt.run(start, false);
    ///     assert!(!rt.timer_del(key), "it fired already");
    /// });
    /// ```
    pub fn timer_del(&mut self, key: TimerKey<'id>) -> bool {
        self.timers.del(key)
    }

    /// Whether a timer is still set.
    pub fn timer_active(&self, key: TimerKey<'id>) -> bool {
        self.timers.active(key)
    }

    /// Spawns an async task: a [`BrandedFuture`] that the runtime polls
    /// with the owner of every [`Share`](super::Share), so the task opens
    /// shares with `share.rw(cx)`, checked at compile time, between its
    /// suspension points. It is first polled by the current or next
    /// [`Runtime::run`], and again whenever it is woken.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{Runtime, Share};
    /// use companion::async_cells::branded::poll_fn;
    /// use std::task::Poll;
    /// use std::time::Instant;
    ///
    /// let now = Instant::now();
    /// Runtime::scope(now, |mut rt| {
    ///     let hits = Share::new(0);
    ///     let h = hits.clone();
    ///     rt.spawn(poll_fn(move |cx| {
    ///         *h.rw(cx) += 1;
    ///         Poll::Ready(())
    ///     }));
    ///     rt.run(now, false);
    ///     assert_eq!(*hits.ro(&rt), 1);
    /// });
    /// ```
    pub fn spawn(&mut self, task: impl BrandedFuture<'id, GhostToken<'id>, Output = ()> + 'id) {
        self.tasks.spawn(self.wakes.watch(task));
    }

    /// How many spawned tasks have not finished.
    pub fn task_count(&self) -> usize {
        self.tasks.len()
    }

    /// The owner of the shares, for [`Share`](super::Share)'s accessors.
    #[inline]
    pub(super) fn share_token(&mut self) -> &mut GhostToken<'id> {
        self.tasks.owner_mut()
    }

    #[inline]
    pub(super) fn share_token_ref(&self) -> &GhostToken<'id> {
        self.tasks.owner()
    }

    /// The queue of deferred calls, for a new actor's handles.
    pub(super) fn deferred(&self) -> &Rc<Deferred<'id>> {
        &self.deferred
    }

    /// Whether the runtime is shutting down: nothing is delivered any more.
    pub(super) fn is_stopping(&self) -> bool {
        self.stopping
    }

    /// The channels from other threads, for [`Channel::new`](super::Channel::new).
    pub(super) fn wakes(&mut self) -> &mut Wakes<'id> {
        &mut self.wakes
    }

    pub(super) fn wakes_ref(&self) -> &Wakes<'id> {
        &self.wakes
    }

    /// Keeps `call` until [`unpark`](Self::unpark) with the same key.
    pub(super) fn park(&mut self, key: usize, call: BoxedCall<'id, Runtime<'id>>) {
        self.parked.entry(key).or_default().push(call);
    }

    /// The calls parked under `key`, in the order they were parked.
    ///
    /// Every actor that starts or stops asks, and almost always no call is
    /// parked at all: that answer is inline, the lookup is not.
    #[inline]
    pub(super) fn unpark(&mut self, key: usize) -> Option<Vec<BoxedCall<'id, Runtime<'id>>>> {
        if self.parked.is_empty() { None } else { self.unpark_lookup(key) }
    }

    #[inline(never)]
    fn unpark_lookup(&mut self, key: usize) -> Option<Vec<BoxedCall<'id, Runtime<'id>>>> {
        self.parked.remove(&key)
    }

    /// The timer queue, for the max and min timers' methods.
    pub(super) fn timers(&self) -> &Timers<'id, BoxedCall<'id, Runtime<'id>>> {
        &self.timers
    }

    pub(super) fn timers_mut(&mut self) -> &mut Timers<'id, BoxedCall<'id, Runtime<'id>>> {
        &mut self.timers
    }

    /// Asks the main loop to stop, saying why: from now on
    /// [`not_shutdown`](Self::not_shutdown) is `false`, until the loop takes
    /// the reason with [`shutdown_reason`](Self::shutdown_reason). The
    /// first request is kept; later ones, until the reason is taken, are
    /// ignored. Nothing else changes: the runtime runs whatever it is
    /// given, and the main loop decides what to do.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{Cx, Ret, Runtime, StopCause, actor, call};
    /// use std::time::Instant;
    ///
    /// struct Quitter;
    /// impl Quitter {
    ///     fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
    ///         Some(Quitter)
    ///     }
    ///     fn quit<'id>(&mut self, cx: &mut Cx<'id, '_, Self>) {
    ///         cx.shutdown(StopCause::Failed("out of paper".into()));
    ///     }
    /// }
    ///
    /// let now = Instant::now();
    /// Runtime::scope(now, |mut rt| {
    ///     let q = actor!(rt, Quitter::init(), Ret::nop());
    ///     call!([q], quit());
    ///     let mut runs = 0;
    ///     while rt.not_shutdown() {
    ///         rt.run(now, false);
    ///         runs += 1;
    ///     }
    ///     assert_eq!(runs, 1);
    ///     assert_eq!(rt.shutdown_reason().unwrap().to_string(), "failed: out of paper");
    ///     assert!(rt.not_shutdown(), "taken: the loop could go on");
    /// });
    /// ```
    pub fn shutdown(&mut self, cause: StopCause) {
        self.shutdown.get_or_insert(cause);
    }

    /// Whether the main loop should go on: `false` once
    /// [`shutdown`](Self::shutdown) has been asked for and the reason not
    /// yet taken.
    pub fn not_shutdown(&self) -> bool {
        self.shutdown.is_none()
    }

    /// Takes the reason the main loop was asked to stop, if it was: after
    /// this, [`not_shutdown`](Self::not_shutdown) is `true` again.
    pub fn shutdown_reason(&mut self) -> Option<StopCause> {
        self.shutdown.take()
    }

    /// A [`Ret`] that asks the main loop to stop, with the cause it is
    /// given, or [`StopCause::Dropped`] if it is dropped unused: what
    /// [`ret_shutdown!`](crate::actors::ret_shutdown) expands to. As an
    /// actor's `notify`, the program stops when that actor does.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{ActorOwn, Runtime, StopCause};
    /// use std::time::Instant;
    ///
    /// let now = Instant::now();
    /// Runtime::scope(now, |mut rt| {
    ///     let main = ActorOwn::<u8>::new(&rt, rt.shutdown_ret());
    ///     main.defer_prep(|_| Some(1));
    ///     rt.run(now, false);
    ///     assert!(rt.not_shutdown());
    ///     drop(main);
    ///     rt.run(now, false);
    ///     assert!(matches!(rt.shutdown_reason(), Some(StopCause::Dropped)));
    /// });
    /// ```
    pub fn shutdown_ret(&self) -> Ret<'id, StopCause> {
        let deferred = self.deferred.clone();
        Ret::new(move |cause: Option<StopCause>| {
            deferred.defer_user(move |rt| rt.shutdown(cause.unwrap_or(StopCause::Dropped)));
        })
    }
}
