//! Run-time behaviour of the actor runtime, one chapter per concept, and
//! that every value with `Drop` is dropped exactly once. The helpers here
//! are shared by all chapters.

mod children;
mod lifecycle;
#[cfg(feature = "log")]
mod logging;
mod order;
mod panics;
mod replies;
mod shares;
mod shutdown;
mod shutdown_request;
mod tasks;
mod threads;
mod timers;
mod timers_max_min;

use super::*;
use crate::async_cells::branded::{BrandedFuture, poll_fn};
use crate::testing::DropCounter;
use core::pin::Pin;
use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::Rc;
use std::sync::OnceLock;
use std::task::Poll;
use std::time::{Duration, Instant};

type Log = Rc<RefCell<Vec<String>>>;

/// An actor that records every call in a log, holds a drop counter, and can
/// be told to panic, stop, fail or drop things.
struct Probe<'id> {
    name: &'static str,
    log: Log,
    _drops: DropCounter,
    peer: Option<Actor<'id, Probe<'id>>>,
    keep: Option<ActorOwn<'id, Probe<'id>>>,
}

impl<'id> Probe<'id> {
    fn init(_: &mut Cx<'id, '_, Self>, name: &'static str, log: Log, drops: Rc<Cell<usize>>) -> Option<Self> {
        log.borrow_mut().push(format!("{name}: init"));
        Some(Probe { name, log, _drops: DropCounter(drops), peer: None, keep: None })
    }

    fn note(&mut self, _: &mut Cx<'id, '_, Self>, what: impl std::fmt::Display) {
        self.log.borrow_mut().push(format!("{}: {what}", self.name));
    }

    fn boom(&mut self, _: &mut Cx<'id, '_, Self>) {
        self.log.borrow_mut().push(format!("{}: boom", self.name));
        panic!("boom in {}", self.name);
    }

    fn finish(&mut self, cx: &mut Cx<'id, '_, Self>) {
        cx.stop();
        self.log.borrow_mut().push(format!("{}: stopping", self.name));
    }

    fn set_peer(&mut self, _: &mut Cx<'id, '_, Self>, peer: Actor<'id, Probe<'id>>) {
        self.peer = Some(peer);
    }

    fn keep(&mut self, _: &mut Cx<'id, '_, Self>, own: ActorOwn<'id, Probe<'id>>) {
        self.keep = Some(own);
    }

    fn drop_kept(&mut self, _: &mut Cx<'id, '_, Self>) {
        self.log.borrow_mut().push(format!("{}: dropping kept", self.name));
        self.keep = None;
    }

    /// Calls the peer, which calls back: deferred, so never nested.
    fn bounce(&mut self, cx: &mut Cx<'id, '_, Self>, left: u32) {
        self.log.borrow_mut().push(format!("{}: bounce {left} start", self.name));
        if left > 0
            && let Some(peer) = &self.peer
        {
            let me = cx.this().clone();
            peer.defer_call(move |p, cx| {
                p.set_peer(cx, me);
                p.bounce(cx, left - 1)
            });
        }
        self.log.borrow_mut().push(format!("{}: bounce {left} end", self.name));
    }

    fn answer(&mut self, _: &mut Cx<'id, '_, Self>, ret: Ret<'id, u32>, give: bool) {
        if give {
            ret.ret(7);
        }
    }
}

fn log() -> Log {
    Rc::new(RefCell::new(Vec::new()))
}

fn notify_into<'id>(log: &Log, name: &'static str) -> Ret<'id, StopCause> {
    let log = log.clone();
    Ret::new(move |cause: Option<StopCause>| {
        log.borrow_mut().push(format!("{name} stopped: {}", cause.map_or("no cause".into(), |c| c.to_string())))
    })
}

/// The origin of every test's virtual clock: one instant, fixed by the
/// first call, so every call of a test gets the same one.
fn start() -> Instant {
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    *ORIGIN.get_or_init(Instant::now)
}

/// A state whose `Drop` panics.
struct Grenade {
    _drops: DropCounter,
}

impl Drop for Grenade {
    fn drop(&mut self) {
        panic!("a state that panics when dropped");
    }
}

impl Grenade {
    fn init<'id>(_: &mut Cx<'id, '_, Self>, drops: Rc<Cell<usize>>) -> Option<Self> {
        Some(Grenade { _drops: DropCounter(drops) })
    }
}
