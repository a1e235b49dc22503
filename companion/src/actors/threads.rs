//! Reaching the runtime from other threads: channels whose messages arrive
//! as calls, the main loop's wait for them, and worker threads.
//!
//! The runtime and every handle branded with its `'id` stay on one thread.
//! Other threads reach it through a [`Channel<M>`]: a `Send + Sync +
//! 'static` sender of messages `M: Send`, each of which the runtime hands to
//! a [`Fwd`] on its own thread, so it arrives as a queued call. The runtime
//! side of a channel is its [`ChannelGuard`]: kept in the actor that
//! receives, it closes the channel when the actor's state is dropped, and
//! senders are refused from then on.
//!
//! Each channel rings one [`Doorbell`] of the runtime's [`Inbox`], the same
//! wake design as the branded executor's wakers (see
//! [`wake`](crate::async_cells::wake) for why no wake is lost): a burst of
//! sends posts the channel's key once, and the next [`Runtime::run`] moves
//! every message of the burst into calls. The runtime's tasks ring the same
//! inbox when they are woken, from any thread. Between runs the main loop
//! waits with [`Runtime::wait`] on a plain thread, or awaits
//! [`Runtime::woken`] inside another runtime such as tokio.
//!
//! A [`Worker`] is a thread with a channel each way: what the thread sends
//! arrives as calls, the actor sends to the thread with [`Worker::send`],
//! the actor hears how the thread ended (with the panic's message if it
//! panicked), and dropping the `Worker` tells the thread to stop.
//!
//! # After the runtime
//!
//! A [`Channel`] may outlive its runtime. Dropping the runtime closes every
//! channel and its inbox: a send is then refused and hands the message
//! back, and messages sent but not yet delivered are dropped.

#![forbid(unsafe_code)]

use core::cell::{Cell, RefCell};
use core::future::Future;
use core::marker::PhantomData;
use core::pin::Pin;
use core::task::{Context, Poll, Waker};
use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::{Rc, Weak};
use std::sync::{Arc, PoisonError};
use std::time::Duration;

#[cfg(loom)]
use loom::sync::{Condvar, Mutex, MutexGuard};
#[cfg(loom)]
use loom::thread;
#[cfg(not(loom))]
use std::sync::{Condvar, Mutex, MutexGuard};
#[cfg(not(loom))]
use std::thread;

use pin_project_lite::pin_project;
use slab::Slab;

use super::runtime::{Core, Runtime};
use super::Fwd;
use crate::async_cells::branded::{self, BrandedFuture};
use crate::async_cells::wake::{Doorbell, Inbox};
use crate::ghost::GhostToken;

/// Which channel rang: its slot in the runtime's table, and the number it
/// was opened with, so that a late ring of a closed channel does not match
/// the channel that reuses the slot.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct ChannelKey {
    slot: usize,
    opened: u64,
}

impl ChannelKey {
    /// The key of the runtime's tasks: a task was woken. Slab slots never
    /// reach it.
    const TASKS: ChannelKey = ChannelKey { slot: usize::MAX, opened: 0 };
}

/// The runtime's side of every channel: its inbox, and the channels that
/// may ring it. Lives in the [`Core`]; dropping it closes every channel.
pub(super) struct Wakes<'id> {
    inbox: Arc<Inbox<ChannelKey>>,
    /// The guard owns each channel's runtime side; the table only finds it.
    channels: Slab<(u64, Weak<dyn Deliver + 'id>)>,
    opened: u64,
    /// Keys taken from the inbox, kept to reuse the allocation.
    rung: Vec<ChannelKey>,
    /// Rung by every wake of a task, so that a task woken from another
    /// thread ends the runtime's wait too.
    tasks: Arc<Doorbell<ChannelKey>>,
}

impl<'id> Wakes<'id> {
    pub(super) fn new() -> Self {
        let inbox = Arc::new(Inbox::new());
        let tasks = Arc::new(Doorbell::new(&inbox, ChannelKey::TASKS));
        Wakes { inbox, channels: Slab::new(), opened: 0, rung: Vec::new(), tasks }
    }

    /// `task`, polled with a waker that wakes it in the executor and also
    /// rings this inbox.
    pub(super) fn watch<F>(&self, task: F) -> Watched<F> {
        Watched { task, wakers: None, bell: self.tasks.clone() }
    }

    /// Turns every message sent since the last look into a call of its
    /// channel's [`Fwd`], and forgets channels whose guard is gone.
    #[inline]
    pub(super) fn deliver(&mut self) {
        if self.inbox.take_all(&mut self.rung) {
            self.deliver_rung();
        }
    }

    /// [`deliver`](Self::deliver) once keys were taken: out of line, so
    /// that a run with nothing posted calls nothing.
    #[inline(never)]
    fn deliver_rung(&mut self) {
        // A `Fwd` that panics unwinds out of here: the keys not reached yet
        // go back to the inbox, their bells still rung, for the next run.
        let mut unreached = Requeue { inbox: &self.inbox, keys: self.rung.drain(..) };
        for key in unreached.keys.by_ref() {
            if key == ChannelKey::TASKS {
                // Before the executor looks for woken tasks, in this run.
                self.tasks.answer();
                continue;
            }
            let Some((opened, weak)) = self.channels.get(key.slot) else { continue };
            if *opened != key.opened {
                continue; // a late ring of a channel that is gone
            }
            // A strong handle for the delivery: a `Fwd` may drop the guard.
            match weak.upgrade() {
                Some(channel) if channel.deliver() => {}
                _ => {
                    self.channels.remove(key.slot);
                }
            }
        }
    }

    fn open<M: Send + 'static>(&mut self, fwd: Fwd<'id, M>) -> (Channel<M>, ChannelGuard<'id>) {
        self.opened += 1;
        let entry = self.channels.vacant_entry();
        let key = ChannelKey { slot: entry.key(), opened: self.opened };
        let pipe =
            Arc::new(Pipe { state: OwnLine(Mutex::new(PipeState::open())), bell: Doorbell::new(&self.inbox, key) });
        let inlet: Rc<dyn Deliver + 'id> =
            Rc::new(Inlet { pipe: pipe.clone(), fwd, spare: RefCell::new(Vec::new()), closed: Cell::new(false) });
        entry.insert((self.opened, Rc::downgrade(&inlet)));
        (Channel { pipe }, ChannelGuard { inlet, _brand: PhantomData })
    }
}

/// The keys of one delivery not reached yet: posted back to the inbox if
/// the delivery unwinds, so their channels are looked at by the next run
/// (their bells stay rung until then, and a ring adds nothing).
struct Requeue<'a> {
    inbox: &'a Inbox<ChannelKey>,
    keys: std::vec::Drain<'a, ChannelKey>,
}

impl Drop for Requeue<'_> {
    fn drop(&mut self) {
        for key in self.keys.by_ref() {
            // Refused only by a closed inbox: its runtime is gone.
            let _refused = self.inbox.post(key);
        }
    }
}

impl Drop for Wakes<'_> {
    /// The runtime is gone: every channel refuses sends from now on.
    fn drop(&mut self) {
        for (_, (_, weak)) in &self.channels {
            if let Some(channel) = weak.upgrade() {
                channel.close();
            }
        }
        self.inbox.close();
    }
}

/// The runtime's side of one channel, whatever its message type.
trait Deliver {
    /// Hands every waiting message to the channel's `Fwd`; `false` if the
    /// channel is closed.
    fn deliver(&self) -> bool;
    /// Refuses later sends and drops the messages not delivered.
    fn close(&self);
}

/// What a channel's two sides share.
struct Pipe<M> {
    state: OwnLine<Mutex<PipeState<M>>>,
    bell: Doorbell<ChannelKey>,
}

/// A value that starts a cache line (64 bytes, the common size), so that
/// nothing before it shares the line: the lock every send takes, and the
/// queue it guards, fit in one line, which moves between the sending core
/// and the runtime's once a delivery, and not also for the bell beside it.
#[repr(align(64))]
struct OwnLine<T>(T);

struct PipeState<M> {
    /// A `Vec`, the cheapest to push to: the runtime takes all of it at
    /// once, and drains it in order.
    messages: Vec<M>,
    closed: bool,
}

impl<M> PipeState<M> {
    fn open() -> Self {
        PipeState { messages: Vec::new(), closed: false }
    }
}

impl<M> Pipe<M> {
    /// No user code runs under the lock (messages are moved, not dropped,
    /// inside it), so a poisoned lock is consistent and used as it is.
    fn lock(&self) -> MutexGuard<'_, PipeState<M>> {
        self.state.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A channel's runtime side: its pipe and where its messages go.
struct Inlet<'id, M> {
    pipe: Arc<Pipe<M>>,
    fwd: Fwd<'id, M>,
    /// The queue of the last delivery, emptied: swapped into the pipe for
    /// the senders to fill, so that a burst of sends reuses its memory
    /// instead of growing a new queue each time. It keeps the capacity of
    /// the largest burst, as one queue that is never swapped out would.
    spare: RefCell<Vec<M>>,
    /// The guard is gone (or the runtime): set on the runtime's thread by
    /// [`close`](Deliver::close), which a `Fwd` may call in the middle of a
    /// delivery by dropping the guard; the delivery then hands over nothing
    /// more.
    closed: Cell<bool>,
}

/// The messages of one delivery not handed to the `Fwd` yet: if the `Fwd`
/// panics, they go back to the front of the channel, and the bell is rung
/// so that the next run delivers them.
struct Undelivered<'a, M> {
    pipe: &'a Pipe<M>,
    rest: std::vec::Drain<'a, M>,
}

impl<M> Drop for Undelivered<'_, M> {
    fn drop(&mut self) {
        if self.rest.len() == 0 {
            return;
        }
        let mut rest: Vec<M> = self.rest.by_ref().collect();
        {
            let mut state = self.pipe.lock();
            if state.closed {
                // The guard is gone: dropped, as `close` drops the rest.
                return;
            }
            rest.append(&mut state.messages);
            state.messages = rest;
        }
        self.pipe.bell.ring();
    }
}

impl<M> Inlet<'_, M> {
    /// Every queued message, and whether the channel is open; `empty` takes
    /// their place, for the senders to fill.
    fn take(&self, empty: Vec<M>) -> (Vec<M>, bool) {
        let mut state = self.pipe.lock();
        (core::mem::replace(&mut state.messages, empty), !state.closed)
    }
}

impl<M> Deliver for Inlet<'_, M> {
    fn deliver(&self) -> bool {
        // Before the look: a send from now on rings again.
        self.pipe.bell.answer();
        let spare = core::mem::take(&mut *self.spare.borrow_mut());
        let (mut messages, open) = self.take(spare);
        let mut undelivered = Undelivered { pipe: &self.pipe, rest: messages.drain(..) };
        for message in undelivered.rest.by_ref() {
            self.fwd.fwd(message);
            if self.closed.get() {
                // The `Fwd` dropped the guard: the rest go with the channel.
                break;
            }
        }
        drop(undelivered);
        // Emptied: kept for the next delivery.
        *self.spare.borrow_mut() = messages;
        open
    }

    fn close(&self) {
        self.closed.set(true);
        let dropped = {
            let mut state = self.pipe.lock();
            state.closed = true;
            core::mem::take(&mut state.messages)
        };
        drop(dropped);
        // The runtime looks at the channel once more, and forgets it.
        self.pipe.bell.ring();
    }
}

/// Sends messages to an actor on the runtime's thread, from any thread.
///
/// Made with [`Channel::new`], which also gives the channel's
/// [`ChannelGuard`]. Each message is handed, on the runtime's thread, to the
/// [`Fwd`] given there (usually [`Fwd::to_actor`]), at the next
/// [`Runtime::run`]: it arrives as a queued call, in the order sent. The
/// channel is unbounded. Clone it for each sender; it is `Send + Sync +
/// 'static` and holds nothing of the runtime's.
///
/// # Example
///
/// An actor that keeps the guard, and a thread that sends to it:
///
/// ```
/// use companion::actors::{Channel, ChannelGuard, Cx, Fwd, Ret, Runtime, actor, call};
/// use std::thread;
/// use std::time::Instant;
///
/// struct Sum<'id> {
///     total: u64,
///     _inbound: Option<ChannelGuard<'id>>,
/// }
///
/// impl<'id> Sum<'id> {
///     fn init(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
///         Some(Sum { total: 0, _inbound: None })
///     }
///     fn add(&mut self, _: &mut Cx<'id, '_, Self>, n: u64) {
///         self.total += n;
///     }
///     fn keep(&mut self, _: &mut Cx<'id, '_, Self>, guard: ChannelGuard<'id>) {
///         self._inbound = Some(guard);
///     }
/// }
///
/// let now = Instant::now();
/// Runtime::scope(now, |mut rt| {
///     let sum = actor!(rt, Sum::init(), Ret::nop());
///     let (numbers, guard) = Channel::new(&mut rt, Fwd::to_actor(&sum, Sum::add));
///     call!([sum], keep(guard));
///     let sender = thread::spawn(move || (1..=4).for_each(|n| numbers.send(n).unwrap()));
///     while sum.query(&mut rt, |s, _| s.total) != Some(10) {
///         rt.wait(None);
///         rt.run(Instant::now(), false);
///     }
///     sender.join().unwrap();
/// });
/// ```
pub struct Channel<M> {
    pipe: Arc<Pipe<M>>,
}

impl<M> Clone for Channel<M> {
    fn clone(&self) -> Self {
        Channel { pipe: self.pipe.clone() }
    }
}

impl<M: Send + 'static> Channel<M> {
    /// Opens a channel whose messages go to `fwd` on this runtime's thread;
    /// returns the sender and the guard that closes it when dropped.
    pub fn new<'id>(core: &mut Core<'id>, fwd: Fwd<'id, M>) -> (Channel<M>, ChannelGuard<'id>) {
        core.wakes().open(fwd)
    }
}

impl<M> Channel<M> {
    /// Queues `message` for the runtime, and wakes its thread if it waits;
    /// from any thread.
    ///
    /// # Errors
    ///
    /// Hands `message` back if the channel is closed: its guard was
    /// dropped, or its runtime.
    #[inline]
    pub fn send(&self, message: M) -> Result<(), M> {
        let first = {
            let mut state = self.pipe.lock();
            if state.closed {
                return Err(message);
            }
            state.messages.push(message);
            state.messages.len() == 1
        };
        // Only the send that makes the queue non-empty rings: the runtime
        // answers the bell before it takes the queue, and takes all of it,
        // so a queue that was not empty has a ring coming or answered-for.
        if first {
            self.pipe.bell.ring();
        }
        Ok(())
    }

    /// Whether sends are refused: the guard or the runtime is gone.
    pub fn is_closed(&self) -> bool {
        self.pipe.lock().closed
    }
}

/// The runtime side of a [`Channel`]: where its messages go (the [`Fwd`]
/// given to [`Channel::new`]). Dropping it closes the channel: later sends
/// are refused, and messages not yet delivered are dropped.
///
/// Keep it in the actor that receives, so that the channel closes when the
/// actor's state is dropped, whatever the cause. It holds the `Fwd`, which
/// stays on the runtime's thread, so the guard does too.
pub struct ChannelGuard<'id> {
    inlet: Rc<dyn Deliver + 'id>,
    /// The brand of the runtime whose channel this is, invariant.
    _brand: PhantomData<fn(&'id ()) -> &'id ()>,
}

impl Drop for ChannelGuard<'_> {
    fn drop(&mut self) {
        self.inlet.close();
    }
}

/// How long [`Runtime::wait`] lets a stream of messages grow when one is
/// waiting already: long enough for a sender streaming from another core to
/// add dozens of messages, short next to the time a parked thread takes to
/// be woken.
pub(super) const BATCH_PAUSE: Duration = Duration::from_micros(2);

/// How long [`Runtime::wait`] watches the inbox before it parks the thread:
/// a parked thread takes tens of microseconds to be woken (more on a virtual
/// machine, whose idle core the host must wake too), and a runtime whose
/// work comes from another thread in short gaps would spend most of its time
/// being woken.
pub(super) const WATCH: Duration = Duration::from_micros(50);

/// Spins until `seen()` holds, for up to `length`; returns whether it held.
/// `Runtime::wait` spins in two ways: a pause, which looks at nothing (so a
/// sender keeps the cache lines it is writing), and a watch of the inbox's
/// flag (so a post meanwhile finds no thread to wake, and the sender makes
/// no system call).
fn spin(length: Duration, seen: impl Fn() -> bool) -> bool {
    #[cfg(not(loom))]
    {
        let start = std::time::Instant::now();
        loop {
            // Several looks between two readings of the clock, which costs
            // more than a look.
            for _ in 0..16 {
                if seen() {
                    return true;
                }
                core::hint::spin_loop();
            }
            if start.elapsed() >= length {
                return false;
            }
        }
    }
    // loom models no clock: one look, whose interleavings the models explore
    // with the rest of the wait.
    #[cfg(loom)]
    {
        let _ = length;
        seen()
    }
}

impl<'id> Runtime<'id> {
    /// Blocks the calling thread until a message arrives on one of this
    /// runtime's channels, a task is woken, or `timeout` passes (`None`: no timeout).
    /// Call [`run`](Self::run) after it. It may also return for no reason,
    /// like `thread::park`; the loop around it calls `run` and waits again.
    ///
    /// If a message (or a task's wake) is waiting already, the runtime is
    /// behind the threads that send to it, and the wait returns after a
    /// pause of 2 µs (or `timeout`, if shorter) instead of at once: a sender
    /// that streams messages adds more to the queue meanwhile, and the next
    /// `run` takes them all in one batch. A message that arrives while the
    /// runtime sleeps is not delayed by the pause.
    ///
    /// If none is waiting, the wait first watches for one for 50 µs (or
    /// `timeout`, if shorter), spinning, and only then parks the thread. A
    /// message that comes meanwhile ends the wait at once: the runtime does
    /// not pay the tens of microseconds a parked thread takes to be woken,
    /// nor the sender the system call that wakes it. A runtime that other
    /// threads keep busy in short gaps gains most; an idle one spends 50 µs
    /// of a core before each sleep.
    ///
    /// The usual timeout is until the next timer, [`next_wait`](Self::next_wait).
    ///
    /// A task of the runtime woken from any thread ends the wait too.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::Runtime;
    /// use std::time::{Duration, Instant};
    ///
    /// let start = Instant::now();
    /// Runtime::scope(start, |mut rt| {
    ///     rt.after(Duration::from_millis(10), |_| {});
    ///     // Nothing is sent: the wait ends with the timer.
    ///     let until_next_timer = rt.next_wait(Instant::now());
    ///     rt.wait(until_next_timer);
    ///     rt.run(Instant::now(), false);
    /// });
    /// ```
    pub fn wait(&self, timeout: Option<Duration>) {
        let inbox = self.inbox();
        if inbox.may_hold_keys() {
            spin(timeout.map_or(BATCH_PAUSE, |timeout| timeout.min(BATCH_PAUSE)), || false);
            return;
        }
        let watched = timeout.map_or(WATCH, |timeout| timeout.min(WATCH));
        if spin(watched, || inbox.may_hold_keys()) {
            return;
        }
        inbox.park(timeout.map(|timeout| timeout - watched));
    }

    /// A future that is ready once a message has arrived on one of this
    /// runtime's channels or a task was woken (at once if one is waiting),
    /// or once the runtime is gone (no message can arrive then): for a main loop that
    /// runs inside another async runtime, such as tokio, which it `select`s
    /// with that runtime's sleep until the next timer. It holds no borrow of
    /// the runtime.
    ///
    /// Unlike [`wait`](Self::wait), it does not pause when a message is
    /// waiting already, nor watch for one before it sleeps: a future that
    /// spun would hold up the other runtime's tasks.
    ///
    /// The runtime has one waiter at a time: the `Woken` polled last, or the
    /// thread in [`wait`](Self::wait). An earlier `Woken` still pending is
    /// not woken by a message, so await one at a time, in the main loop.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{Channel, Fwd, Runtime};
    /// use std::cell::Cell;
    /// use std::rc::Rc;
    /// use std::time::Instant;
    ///
    /// let now = Instant::now();
    /// Runtime::scope(now, |mut rt| {
    ///     let seen = Rc::new(Cell::new(0));
    ///     let s = seen.clone();
    ///     let (channel, _guard) = Channel::new(&mut rt, Fwd::new(move |n: u32| s.set(n)));
    ///     std::thread::spawn(move || channel.send(7).unwrap());
    ///     futures::executor::block_on(rt.woken());
    ///     rt.run(Instant::now(), false);
    ///     assert_eq!(seen.get(), 7);
    /// });
    /// ```
    pub fn woken(&self) -> Woken {
        Woken { inbox: self.inbox().clone() }
    }
}

/// The future of [`Runtime::woken`].
pub struct Woken {
    inbox: Arc<Inbox<ChannelKey>>,
}

impl Future for Woken {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.inbox.register(cx.waker()) { Poll::Ready(()) } else { Poll::Pending }
    }
}

impl Runtime<'_> {
    fn inbox(&self) -> &Arc<Inbox<ChannelKey>> {
        &self.wakes_ref().inbox
    }
}

pin_project! {
    /// A task of the runtime. The executor wakes its tasks through its own
    /// inbox, which the runtime's wait does not watch; so the task is polled
    /// with a waker of its own that wakes it in the executor and also rings
    /// the runtime's inbox.
    pub(super) struct Watched<F> {
        #[pin]
        task: F,
        // The executor's waker of this task, and ours around it: made at
        // the first poll, again if the executor's changes.
        wakers: Option<(Waker, Waker)>,
        bell: Arc<Doorbell<ChannelKey>>,
    }
}

impl<'id, F: BrandedFuture<'id, GhostToken<'id>>> BrandedFuture<'id, GhostToken<'id>> for Watched<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut branded::Cx<'id, '_, GhostToken<'id>>) -> Poll<F::Output> {
        let this = self.project();
        let executor = cx.waker();
        if this.wakers.as_ref().is_some_and(|(known, _)| !known.will_wake(executor)) {
            *this.wakers = None;
        }
        let (_, ours) = this.wakers.get_or_insert_with(|| {
            let alarm = Arc::new(Alarm { executor: executor.clone(), bell: this.bell.clone() });
            (executor.clone(), Waker::from(alarm))
        });
        this.task.poll(&mut branded::Cx::new(cx.owner_mut(), ours))
    }
}

/// Wakes a task in the executor, and rings the runtime's inbox.
struct Alarm {
    executor: Waker,
    bell: Arc<Doorbell<ChannelKey>>,
}

impl std::task::Wake for Alarm {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.executor.wake_by_ref();
        self.bell.ring();
    }
}

/// What a worker thread sends to its actor: a message, or how it ended.
enum FromWorker<F> {
    Message(F),
    Ended(Option<String>),
}

/// The messages to a worker thread, and whether its [`Worker`] is gone.
struct ToWorker<T> {
    state: Mutex<ToWorkerState<T>>,
    arrived: Condvar,
}

struct ToWorkerState<T> {
    messages: VecDeque<T>,
    /// The `Worker` was dropped: the thread is to stop.
    cancelled: bool,
    /// The thread's function has returned or panicked.
    ended: bool,
}

impl<T> ToWorker<T> {
    fn lock(&self) -> MutexGuard<'_, ToWorkerState<T>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A thread that works for an actor, with a typed channel each way.
///
/// Made by [`Worker::spawn`] with the function the thread runs, which gets
/// a [`WorkerLink`]: it receives what the actor [sends](Worker::send), of
/// type `T`, and sends back messages of type `F`, each of which arrives as a
/// call through the `Fwd` given to `spawn`. When the function returns, or
/// panics, the actor's `on_end` is called with `None`, or with the panic's
/// message, after every message the thread sent.
///
/// Keep the `Worker` in the actor. Dropping it (with the actor's state, for
/// whatever reason) tells the thread to stop: its [`recv`](WorkerLink::recv)
/// returns `None`, its sends are refused, and messages not yet delivered
/// either way are dropped. The thread is not joined; a thread busy with
/// long work looks at [`is_cancelled`](WorkerLink::is_cancelled) now and
/// then.
///
/// # Example
///
/// ```
/// use companion::actors::{Cx, Fwd, Ret, Runtime, Worker, actor, call};
/// use std::time::Instant;
///
/// struct Squares<'id> {
///     worker: Option<Worker<'id, u64>>,
///     got: Vec<u64>,
///     ended: bool,
/// }
///
/// impl<'id> Squares<'id> {
///     fn init(cx: &mut Cx<'id, '_, Self>) -> Option<Self> {
///         let (on_square, on_end) = (Fwd::to_actor(cx.this(), Self::squared), Fwd::to_actor(cx.this(), Self::ended));
///         let worker = Worker::spawn(cx, on_square, on_end, |link| {
///             while let Some(n) = link.recv() {
///                 if link.send(n * n).is_err() {
///                     return;
///                 }
///             }
///         });
///         Some(Squares { worker: Some(worker), got: Vec::new(), ended: false })
///     }
///     fn ask(&mut self, _: &mut Cx<'id, '_, Self>, n: u64) {
///         self.worker.as_ref().unwrap().send(n).unwrap();
///     }
///     fn squared(&mut self, _: &mut Cx<'id, '_, Self>, n: u64) {
///         self.got.push(n);
///         if self.got.len() == 3 {
///             self.worker = None; // its `recv` returns `None`: the thread ends
///         }
///     }
///     fn ended(&mut self, _: &mut Cx<'id, '_, Self>, panic: Option<String>) {
///         self.ended = panic.is_none();
///     }
/// }
///
/// let now = Instant::now();
/// Runtime::scope(now, |mut rt| {
///     let squares = actor!(rt, Squares::init(), Ret::nop());
///     for n in [2, 3, 4] {
///         call!([squares], ask(n));
///     }
///     rt.run(now, false); // the asks reach the actor, and the thread
///     while squares.query(&mut rt, |s, _| s.got.len()) != Some(3) {
///         rt.wait(None);
///         rt.run(Instant::now(), false);
///     }
///     assert_eq!(squares.query(&mut rt, |s, _| s.got.clone()), Some(vec![4, 9, 16]));
/// });
/// ```
pub struct Worker<'id, T> {
    to_thread: Arc<ToWorker<T>>,
    from_thread: ChannelGuard<'id>,
}

impl<'id, T: Send + 'static> Worker<'id, T> {
    /// Starts a thread that runs `run`. What it sends goes to `on_message`;
    /// when it ends, `on_end` is called with `None`, or with the message of
    /// its panic.
    pub fn spawn<F: Send + 'static>(
        core: &mut Core<'id>,
        on_message: Fwd<'id, F>,
        on_end: Fwd<'id, Option<String>>,
        run: impl FnOnce(&mut WorkerLink<T, F>) + Send + 'static,
    ) -> Self {
        let from_thread = Fwd::new(move |event| match event {
            FromWorker::Message(message) => on_message.fwd(message),
            FromWorker::Ended(panic) => on_end.fwd(panic),
        });
        let (to_actor, guard) = Channel::new(core, from_thread);
        let to_thread = Arc::new(ToWorker {
            state: Mutex::new(ToWorkerState { messages: VecDeque::new(), cancelled: false, ended: false }),
            arrived: Condvar::new(),
        });
        let mut link = WorkerLink { to_thread: to_thread.clone(), to_actor };
        thread::spawn(move || {
            let panic = catch_unwind(AssertUnwindSafe(|| run(&mut link))).err().map(|payload| {
                match payload.downcast::<String>() {
                    Ok(message) => *message,
                    Err(payload) => match payload.downcast::<&'static str>() {
                        Ok(message) => message.to_string(),
                        Err(_) => "a panic whose payload is not a string".to_string(),
                    },
                }
            });
            link.to_thread.lock().ended = true;
            // Refused if the actor is gone: nobody is left to tell.
            let _ = link.to_actor.send(FromWorker::Ended(panic));
        });
        Worker { to_thread, from_thread: guard }
    }

    /// Queues `message` for the thread, and wakes it if it waits in
    /// [`recv`](WorkerLink::recv).
    ///
    /// # Errors
    ///
    /// Hands `message` back if the thread's function has ended.
    pub fn send(&self, message: T) -> Result<(), T> {
        {
            let mut state = self.to_thread.lock();
            if state.ended {
                return Err(message);
            }
            state.messages.push_back(message);
        }
        self.to_thread.arrived.notify_one();
        Ok(())
    }
}

impl<T> Drop for Worker<'_, T> {
    /// Tells the thread to stop, and drops what it has not received.
    fn drop(&mut self) {
        // The channel from the thread is closed first: a thread that sees
        // the cancel below finds its sends refused already. (The guard's own
        // drop, after this function, closes it again, which is a no-op.)
        self.from_thread.inlet.close();
        let dropped = {
            let mut state = self.to_thread.lock();
            state.cancelled = true;
            core::mem::take(&mut state.messages)
        };
        self.to_thread.arrived.notify_one();
        drop(dropped);
    }
}

/// A worker thread's ends of its two channels, lent to the function the
/// thread runs. See [`Worker`].
pub struct WorkerLink<T, F> {
    to_thread: Arc<ToWorker<T>>,
    to_actor: Channel<FromWorker<F>>,
}

impl<T, F> WorkerLink<T, F> {
    /// The next message from the actor, blocking until one arrives; `None`
    /// once the [`Worker`] is dropped: the thread is to stop.
    pub fn recv(&mut self) -> Option<T> {
        let mut state = self.to_thread.lock();
        loop {
            if state.cancelled {
                return None;
            }
            if let Some(message) = state.messages.pop_front() {
                return Some(message);
            }
            state = self.to_thread.arrived.wait(state).unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// Sends `message` to the actor, where it arrives as a call.
    ///
    /// # Errors
    ///
    /// Hands `message` back if the actor's [`Worker`] (or its runtime) is
    /// gone: the thread is to stop.
    pub fn send(&mut self, message: F) -> Result<(), F> {
        self.to_actor.send(FromWorker::Message(message)).map_err(|refused| match refused {
            FromWorker::Message(message) => message,
            FromWorker::Ended(_) => unreachable!("only a message was sent"),
        })
    }

    /// Whether the [`Worker`] is dropped: a thread busy with long work
    /// looks at this now and then, and stops.
    pub fn is_cancelled(&self) -> bool {
        self.to_thread.lock().cancelled
    }
}

#[cfg(all(test, loom))]
mod loom_models {
    //! Every interleaving of a channel's send, the runtime's wait and
    //! delivery, the closes that race a send, and a worker thread's end.

    use super::{Channel, Worker, WorkerLink};
    use crate::actors::{Fwd, Runtime};
    use crate::async_cells::wake::loom_models::explore;
    use loom::thread;
    use std::cell::RefCell;
    use std::rc::Rc;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Instant;

    /// Counts its drops: a message that crosses threads.
    struct Dropped(Arc<AtomicUsize>);

    impl Drop for Dropped {
        fn drop(&mut self) {
            self.0.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Two sends from another thread reach the `Fwd`, in order, while the
    /// runtime runs and waits: no wake is lost, whenever the sends land.
    #[test]
    fn loom_a_send_from_another_thread_arrives_as_a_call() {
        explore("a_send_from_another_thread_arrives_as_a_call", || {
            let now = Instant::now();
            Runtime::scope(now, |mut rt| {
                let seen = Rc::new(RefCell::new(Vec::new()));
                let s = seen.clone();
                let (channel, _guard) = Channel::new(&mut rt, Fwd::new(move |n: u8| s.borrow_mut().push(n)));
                let sender = thread::spawn(move || {
                    channel.send(1).unwrap();
                    channel.send(2).unwrap();
                });
                loop {
                    rt.run(now, false);
                    if seen.borrow().len() == 2 {
                        break;
                    }
                    rt.wait(None);
                }
                assert_eq!(*seen.borrow(), [1, 2]);
                sender.join().unwrap();
            });
        });
    }

    /// A task woken from another thread ends the runtime's wait, and is
    /// polled by the next run: the executor's wake and the runtime's ring
    /// are not lost between them.
    #[test]
    fn loom_a_task_woken_from_another_thread_ends_the_wait() {
        explore("a_task_woken_from_another_thread_ends_the_wait", || {
            let now = Instant::now();
            Runtime::scope(now, |mut rt| {
                let polls = Rc::new(RefCell::new(0));
                let p = polls.clone();
                let mut waker_thread = None;
                rt.spawn(crate::async_cells::branded::poll_fn(move |cx| {
                    *p.borrow_mut() += 1;
                    if *p.borrow() == 1 {
                        let waker = cx.waker().clone();
                        waker_thread = Some(thread::spawn(move || waker.wake()));
                        return core::task::Poll::Pending;
                    }
                    if let Some(thread) = waker_thread.take() {
                        thread.join().unwrap();
                    }
                    core::task::Poll::Ready(())
                }));
                rt.run(now, false);
                while rt.task_count() > 0 {
                    rt.wait(None);
                    rt.run(now, false);
                }
                assert_eq!(*polls.borrow(), 2);
            });
        });
    }

    /// A send racing the runtime's drop is either refused or dropped by
    /// it, exactly once, and the channel ends closed.
    #[test]
    fn loom_a_send_racing_the_runtime_drop_is_refused_or_dropped() {
        explore("a_send_racing_the_runtime_drop_is_refused_or_dropped", || {
            let drops = Arc::new(AtomicUsize::new(0));
            let (sender, channel) = Runtime::scope(Instant::now(), |mut rt| {
                let (channel, guard) = Channel::new(&mut rt, Fwd::new(|_: Dropped| {}));
                core::mem::forget(guard);
                let sender = thread::spawn({
                    let (channel, drops) = (channel.clone(), drops.clone());
                    move || {
                        let _sent_or_refused = channel.send(Dropped(drops));
                    }
                });
                (sender, channel)
            });
            sender.join().unwrap();
            assert!(channel.is_closed());
            assert_eq!(drops.load(Ordering::Relaxed), 1);
        });
    }

    /// A send racing the guard's drop is refused or dropped, never
    /// delivered, and the runtime forgets the channel.
    #[test]
    fn loom_a_send_racing_the_guard_drop_is_never_delivered() {
        explore("a_send_racing_the_guard_drop_is_never_delivered", || {
            let now = Instant::now();
            let drops = Arc::new(AtomicUsize::new(0));
            Runtime::scope(now, |mut rt| {
                let delivered = Rc::new(RefCell::new(0));
                let d = delivered.clone();
                let (channel, guard) = Channel::new(&mut rt, Fwd::new(move |_: Dropped| *d.borrow_mut() += 1));
                let sender = thread::spawn({
                    let drops = drops.clone();
                    move || {
                        let _sent_or_refused = channel.send(Dropped(drops));
                    }
                });
                drop(guard);
                rt.run(now, false);
                sender.join().unwrap();
                rt.run(now, false);
                assert_eq!(*delivered.borrow(), 0);
                assert_eq!(drops.load(Ordering::Relaxed), 1);
                assert!(rt.wakes_ref().channels.is_empty(), "the runtime forgot the channel");
            });
        });
    }

    /// Dropping the `Worker` wakes its thread out of `recv`, whether the
    /// thread waits already or not yet: the thread ends.
    #[test]
    fn loom_a_worker_ends_when_its_handle_drops() {
        explore("a_worker_ends_when_its_handle_drops", || {
            Runtime::scope(Instant::now(), |mut rt| {
                let worker = Worker::spawn(&mut rt, Fwd::new(|_: u8| {}), Fwd::new(|_| {}), |link: &mut WorkerLink<u8, u8>| {
                    while link.recv().is_some() {}
                });
                worker.send(1).unwrap();
                drop(worker);
            });
        });
    }

    /// A worker's panic reaches the actor's `on_end`, with its message,
    /// after the message the thread sent first.
    #[test]
    fn loom_a_worker_panic_is_reported_after_its_messages() {
        explore("a_worker_panic_is_reported_after_its_messages", || {
            let now = Instant::now();
            Runtime::scope(now, |mut rt| {
                let log = Rc::new(RefCell::new(Vec::new()));
                let (l, e) = (log.clone(), log.clone());
                let on_message = Fwd::new(move |n: u8| l.borrow_mut().push(format!("message {n}")));
                let on_end = Fwd::new(move |panic: Option<String>| e.borrow_mut().push(format!("ended {panic:?}")));
                let _worker = Worker::spawn(&mut rt, on_message, on_end, |link: &mut WorkerLink<u8, u8>| {
                    link.send(1).unwrap();
                    // No panic hook: loom explores many interleavings.
                    std::panic::resume_unwind(Box::new("boom"));
                });
                loop {
                    rt.run(now, false);
                    if log.borrow().len() == 2 {
                        break;
                    }
                    rt.wait(None);
                }
                assert_eq!(*log.borrow(), ["message 1", "ended Some(\"boom\")"]);
            });
        });
    }
}
