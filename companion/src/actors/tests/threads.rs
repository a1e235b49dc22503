//! Threads: channels from other threads, the main loop's wait, and worker
//! threads, on real threads.

use super::*;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// Long enough for a thread on a loaded machine; a test that needs it has
/// failed.
const PATIENCE: Duration = Duration::from_secs(10);

/// Counts its drops in an `Arc`: a message that crosses threads.
struct Dropped(Arc<AtomicUsize>);

impl Drop for Dropped {
    fn drop(&mut self) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }
}

/// An actor that records what reaches it from other threads, and keeps
/// the guards and workers it is given.
struct Receiver<'id> {
    got: Vec<u32>,
    ends: Vec<Option<String>>,
    guard: Option<ChannelGuard<'id>>,
    worker: Option<Worker<'id, u32>>,
}

impl<'id> Receiver<'id> {
    fn init(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
        Some(Receiver { got: Vec::new(), ends: Vec::new(), guard: None, worker: None })
    }
    fn got(&mut self, _: &mut Cx<'id, '_, Self>, n: u32) {
        self.got.push(n);
    }
    fn ended(&mut self, _: &mut Cx<'id, '_, Self>, panic: Option<String>) {
        self.ends.push(panic);
    }
    fn keep_guard(&mut self, _: &mut Cx<'id, '_, Self>, guard: ChannelGuard<'id>) {
        self.guard = Some(guard);
    }
    fn drop_worker(&mut self, _: &mut Cx<'id, '_, Self>) {
        self.worker = None;
    }
    fn tell_worker(&mut self, _: &mut Cx<'id, '_, Self>, n: u32) {
        self.worker.as_ref().expect("a worker").send(n).expect("the worker runs");
    }
    /// A worker that runs `work`; its messages go to `got`, its end to `ended`.
    fn start_worker(cx: &mut Cx<'id, '_, Self>, work: impl FnOnce(&mut WorkerLink<u32, u32>) + Send + 'static) -> Option<Self> {
        let (on_message, on_end) = (Fwd::to_actor(cx.this(), Self::got), Fwd::to_actor(cx.this(), Self::ended));
        let worker = Worker::spawn(cx, on_message, on_end, work);
        Some(Receiver { got: Vec::new(), ends: Vec::new(), guard: None, worker: Some(worker) })
    }
}

/// A channel whose messages are kept, each replacing the last, in the
/// returned cell (0 before the first).
fn last_seen<'id>(rt: &mut Runtime<'id>) -> (Rc<Cell<u32>>, Channel<u32>, ChannelGuard<'id>) {
    let seen = Rc::new(Cell::new(0));
    let s = seen.clone();
    let (channel, guard) = Channel::new(rt, Fwd::new(move |n: u32| s.set(n)));
    (seen, channel, guard)
}

/// Runs and waits until `done` holds of the actor's state, for at most
/// `PATIENCE`.
fn run_until<'id>(rt: &mut Runtime<'id>, actor: &Actor<'id, Receiver<'id>>, done: impl Fn(&Receiver<'id>) -> bool) {
    let deadline = Instant::now() + PATIENCE;
    rt.run(Instant::now(), false);
    while !actor.query(rt, |r, _| done(r)).expect("the actor is ready") {
        assert!(Instant::now() < deadline, "nothing arrived");
        rt.wait(Some(deadline - Instant::now()));
        rt.run(Instant::now(), false);
    }
}

#[test]
fn messages_from_another_thread_arrive_as_calls_in_order() {
    Runtime::scope(start(), |mut rt| {
        let receiver = actor!(rt, Receiver::init(), Ret::nop());
        let (numbers, guard) = Channel::new(&mut rt, Fwd::to_actor(&receiver, Receiver::got));
        call!([receiver], keep_guard(guard));
        let sender = std::thread::spawn(move || (0..100).for_each(|n| numbers.send(n).unwrap()));
        run_until(&mut rt, &receiver, |r| r.got.len() == 100);
        sender.join().unwrap();
        assert_eq!(receiver.query(&mut rt, |r, _| r.got.clone()).unwrap(), (0..100).collect::<Vec<_>>());
    });
}

#[test]
fn a_wait_with_nothing_sent_ends_with_its_timeout() {
    Runtime::scope(start(), |mut rt| {
        let (_channel, _guard) = Channel::new(&mut rt, Fwd::new(|_: u32| {}));
        let before = Instant::now();
        rt.wait(Some(Duration::from_millis(20)));
        assert!(before.elapsed() >= Duration::from_millis(20));
    });
}

#[test]
fn a_wait_shorter_than_the_watch_ends_with_its_timeout() {
    use super::super::threads::WATCH;
    Runtime::scope(start(), |mut rt| {
        let (_channel, _guard) = Channel::new(&mut rt, Fwd::new(|_: u32| {}));
        let timeout = WATCH / 5;
        let before = Instant::now();
        // Parked with no timeout after the watch, it would block for ever.
        rt.wait(Some(timeout));
        let waited = before.elapsed();
        assert!(waited >= timeout, "the wait ended early: {waited:?}");
    });
}

#[test]
fn a_message_sent_while_the_wait_watches_ends_it() {
    Runtime::scope(start(), |mut rt| {
        let (seen, channel, _guard) = last_seen(&mut rt);
        let sender = std::thread::spawn(move || channel.send(9).unwrap());
        // Whether the send lands during the watch, or after it when the thread
        // sleeps, the wait ends; lost, it would block for ever.
        rt.wait(None);
        sender.join().unwrap();
        rt.run(Instant::now(), false);
        assert_eq!(seen.get(), 9);
    });
}

#[test]
fn a_message_sent_before_the_wait_ends_it_after_the_pause() {
    use super::super::threads::BATCH_PAUSE;
    Runtime::scope(start(), |mut rt| {
        let (seen, channel, _guard) = last_seen(&mut rt);
        channel.send(5).unwrap();
        let before = Instant::now();
        rt.wait(None); // would block for ever if the send were lost
        assert!(before.elapsed() >= BATCH_PAUSE, "a message was waiting: the wait pauses");
        rt.run(start(), false);
        assert_eq!(seen.get(), 5);
    });
}

#[test]
fn a_task_woken_from_another_thread_ends_the_wait() {
    Runtime::scope(start(), |mut rt| {
        let done = Rc::new(Cell::new(false));
        let (d, mut sent) = (done.clone(), false);
        rt.spawn(poll_fn(move |cx| {
            if d.get() {
                return Poll::Ready(());
            }
            if !std::mem::replace(&mut sent, true) {
                let waker = cx.waker().clone();
                std::thread::spawn(move || {
                    std::thread::sleep(Duration::from_millis(5));
                    waker.wake();
                });
                return Poll::Pending;
            }
            d.set(true);
            Poll::Ready(())
        }));
        rt.run(Instant::now(), false);
        let before = Instant::now();
        while !done.get() {
            rt.wait(Some(PATIENCE));
            rt.run(Instant::now(), false);
        }
        assert!(before.elapsed() < PATIENCE, "the wake ended the wait");
    });
}

#[test]
fn dropping_the_guard_closes_the_channel_and_drops_what_was_not_delivered() {
    let drops = Arc::new(AtomicUsize::new(0));
    Runtime::scope(start(), |mut rt| {
        let delivered = Rc::new(Cell::new(0));
        let d = delivered.clone();
        let (channel, guard) = Channel::new(&mut rt, Fwd::new(move |_: Dropped| d.set(d.get() + 1)));
        channel.send(Dropped(drops.clone())).unwrap_or_else(|_| panic!("open"));
        drop(guard);
        assert!(channel.is_closed());
        assert_eq!(drops.load(Ordering::Relaxed), 1, "the undelivered message is dropped");
        let refused = channel.send(Dropped(drops.clone()));
        assert!(refused.is_err(), "a closed channel refuses");
        drop(refused);
        rt.run(start(), false);
        assert_eq!(delivered.get(), 0);
    });
    assert_eq!(drops.load(Ordering::Relaxed), 2);
}

#[test]
#[cfg_attr(miri, ignore = "forgets the guard on purpose, and Miri reports every leak")]
fn a_channel_that_outlives_its_runtime_refuses_sends() {
    let drops = Arc::new(AtomicUsize::new(0));
    let channel = Runtime::scope(start(), |mut rt| {
        let (channel, guard) = Channel::new(&mut rt, Fwd::new(|_: Dropped| {}));
        std::mem::forget(guard); // even a guard that is never dropped
        channel.send(Dropped(drops.clone())).unwrap_or_else(|_| panic!("open"));
        channel
    });
    assert!(channel.is_closed());
    assert_eq!(drops.load(Ordering::Relaxed), 1, "the runtime's drop dropped the undelivered message");
    let thread = std::thread::spawn({
        let drops = drops.clone();
        move || channel.send(Dropped(drops)).is_err()
    });
    assert!(thread.join().unwrap());
    assert_eq!(drops.load(Ordering::Relaxed), 2);
}

#[test]
fn a_stopped_actor_closes_the_channel_whose_guard_it_kept() {
    Runtime::scope(start(), |mut rt| {
        let receiver = actor!(rt, Receiver::init(), Ret::nop());
        let (numbers, guard) = Channel::new(&mut rt, Fwd::to_actor(&receiver, Receiver::got));
        call!([receiver], keep_guard(guard));
        rt.run(start(), false);
        assert!(!numbers.is_closed());
        drop(receiver);
        rt.run(start(), false);
        assert!(numbers.is_closed());
        assert!(numbers.send(1).is_err());
    });
}

#[test]
fn the_woken_future_ends_a_tokio_select_when_a_thread_sends() {
    let tokio = tokio::runtime::Builder::new_current_thread().build().unwrap();
    Runtime::scope(start(), |mut rt| {
        let (seen, channel, _guard) = last_seen(&mut rt);
        let sender = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(10));
            channel.send(3).unwrap();
        });
        tokio.block_on(async {
            while seen.get() == 0 {
                rt.woken().await;
                rt.run(Instant::now(), false);
            }
        });
        sender.join().unwrap();
        assert_eq!(seen.get(), 3);
    });
}

#[test]
fn a_worker_answers_each_message_as_a_call() {
    Runtime::scope(start(), |mut rt| {
        let receiver = actor!(
            rt,
            Receiver::start_worker(|link: &mut WorkerLink<u32, u32>| {
                while let Some(n) = link.recv() {
                    if link.send(n * 10).is_err() {
                        return;
                    }
                }
            }),
            Ret::nop()
        );
        for n in 1..=3 {
            call!([receiver], tell_worker(n));
        }
        run_until(&mut rt, &receiver, |r| r.got.len() == 3);
        assert_eq!(receiver.query(&mut rt, |r, _| r.got.clone()).unwrap(), [10, 20, 30]);
        assert!(receiver.query(&mut rt, |r, _| r.ends.is_empty()).unwrap(), "the thread still runs");
    });
}

#[test]
fn a_worker_that_returns_is_reported_after_its_messages() {
    Runtime::scope(start(), |mut rt| {
        let receiver = actor!(
            rt,
            Receiver::start_worker(|link: &mut WorkerLink<u32, u32>| {
                let _ = link.send(1);
                let _ = link.send(2);
            }),
            Ret::nop()
        );
        run_until(&mut rt, &receiver, |r| !r.ends.is_empty());
        assert_eq!(receiver.query(&mut rt, |r, _| (r.got.clone(), r.ends.clone())).unwrap(), (vec![1, 2], vec![None]));
        let refused = receiver.query(&mut rt, |r, _| r.worker.as_ref().unwrap().send(9)).unwrap();
        assert_eq!(refused, Err(9), "the thread has ended");
    });
}

#[test]
fn a_worker_that_panics_is_reported_with_the_panic_message() {
    Runtime::scope(start(), |mut rt| {
        let receiver = actor!(
            rt,
            Receiver::start_worker(|link: &mut WorkerLink<u32, u32>| {
                let _ = link.send(1);
                panic!("the disk is full");
            }),
            Ret::nop()
        );
        run_until(&mut rt, &receiver, |r| !r.ends.is_empty());
        let (got, ends) = receiver.query(&mut rt, |r, _| (r.got.clone(), r.ends.clone())).unwrap();
        assert_eq!((got, ends), (vec![1], vec![Some("the disk is full".to_string())]));
    });
}

/// A worker that tells the test, over a std channel, when its `recv` saw the
/// channel closed.
fn waits_for_cancel(done: mpsc::Sender<bool>) -> impl FnOnce(&mut WorkerLink<u32, u32>) + Send + 'static {
    move |link| {
        while link.recv().is_some() {}
        done.send(link.is_cancelled() && link.send(0).is_err()).unwrap();
    }
}

#[test]
fn dropping_the_worker_ends_the_thread() {
    let (done, finished) = mpsc::channel();
    Runtime::scope(start(), |mut rt| {
        let receiver = actor!(rt, Receiver::start_worker(waits_for_cancel(done)), Ret::nop());
        call!([receiver], tell_worker(1));
        call!([receiver], drop_worker());
        rt.run(start(), false);
        assert_eq!(finished.recv_timeout(PATIENCE), Ok(true), "recv returned None, and the send was refused");
        rt.run(Instant::now(), false);
        assert!(receiver.query(&mut rt, |r, _| r.ends.is_empty()).unwrap(), "the actor let it go: no report");
    });
}

#[test]
fn dropping_the_actor_ends_its_worker_thread() {
    let (done, finished) = mpsc::channel();
    Runtime::scope(start(), |mut rt| {
        let receiver = actor!(rt, Receiver::start_worker(waits_for_cancel(done)), Ret::nop());
        rt.run(start(), false);
        drop(receiver);
        rt.run(start(), false);
        assert_eq!(finished.recv_timeout(PATIENCE), Ok(true));
    });
}

#[test]
fn the_end_of_the_scope_ends_every_worker_thread() {
    let (done, finished) = mpsc::channel();
    Runtime::scope(start(), |mut rt| {
        let _receiver = actor!(rt, Receiver::start_worker(waits_for_cancel(done)), Ret::nop());
        rt.run(start(), false);
        // The owner goes first, then the runtime, whose drop runs the stop.
    });
    assert_eq!(finished.recv_timeout(PATIENCE), Ok(true));
}

/// A `Fwd` that panics while the runtime delivers one channel's messages
/// unwinds out of `run`; the channels rung in the same burst, not reached
/// yet, are delivered by the next run, and take sends again after it.
#[test]
fn a_fwd_that_panics_leaves_the_other_channels_rung_in_the_same_burst_delivered() {
    Runtime::scope(start(), |mut rt| {
        let (panicking, _panicking_guard) = Channel::new(&mut rt, Fwd::new(|_: u32| panic!("a Fwd that panics")));
        let seen = Rc::new(RefCell::new(Vec::new()));
        let s = seen.clone();
        let (calm, _calm_guard) = Channel::new(&mut rt, Fwd::new(move |n: u32| s.borrow_mut().push(n)));
        panicking.send(0).unwrap();
        calm.send(1).unwrap();
        assert!(catch_unwind(AssertUnwindSafe(|| rt.run(start(), false))).is_err());
        rt.run(start(), false);
        assert_eq!(*seen.borrow(), [1], "the message sent before the panic arrives");
        calm.send(2).unwrap();
        rt.wait(Some(PATIENCE)); // returns after the pause: the send rang the runtime
        rt.run(start(), false);
        assert_eq!(*seen.borrow(), [1, 2], "the channel still rings");
    });
}

/// A `Fwd` that panics on one message unwinds out of `run`; the messages
/// sent after it on the same channel stay queued, and the next run
/// delivers them, as every other call is still queued after a panic.
#[test]
fn a_fwd_that_panics_leaves_the_later_messages_of_its_channel_queued() {
    Runtime::scope(start(), |mut rt| {
        let seen = Rc::new(RefCell::new(Vec::new()));
        let s = seen.clone();
        let fwd = Fwd::new(move |n: u32| {
            assert_ne!(n, 0, "a Fwd that panics on 0");
            s.borrow_mut().push(n);
        });
        let (channel, _guard) = Channel::new(&mut rt, fwd);
        (0..3).for_each(|n| channel.send(n).unwrap());
        assert!(catch_unwind(AssertUnwindSafe(|| rt.run(start(), false))).is_err());
        rt.run(start(), false);
        assert_eq!(*seen.borrow(), [1, 2]);
    });
}

/// `Woken` holds no borrow of the runtime, so it can outlive it (moved into
/// another runtime's task, say): once the runtime is gone no message can
/// arrive, and the future is ready instead of pending for ever.
#[test]
fn the_woken_future_of_a_runtime_that_is_gone_is_ready() {
    let woken = Runtime::scope(start(), |rt| rt.woken());
    let woken = std::pin::pin!(woken);
    assert!(woken.poll(&mut std::task::Context::from_waker(std::task::Waker::noop())).is_ready());
}

/// A wake that counts itself.
struct CountingWaker(AtomicUsize);

impl std::task::Wake for CountingWaker {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }
}

/// The runtime keeps one waiter: of two `Woken` futures pending at once,
/// the one polled last is woken by a message, the earlier one is not.
#[test]
fn of_two_woken_futures_only_the_one_polled_last_is_woken() {
    Runtime::scope(start(), |mut rt| {
        let (channel, _guard) = Channel::new(&mut rt, Fwd::new(|_: u32| {}));
        let (earlier, last) = (Arc::new(CountingWaker(AtomicUsize::new(0))), Arc::new(CountingWaker(AtomicUsize::new(0))));
        let mut first = std::pin::pin!(rt.woken());
        let mut second = std::pin::pin!(rt.woken());
        let waker = std::task::Waker::from(earlier.clone());
        assert!(first.as_mut().poll(&mut std::task::Context::from_waker(&waker)).is_pending());
        let waker = std::task::Waker::from(last.clone());
        assert!(second.as_mut().poll(&mut std::task::Context::from_waker(&waker)).is_pending());
        channel.send(1).unwrap();
        assert_eq!((earlier.0.load(Ordering::Relaxed), last.0.load(Ordering::Relaxed)), (0, 1));
    });
}

/// Counts down through calls queued to itself, and notes how far it had
/// counted when each message of its channel arrived.
struct Looper<'id> {
    left: u32,
    arrived_at: Vec<u32>,
    /// Its own channel, which its methods send to, and the channel's guard.
    own: Option<(Channel<u32>, ChannelGuard<'id>)>,
    /// Sends one message to itself when `left` reaches this.
    send_at: u32,
    /// What each arrival does: queue this many more calls, and send again.
    echo: u32,
}

impl<'id> Looper<'id> {
    fn init(_: &mut Cx<'id, '_, Self>, send_at: u32, echo: u32) -> Option<Self> {
        Some(Looper { left: 0, arrived_at: Vec::new(), own: None, send_at, echo })
    }
    fn keep(&mut self, _: &mut Cx<'id, '_, Self>, own: (Channel<u32>, ChannelGuard<'id>)) {
        self.own = Some(own);
    }
    fn send_to_self(&self) {
        self.own.as_ref().expect("its channel").0.send(self.left).expect("open");
    }
    fn count(&mut self, cx: &mut Cx<'id, '_, Self>, left: u32) {
        self.left = left;
        if left == self.send_at {
            self.send_to_self();
        }
        if left > 0 {
            call!([cx], count(left - 1));
        }
    }
    fn arrive(&mut self, cx: &mut Cx<'id, '_, Self>, _: u32) {
        self.arrived_at.push(self.left);
        if self.echo > 0 {
            self.send_to_self();
            call!([cx], count(self.echo));
        }
    }
}

fn looper<'id>(rt: &mut Runtime<'id>, send_at: u32, echo: u32) -> ActorOwn<'id, Looper<'id>> {
    let looper = actor!(rt, Looper::init(send_at, echo), Ret::nop());
    let own = Channel::new(rt, Fwd::to_actor(&looper, Looper::arrive));
    call!([looper], keep(own));
    rt.run(start(), false);
    looper
}

#[test]
fn a_message_sent_during_a_long_run_of_calls_arrives_in_that_run() {
    use super::super::runtime::TAKE_IN_EVERY;
    Runtime::scope(start(), |mut rt| {
        let chain = 4 * TAKE_IN_EVERY;
        let looper = looper(&mut rt, chain - 10, 0);
        call!([looper], count(chain));
        rt.run(start(), false);
        let arrived_at = looper.query(&mut rt, |l, _| l.arrived_at.clone()).unwrap();
        assert_eq!(arrived_at.len(), 1, "taken in by the run that was counting");
        assert!(arrived_at[0] > 0, "before the count ended: at {}", arrived_at[0]);
        assert!(arrived_at[0] >= chain - 10 - TAKE_IN_EVERY - 2, "within one stretch of calls: at {}", arrived_at[0]);
    });
}

#[test]
fn a_run_takes_messages_in_a_bounded_number_of_times() {
    use super::super::runtime::{TAKE_IN_EVERY, TAKE_IN_TIMES};
    Runtime::scope(start(), |mut rt| {
        // Every arrival queues more calls than a stretch and sends again:
        // without the bound, this run would never end.
        let looper = looper(&mut rt, u32::MAX, TAKE_IN_EVERY + 1);
        looper.query(&mut rt, |l, _| l.send_to_self());
        rt.run(start(), false);
        let arrivals = looper.query(&mut rt, |l, _| l.arrived_at.len()).unwrap();
        assert_eq!(arrivals, 1 + TAKE_IN_TIMES as usize, "one at the start of the run, then one each time it looked");
        rt.run(start(), false);
        assert_eq!(looper.query(&mut rt, |l, _| l.arrived_at.len()).unwrap(), 2 + 2 * TAKE_IN_TIMES as usize, "the next run goes on");
    });
}

/// A channel whose `Fwd` counts the messages it gets, and at the second drops
/// the channel's own guard (kept nowhere else), then panics if `then_panic`.
fn channel_whose_fwd_drops_its_guard<'id>(rt: &mut Runtime<'id>, then_panic: bool) -> (Channel<Dropped>, Rc<Cell<u32>>) {
    let guard_slot: Rc<RefCell<Option<ChannelGuard<'id>>>> = Rc::new(RefCell::new(None));
    let (slot, delivered) = (guard_slot.clone(), Rc::new(Cell::new(0)));
    let d = delivered.clone();
    let fwd = Fwd::new(move |_: Dropped| {
        d.set(d.get() + 1);
        if d.get() == 2 {
            drop(slot.borrow_mut().take());
            if then_panic {
                panic!("after dropping the guard");
            }
        }
    });
    let (channel, guard) = Channel::new(rt, fwd);
    *guard_slot.borrow_mut() = Some(guard);
    (channel, delivered)
}

/// A `Fwd` that drops its own channel's guard in the middle of a delivery,
/// then panics: the delivery holds the channel's runtime side until it
/// unwinds, the messages after the one that panicked are dropped with the
/// closed channel, each once, and later sends are refused.
#[test]
fn a_fwd_that_drops_its_own_guard_then_panics_drops_the_rest_once() {
    let drops = Arc::new(AtomicUsize::new(0));
    Runtime::scope(start(), |mut rt| {
        let (channel, delivered) = channel_whose_fwd_drops_its_guard(&mut rt, true);
        (0..4).for_each(|_| assert!(channel.send(Dropped(drops.clone())).is_ok()));
        assert!(catch_unwind(AssertUnwindSafe(|| rt.run(start(), false))).is_err());
        assert!(channel.is_closed());
        assert!(channel.send(Dropped(drops.clone())).is_err());
        rt.run(start(), false);
        assert_eq!(delivered.get(), 2, "the messages after the panic went with the closed channel");
    });
    assert_eq!(drops.load(Ordering::SeqCst), 5, "four sent and one refused, each dropped once");
}

/// A `Fwd` that drops its own channel's guard gets no more messages, not
/// even the rest of the ones the same delivery took in: they are dropped
/// with the channel, as the guard promises.
#[test]
fn a_fwd_that_drops_its_own_guard_gets_no_more_messages() {
    let drops = Arc::new(AtomicUsize::new(0));
    Runtime::scope(start(), |mut rt| {
        let (channel, delivered) = channel_whose_fwd_drops_its_guard(&mut rt, false);
        (0..5).for_each(|_| assert!(channel.send(Dropped(drops.clone())).is_ok()));
        rt.run(start(), false);
        assert_eq!(delivered.get(), 2, "none after the guard was dropped");
        assert_eq!(drops.load(Ordering::SeqCst), 5, "each message dropped once");
    });
}
