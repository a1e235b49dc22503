//! The story's Monitor: tallies that every packet handler updates.
//!
//! An application counts what it sees (packets received, errors found) in one
//! [`Monitor`] that many tasks share. A handler that finds a bad packet also
//! sends an alert, and sending is asynchronous: it may have to wait. The bug
//! of the story is to keep the tally borrowed while waiting.

#![forbid(unsafe_code)]

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

/// The tallies one application keeps.
///
/// # Example
///
/// ```
/// use companion::async_cells::story::monitor::Monitor;
///
/// let mut tally = Monitor::default();
/// tally.packets += 1;
/// assert_eq!(tally, Monitor { packets: 1, errors: 0 });
/// ```
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Monitor {
    /// Packets received, good or bad.
    pub packets: u64,
    /// Packets found malformed (here: empty).
    pub errors: u64,
}

/// A future that is pending once, then ready: an alert handed to a sink that
/// takes one round of the executor to accept it.
///
/// It wakes itself before returning `Pending`, so any executor polls it again;
/// meanwhile the executor runs its other tasks, which is the point.
///
/// # Example
///
/// ```
/// use companion::async_cells::story::monitor::SendAlert;
/// use std::future::Future;
/// use std::pin::pin;
/// use std::task::{Context, Waker};
///
/// let mut alert = pin!(SendAlert::new());
/// let mut cx = Context::from_waker(Waker::noop());
/// assert!(alert.as_mut().poll(&mut cx).is_pending());
/// assert!(alert.as_mut().poll(&mut cx).is_ready());
/// ```
#[derive(Debug, Default)]
#[must_use = "futures do nothing unless polled"]
pub struct SendAlert {
    sent: bool,
}

impl SendAlert {
    /// An alert not yet sent.
    pub fn new() -> Self {
        SendAlert { sent: false }
    }

    /// One step of sending, for hand-written `poll` functions: `Pending`
    /// (with a wake-up already requested) the first time, `Ready` after.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::story::monitor::SendAlert;
    /// use std::task::{Poll, Waker};
    ///
    /// let mut alert = SendAlert::new();
    /// assert_eq!(alert.step(Waker::noop()), Poll::Pending);
    /// assert_eq!(alert.step(Waker::noop()), Poll::Ready(()));
    /// ```
    pub fn step(&mut self, waker: &Waker) -> Poll<()> {
        if self.sent {
            Poll::Ready(())
        } else {
            self.sent = true;
            waker.wake_by_ref();
            Poll::Pending
        }
    }
}

impl Future for SendAlert {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        self.get_mut().step(cx.waker())
    }
}

/// The original: `Rc<RefCell<Monitor>>`, which compiles and panics.
pub mod refcell {
    use super::{Monitor, SendAlert};
    use futures::executor::LocalPool;
    use futures::task::LocalSpawnExt;
    use std::cell::RefCell;
    use std::rc::Rc;

    /// Handles one packet: counts it, and for a bad one counts an error and
    /// sends an alert, *still holding the tally*. Any other task that touches
    /// the monitor while the alert is pending panics with "already borrowed".
    ///
    /// # Example
    ///
    /// Alone, even a bad packet goes through:
    ///
    /// ```
    /// use companion::async_cells::story::monitor::{Monitor, refcell::receive};
    /// use std::cell::RefCell;
    /// use std::rc::Rc;
    ///
    /// let monitor = Rc::new(RefCell::new(Monitor::default()));
    /// futures::executor::block_on(receive(monitor.clone(), vec![]));
    /// assert_eq!(*monitor.borrow(), Monitor { packets: 1, errors: 1 });
    /// ```
    #[expect(
        clippy::await_holding_refcell_ref,
        reason = "this is the story's bug, kept so that its test can show the panic"
    )]
    pub async fn receive(monitor: Rc<RefCell<Monitor>>, packet: Vec<u8>) {
        let mut tally = monitor.borrow_mut();
        tally.packets += 1;
        if packet.is_empty() {
            tally.errors += 1;
            SendAlert::new().await;
        }
    }

    /// Spawns one [`receive`] task per packet on a `LocalPool` and runs them
    /// all; returns the tallies.
    ///
    /// # Panics
    ///
    /// With "RefCell already borrowed" when a bad packet is followed by any
    /// other packet: the second task runs while the first one waits for its
    /// alert with the tally still borrowed.
    ///
    /// # Example
    ///
    /// Good packets only, so the bug stays hidden:
    ///
    /// ```
    /// use companion::async_cells::story::monitor::{Monitor, refcell};
    ///
    /// let tally = refcell::run(vec![vec![1], vec![2, 3]]);
    /// assert_eq!(tally, Monitor { packets: 2, errors: 0 });
    /// ```
    pub fn run(packets: Vec<Vec<u8>>) -> Monitor {
        let monitor = Rc::new(RefCell::new(Monitor::default()));
        let mut pool = LocalPool::new();
        for packet in packets {
            pool.spawner()
                .spawn_local(receive(Rc::clone(&monitor), packet))
                .expect("a LocalPool that is alive accepts tasks");
        }
        pool.run();
        *monitor.borrow()
    }
}

/// The branded version, corrected: `Rc<GhostCell<'id, Monitor>>`, opened with
/// `rw(cx)`.
///
/// The story's bug does not compile here: a handler that keeps the tally open
/// while it polls the alert needs `cx` twice, mutably (E0499; the soundness
/// case `monitor_branded_tally_across_alert`). The handler below closes the
/// tally before it polls the alert, which is what the compiler asks for.
pub mod branded {
    use super::{Monitor, SendAlert};
    use crate::async_cells::branded::{BrandedFuture, CellExt, Executor, from_std, poll_fn};
    use crate::ghost::{GhostCell, GhostToken};
    use std::pin::Pin;
    use std::rc::Rc;
    use std::task::Poll;

    /// Handles one packet: counts it, and for a bad one counts an error and
    /// then sends an alert, with the tally closed while the alert is pending.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::branded::Executor;
    /// use companion::async_cells::story::monitor::{Monitor, branded::receive};
    /// use companion::ghost::{GhostCell, GhostToken};
    /// use std::rc::Rc;
    ///
    /// GhostToken::new(|token| {
    ///     let monitor = Rc::new(GhostCell::new(Monitor::default()));
    ///     let mut executor = Executor::new(token);
    ///     executor.block_on(receive(monitor.clone(), vec![]));
    ///     assert_eq!(*monitor.borrow(executor.owner()), Monitor { packets: 1, errors: 1 });
    /// });
    /// ```
    pub fn receive<'id>(
        monitor: Rc<GhostCell<'id, Monitor>>,
        packet: Vec<u8>,
    ) -> impl BrandedFuture<'id, Output = ()> {
        let mut alert = None;
        poll_fn(move |cx| {
            if alert.is_none() {
                let tally = monitor.rw(cx);
                tally.packets += 1;
                if !packet.is_empty() {
                    return Poll::Ready(());
                }
                tally.errors += 1;
                // The last use of `tally`: the borrow of `cx` ends here.
                alert = Some(from_std(SendAlert::new()));
            }
            let alert = alert.as_mut().expect("set above, kept until the alert is sent");
            Pin::new(alert).poll(cx)
        })
    }

    /// Spawns one [`receive`] task per packet on a branded [`Executor`] and
    /// runs them all; returns the tallies. Never panics.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::story::monitor::{Monitor, branded};
    ///
    /// let tally = branded::run(vec![vec![], vec![1], vec![]]);
    /// assert_eq!(tally, Monitor { packets: 3, errors: 2 });
    /// ```
    pub fn run(packets: Vec<Vec<u8>>) -> Monitor {
        GhostToken::new(|token| {
            let monitor = Rc::new(GhostCell::new(Monitor::default()));
            let mut executor = Executor::new(token);
            for packet in packets {
                executor.spawn(receive(Rc::clone(&monitor), packet));
            }
            executor.run();
            *monitor.borrow(executor.owner())
        })
    }
}

/// The std-future version, corrected: `Rc<TLCell<AsyncMarker, Monitor>>`,
/// opened inside [`with_owner`](crate::async_cells::lent::with_owner) under
/// a [`Lend`](crate::async_cells::lent::Lend).
///
/// The story's bug does not compile here either: the accessor's closure is
/// synchronous, so an `.await` inside it is E0728
/// (`monitor_lent_await_inside_accessor`), and its result cannot borrow the
/// owner, so the tally cannot be carried out to the `.await`
/// (`monitor_lent_tally_escapes_accessor`).
pub mod lent {
    use super::{Monitor, SendAlert};
    use crate::async_cells::lent::{AsyncMarker, LentOwner, with_owner};
    use futures::executor::LocalPool;
    use futures::task::LocalSpawnExt;
    use qcell::TLCell;
    use std::rc::Rc;

    /// The monitor as the lent design shares it.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::lent::{AsyncMarker, LentOwner};
    /// use companion::async_cells::story::monitor::{Monitor, lent::SharedMonitor};
    /// use qcell::TLCell;
    /// use std::rc::Rc;
    ///
    /// let owner = LentOwner::<AsyncMarker>::new();
    /// let monitor: SharedMonitor = Rc::new(TLCell::new(Monitor::default()));
    /// assert_eq!(owner.with(|o| monitor.ro(o).packets), 0);
    /// ```
    pub type SharedMonitor = Rc<TLCell<AsyncMarker, Monitor>>;

    /// Handles one packet: counts it in one accessor call, then, for a bad
    /// packet, sends the alert with no borrow alive.
    ///
    /// # Panics
    ///
    /// When not polled inside a `Lend` of the thread's `AsyncMarker` owner.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::lent::{AsyncMarker, LentOwner};
    /// use companion::async_cells::story::monitor::{Monitor, lent::receive};
    /// use qcell::TLCell;
    /// use std::rc::Rc;
    ///
    /// let owner = LentOwner::<AsyncMarker>::new();
    /// let monitor = Rc::new(TLCell::new(Monitor::default()));
    /// futures::executor::block_on(owner.lend(receive(monitor.clone(), vec![])));
    /// assert_eq!(owner.with(|o| *monitor.ro(o)), Monitor { packets: 1, errors: 1 });
    /// ```
    pub async fn receive(monitor: SharedMonitor, packet: Vec<u8>) {
        let bad = with_owner(|owner| {
            let tally = monitor.rw(owner);
            tally.packets += 1;
            if packet.is_empty() {
                tally.errors += 1;
            }
            packet.is_empty()
        })
        .await;
        if bad {
            SendAlert::new().await;
        }
    }

    /// Spawns one lent [`receive`] task per packet on a `futures` `LocalPool`
    /// and runs them all; returns the tallies, whatever the order of the
    /// packets.
    ///
    /// # Panics
    ///
    /// If this thread's `AsyncMarker` owner exists already (qcell allows one
    /// per thread).
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::story::monitor::{Monitor, lent};
    ///
    /// let tally = lent::run_on_local_pool(vec![vec![], vec![1], vec![]]);
    /// assert_eq!(tally, Monitor { packets: 3, errors: 2 });
    /// ```
    pub fn run_on_local_pool(packets: Vec<Vec<u8>>) -> Monitor {
        let owner = LentOwner::<AsyncMarker>::new();
        let monitor = Rc::new(TLCell::new(Monitor::default()));
        let mut pool = LocalPool::new();
        for packet in packets {
            pool.spawner()
                .spawn_local(owner.lend(receive(Rc::clone(&monitor), packet)))
                .expect("a LocalPool that is alive accepts tasks");
        }
        pool.run();
        owner.with(|owner| *monitor.ro(owner))
    }

    /// The same on tokio: a `LocalSet` on a current-thread runtime, one
    /// `spawn_local` task per packet.
    ///
    /// # Panics
    ///
    /// As [`run_on_local_pool`]; also if called from inside a tokio runtime.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::story::monitor::{Monitor, lent};
    ///
    /// let tally = lent::run_on_local_set(vec![vec![], vec![1]]);
    /// assert_eq!(tally, Monitor { packets: 2, errors: 1 });
    /// ```
    pub fn run_on_local_set(packets: Vec<Vec<u8>>) -> Monitor {
        let owner = LentOwner::<AsyncMarker>::new();
        let monitor = Rc::new(TLCell::new(Monitor::default()));
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a current-thread runtime needs no resources that can fail");
        let tasks = tokio::task::LocalSet::new();
        for packet in packets {
            tasks.spawn_local(owner.lend(receive(Rc::clone(&monitor), packet)));
        }
        runtime.block_on(tasks);
        owner.with(|owner| *monitor.ro(owner))
    }
}
