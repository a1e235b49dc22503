//! Actors: handles, lifecycle, and the context of an actor call.

use core::cell::Cell;
use core::fmt;
use core::mem::MaybeUninit;
use core::ops::{Deref, DerefMut};
use std::error::Error;
use std::rc::Rc;

use super::cell::{ActorCell, ActorOwner};
use super::ret::Ret;
use super::runtime::{Core, Runtime, Shared};

/// Where an actor is in its life.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum State {
    /// Created, its state not made yet: calls wait.
    Prep,
    /// Its state exists: calls are delivered.
    Ready,
    /// Its prep function panicked: no more calls; a stop is queued.
    PrepPanicked,
    /// One of its methods panicked: the state exists but receives no more
    /// calls; a stop is queued that will drop it.
    ReadyPanicked,
    /// Its state has been dropped: calls are dropped.
    Stopped,
}

impl State {
    /// Whether the cell's `MaybeUninit` holds the state.
    fn has_value(self) -> bool {
        matches!(self, State::Ready | State::ReadyPanicked)
    }
}

type Notify<'id> = Box<dyn FnOnce(Option<StopCause>) + 'id>;

/// The allocation behind every handle of one actor.
///
/// Sixteen bytes of `Rc` counts, then 32 bytes here, then the state: 48
/// bytes besides the state on 64-bit targets (`tests::actor_overhead`).
struct ActorBox<'id, A: 'id> {
    /// The runtime's queue: `Drop` of a handle defers through it.
    shared: Rc<Shared<'id>>,
    /// Told why the actor stopped; taken once.
    notify: Cell<Option<Notify<'id>>>,
    /// Owning handles alive; the last one to go stops the actor.
    owners: Cell<u32>,
    state: Cell<State>,
    /// Valid exactly when `state.has_value()`. Opened only with the
    /// runtime's actor owner.
    value: ActorCell<'id, MaybeUninit<A>>,
}

impl<'id, A: 'id> Drop for ActorBox<'id, A> {
    /// The last handle is gone without the actor having been stopped (its
    /// stop was queued in a runtime that is gone, or it never had an
    /// owner): the state is dropped here, and the notify, like any `Ret`
    /// dropped unused, hears `None`.
    fn drop(&mut self) {
        // Taken first: dropped (so told `None`) also if the state's `Drop` panics.
        let notify = self.notify.take().map(Ret::from_inner);
        if self.state.replace(State::Stopped).has_value() {
            // SAFETY: `has_value` means the value was written and not read out;
            // `&mut self` is the only reference left, and the state is
            // `Stopped` from here on, also if the value's `Drop` panics.
            unsafe { self.value.get_mut().assume_init_drop() }
        }
        drop(notify);
    }
}

/// The size of what a handle points at, besides the `Rc` counts.
#[cfg(test)]
pub(super) fn box_size<A: 'static>() -> usize {
    size_of::<ActorBox<'static, A>>()
}

/// A handle to an actor of type `A`, in the runtime of brand `'id`.
///
/// Cheap to clone (one reference count). It gives no access to the actor's
/// state: only calls, which the runtime delivers later, one at a time, with
/// the state borrowed from an owner that actor code never sees. A handle
/// does not keep the actor alive; an [`ActorOwn`] does.
///
/// # Example
///
/// ```
/// use companion::actors::{Actor, Cx, Ret, Runtime, actor, call};
/// use std::time::Instant;
///
/// struct Echo;
/// impl Echo {
///     fn init<'id>(_: &mut Cx<'_, 'id, Self>) -> Option<Self> {
///         Some(Echo)
///     }
///     fn say<'id>(&mut self, _: &mut Cx<'_, 'id, Self>, reply: Ret<'id, String>, text: String) {
///         reply.ret(text);
///     }
/// }
///
/// let now = Instant::now();
/// Runtime::scope(now, |mut rt| {
///     let own = actor!(rt, Echo::init(), Ret::nop());
///     let echo: Actor<'_, Echo> = own.clone(); // a plain handle
///     let got = std::rc::Rc::new(std::cell::RefCell::new(None));
///     let g = got.clone();
///     call!([echo], say(Ret::new(move |reply| *g.borrow_mut() = reply), "hi".to_string()));
///     rt.run(now, false);
///     assert_eq!(got.take(), Some("hi".to_string()));
/// });
/// ```
pub struct Actor<'id, A: 'id> {
    rc: Rc<ActorBox<'id, A>>,
}

impl<A> Clone for Actor<'_, A> {
    fn clone(&self) -> Self {
        Actor { rc: self.rc.clone() }
    }
}

impl<'id, A> Actor<'id, A> {
    /// A new actor in the prep state, with one owner.
    fn new(core: &Core<'id>, notify: Ret<'id, StopCause>) -> Self {
        Actor {
            rc: Rc::new(ActorBox {
                shared: core.shared.clone(),
                notify: Cell::new(notify.into_inner()),
                owners: Cell::new(0),
                state: Cell::new(State::Prep),
                value: ActorCell::new(MaybeUninit::uninit()),
            }),
        }
    }

    /// Queues a call of `f` with the actor's state and a [`Cx`]: what
    /// [`call!`](crate::actors::call) expands to. While the actor is being
    /// prepared the call waits; once it has stopped, the call is dropped.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{Cx, Ret, Runtime, actor};
    /// use std::time::Instant;
    ///
    /// struct Total(u64);
    /// impl Total {
    ///     fn init<'id>(_: &mut Cx<'_, 'id, Self>) -> Option<Self> {
    ///         Some(Total(0))
    ///     }
    /// }
    ///
    /// let now = Instant::now();
    /// Runtime::scope(now, |mut rt| {
    ///     let total = actor!(rt, Total::init(), Ret::nop());
    ///     total.defer_call(|t, _cx| t.0 += 7);
    ///     rt.run(now, false);
    ///     assert_eq!(total.query(&mut rt, |t, _| t.0), Some(7));
    /// });
    /// ```
    #[inline]
    pub fn defer_call(&self, f: impl FnOnce(&mut A, &mut Cx<'_, 'id, A>) + 'id)
    where
        A: 'id,
    {
        let actor = self.clone();
        self.rc.shared.defer(move |rt| rt_deliver(rt, actor, f));
    }

    /// [`defer_call`](Self::defer_call), moving this handle into the call.
    #[inline]
    pub(super) fn defer_call_owned(self, f: impl FnOnce(&mut A, &mut Cx<'_, 'id, A>) + 'id)
    where
        A: 'id,
    {
        let shared = self.rc.shared.clone();
        shared.defer(move |rt| rt_deliver(rt, self, f));
    }

    /// Queues a prep function: one that makes the actor's state, or returns
    /// `None` to stay in prep (waiting for an event that will queue another
    /// prep function). What [`actor!`](crate::actors::actor) queues first.
    /// Ignored once the actor is ready or stopped.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{ActorOwn, Cx, Ret, Runtime};
    /// use std::time::Instant;
    ///
    /// struct Slow(u8);
    ///
    /// let now = Instant::now();
    /// Runtime::scope(now, |mut rt| {
    ///     let slow = ActorOwn::<Slow>::new(&rt, Ret::nop());
    ///     slow.defer_prep(|_cx| None); // not yet
    ///     rt.run(now, false);
    ///     assert!(slow.is_preparing());
    ///     slow.defer_prep(|_cx| Some(Slow(1)));
    ///     rt.run(now, false);
    ///     assert!(slow.is_ready());
    /// });
    /// ```
    pub fn defer_prep(&self, f: impl FnOnce(&mut Cx<'_, 'id, A>) -> Option<A> + 'id)
    where
        A: 'id,
    {
        let actor = self.clone();
        self.rc.shared.defer(move |rt| rt.prepare(&actor, f));
    }

    /// Queues a closure that runs with the runtime, like
    /// [`Core::defer`], from code that has only this handle (a `Drop`).
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{ActorOwn, Ret, Runtime};
    /// use std::cell::Cell;
    /// use std::rc::Rc;
    /// use std::time::Instant;
    ///
    /// let now = Instant::now();
    /// Runtime::scope(now, |mut rt| {
    ///     let a = ActorOwn::<()>::new(&rt, Ret::nop());
    ///     let ran = Rc::new(Cell::new(false));
    ///     let r = ran.clone();
    ///     a.defer(move |_rt| r.set(true));
    ///     rt.run(now, false);
    ///     assert!(ran.get());
    /// });
    /// ```
    pub fn defer(&self, f: impl FnOnce(&mut Runtime<'id>) + 'id) {
        self.rc.shared.defer_user(f);
    }

    /// Runs `f` on the actor's state now, from code that holds the runtime
    /// (the main loop, a deferred closure, a timer): `None` if the actor is
    /// not ready. Inside `f` the context is the actor's, as in a method.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{Cx, Ret, Runtime, actor};
    /// use std::time::Instant;
    ///
    /// struct Named(&'static str);
    /// impl Named {
    ///     fn init<'id>(_: &mut Cx<'_, 'id, Self>, name: &'static str) -> Option<Self> {
    ///         Some(Named(name))
    ///     }
    /// }
    ///
    /// let now = Instant::now();
    /// Runtime::scope(now, |mut rt| {
    ///     let n = actor!(rt, Named::init("ada"), Ret::nop());
    ///     assert_eq!(n.query(&mut rt, |n, _| n.0), None, "not ready before the first run");
    ///     rt.run(now, false);
    ///     assert_eq!(n.query(&mut rt, |n, _| n.0), Some("ada"));
    /// });
    /// ```
    pub fn query<R>(&self, rt: &mut Runtime<'id>, f: impl FnOnce(&mut A, &mut Cx<'_, 'id, A>) -> R) -> Option<R> {
        rt.deliver(self, f)
    }

    /// Delivers a call now, from code that holds the runtime, with the
    /// rules of a queued call: it waits if the actor is being prepared, and
    /// is dropped if the actor has stopped. What a timer set with
    /// [`after!`](crate::actors::after) does when it fires.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{ActorOwn, Ret, Runtime};
    /// use std::time::Instant;
    ///
    /// let now = Instant::now();
    /// Runtime::scope(now, |mut rt| {
    ///     let a = ActorOwn::<Vec<u8>>::new(&rt, Ret::nop());
    ///     a.apply(&mut rt, |v, _| v.push(1)); // waits: still in prep
    ///     a.defer_prep(|_| Some(Vec::new()));
    ///     rt.run(now, false);
    ///     assert_eq!(a.query(&mut rt, |v, _| v.clone()), Some(vec![1]));
    /// });
    /// ```
    pub fn apply(&self, rt: &mut Runtime<'id>, f: impl FnOnce(&mut A, &mut Cx<'_, 'id, A>) + 'id)
    where
        A: 'id,
    {
        rt_deliver(rt, self.clone(), f);
    }

    /// Stops the actor with [`StopCause::Killed`], from outside it. Takes
    /// effect when the runtime gets to it, after the calls queued before.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{ActorOwn, Ret, Runtime};
    /// use std::time::Instant;
    ///
    /// let now = Instant::now();
    /// Runtime::scope(now, |mut rt| {
    ///     let a = ActorOwn::<u8>::new(&rt, Ret::nop());
    ///     a.defer_prep(|_| Some(1));
    ///     a.kill("no longer needed");
    ///     rt.run(now, false);
    ///     assert!(a.is_stopped());
    /// });
    /// ```
    pub fn kill(&self, why: impl Into<Box<dyn Error>>)
    where
        A: 'id,
    {
        let actor = self.clone();
        let why = why.into();
        self.rc.shared.defer(move |rt| rt.terminate(&actor, StopCause::Killed(why)));
    }

    /// Whether the actor is being prepared (its state not made yet).
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{ActorOwn, Ret, Runtime};
    /// use std::time::Instant;
    ///
    /// Runtime::scope(Instant::now(), |rt| {
    ///     assert!(ActorOwn::<()>::new(&rt, Ret::nop()).is_preparing());
    /// });
    /// ```
    pub fn is_preparing(&self) -> bool {
        self.rc.state.get() == State::Prep
    }

    /// Whether the actor is ready: calls are delivered to it.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{ActorOwn, Ret, Runtime};
    /// use std::time::Instant;
    ///
    /// let now = Instant::now();
    /// Runtime::scope(now, |mut rt| {
    ///     let a = ActorOwn::<()>::new(&rt, Ret::nop());
    ///     a.defer_prep(|_| Some(()));
    ///     rt.run(now, false);
    ///     assert!(a.is_ready());
    /// });
    /// ```
    pub fn is_ready(&self) -> bool {
        self.rc.state.get() == State::Ready
    }

    /// Whether the actor has stopped, or will stop without running another
    /// call (a method of it panicked).
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{ActorOwn, Ret, Runtime};
    /// use std::time::Instant;
    ///
    /// let now = Instant::now();
    /// Runtime::scope(now, |mut rt| {
    ///     let a = ActorOwn::<()>::new(&rt, Ret::nop());
    ///     drop(a.clone()); // a plain handle: nothing happens
    ///     let handle = a.clone();
    ///     drop(a); // the owner: the actor stops
    ///     rt.run(now, false);
    ///     assert!(handle.is_stopped());
    /// });
    /// ```
    pub fn is_stopped(&self) -> bool {
        !matches!(self.rc.state.get(), State::Prep | State::Ready)
    }

    /// Whether two handles are of one actor.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{Actor, ActorOwn, Ret, Runtime};
    /// use std::time::Instant;
    ///
    /// Runtime::scope(Instant::now(), |rt| {
    ///     let a = ActorOwn::<()>::new(&rt, Ret::nop());
    ///     let b = ActorOwn::<()>::new(&rt, Ret::nop());
    ///     assert!(Actor::same(&a, &a.clone()));
    ///     assert!(!Actor::same(&a, &b));
    /// });
    /// ```
    pub fn same(a: &Self, b: &Self) -> bool {
        Rc::ptr_eq(&a.rc, &b.rc)
    }

    /// Whether a method of it panicked (so its stop is `Panicked`).
    pub(super) fn panicked(&self) -> bool {
        matches!(self.rc.state.get(), State::PrepPanicked | State::ReadyPanicked)
    }

    /// The key of the calls waiting for this actor: its allocation's
    /// address, stable while any handle lives.
    pub(super) fn addr(&self) -> usize {
        Rc::as_ptr(&self.rc) as *const () as usize
    }

    /// The state, if the actor is ready.
    #[inline]
    pub(super) fn ready_state<'a>(&'a self, owner: &'a mut ActorOwner<'id>) -> Option<&'a mut A> {
        if self.rc.state.get() != State::Ready {
            return None;
        }
        // SAFETY: `Ready` means the value was written and not read out.
        Some(unsafe { self.rc.value.rw(owner).assume_init_mut() })
    }

    /// Prep to ready, storing the state.
    pub(super) fn make_ready(&self, owner: &mut ActorOwner<'id>, value: A) {
        debug_assert_eq!(self.rc.state.get(), State::Prep);
        self.rc.value.rw(owner).write(value);
        self.rc.state.set(State::Ready);
    }

    /// To stopped: the state moved out (if there was one) and the notify
    /// taken, for the caller to drop and call; `None` if already stopped.
    #[allow(clippy::type_complexity)]
    pub(super) fn make_stopped(&self, owner: &mut ActorOwner<'id>) -> Option<(Option<A>, Option<Ret<'id, StopCause>>)> {
        let was = self.rc.state.replace(State::Stopped);
        let value = match was {
            State::Stopped => return None,
            // SAFETY: `has_value` means the value was written and not read
            // out; the state is `Stopped` from here on, so it is not read again.
            _ if was.has_value() => Some(unsafe { self.rc.value.rw(owner).assume_init_read() }),
            _ => None,
        };
        Some((value, self.rc.notify.take().map(Ret::from_inner)))
    }

    /// Handles that own the actor, and the actor's allocation, for
    /// [`ActorOwn`].
    fn owners(&self) -> &Cell<u32> {
        &self.rc.owners
    }
}

/// Delivers a queued call: the body of every deferred call, out of line so
/// that each call site's closure stays small.
#[inline]
fn rt_deliver<'id, A: 'id>(rt: &mut Runtime<'id>, actor: Actor<'id, A>, f: impl FnOnce(&mut A, &mut Cx<'_, 'id, A>) + 'id) {
    if actor.is_preparing() && !rt.stopping {
        wait_for_prep(rt, actor, f);
    } else {
        rt.deliver(&actor, f);
    }
}

/// Keeps a call for an actor that is being prepared, to run once it is ready.
#[cold]
#[inline(never)]
fn wait_for_prep<'id, A: 'id>(rt: &mut Runtime<'id>, actor: Actor<'id, A>, f: impl FnOnce(&mut A, &mut Cx<'_, 'id, A>) + 'id) {
    let key = actor.addr();
    rt.waiting.entry(key).or_default().push(Box::new(move |rt| rt_deliver(rt, actor, f)));
}

/// Marks an actor whose method is unwinding: no more calls reach it, and a
/// deferred termination drops its state with [`StopCause::Panicked`].
/// Forgotten when the method returns.
pub(super) struct Unwinding<'a, 'id, A: 'id>(pub(super) &'a Actor<'id, A>);

impl<'id, A: 'id> Drop for Unwinding<'_, 'id, A> {
    fn drop(&mut self) {
        let actor = self.0.clone();
        let state = &actor.rc.state;
        state.set(match state.get() {
            State::Ready => State::ReadyPanicked,
            State::Prep => State::PrepPanicked,
            other => other,
        });
        let shared = actor.rc.shared.clone();
        shared.defer(move |rt| rt.terminate(&actor, StopCause::Panicked));
    }
}

/// An owning handle: dereferences to an [`Actor`], and when the last owning
/// handle of an actor is dropped, the actor stops with
/// [`StopCause::Dropped`]. Clone it with [`owned`](Self::owned) for another
/// owner, or with `clone()` (through `Deref`) for a plain handle.
///
/// # Example
///
/// ```
/// use companion::actors::{ActorOwn, Ret, Runtime, StopCause};
/// use std::cell::RefCell;
/// use std::rc::Rc;
/// use std::time::Instant;
///
/// let now = Instant::now();
/// Runtime::scope(now, |mut rt| {
///     let why = Rc::new(RefCell::new(None));
///     let w = why.clone();
///     let a = ActorOwn::<()>::new(&rt, Ret::new(move |cause| *w.borrow_mut() = cause));
///     a.defer_prep(|_| Some(()));
///     let second = a.owned();
///     drop(a);
///     rt.run(now, false);
///     assert!(second.is_ready(), "one owner is left");
///     drop(second);
///     rt.run(now, false);
///     assert!(matches!(*why.borrow(), Some(StopCause::Dropped)));
/// });
/// ```
pub struct ActorOwn<'id, A: 'id> {
    actor: Actor<'id, A>,
}

impl<'id, A: 'id> ActorOwn<'id, A> {
    /// A new actor, being prepared, owned by the returned handle. `notify`
    /// is told why it stopped, once. Queue its prep function with
    /// [`Actor::defer_prep`], or use [`actor!`](crate::actors::actor),
    /// which does both.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{ActorOwn, Ret, Runtime};
    /// use std::time::Instant;
    ///
    /// Runtime::scope(Instant::now(), |rt| {
    ///     let a = ActorOwn::<String>::new(&rt, Ret::nop());
    ///     assert!(a.is_preparing());
    /// });
    /// ```
    pub fn new(core: &Core<'id>, notify: Ret<'id, StopCause>) -> Self {
        let actor = Actor::new(core, notify);
        actor.owners().set(1);
        ActorOwn { actor }
    }

    /// Another owning handle of the same actor.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{ActorOwn, Ret, Runtime};
    /// use std::time::Instant;
    ///
    /// Runtime::scope(Instant::now(), |rt| {
    ///     let a = ActorOwn::<()>::new(&rt, Ret::nop());
    ///     let b = a.owned();
    ///     assert!(companion::actors::Actor::same(&a, &b));
    /// });
    /// ```
    pub fn owned(&self) -> Self {
        let owners = self.actor.owners();
        owners.set(owners.get().checked_add(1).expect("more than u32::MAX owners of one actor"));
        ActorOwn { actor: self.actor.clone() }
    }
}

impl<'id, A> Deref for ActorOwn<'id, A> {
    type Target = Actor<'id, A>;
    fn deref(&self) -> &Actor<'id, A> {
        &self.actor
    }
}

impl<'id, A: 'id> Drop for ActorOwn<'id, A> {
    fn drop(&mut self) {
        let owners = self.actor.owners();
        owners.set(owners.get() - 1);
        if owners.get() == 0 {
            let actor = self.actor.clone();
            self.actor.rc.shared.defer(move |rt| rt.terminate(&actor, StopCause::Dropped));
        }
    }
}

/// Why an actor stopped: what its `notify` receives.
///
/// # Example
///
/// ```
/// use companion::actors::StopCause;
///
/// assert!(!StopCause::Stopped.has_error());
/// assert!(StopCause::Failed("disk full".into()).has_error());
/// assert_eq!(StopCause::Killed("by the parent".into()).to_string(), "killed: by the parent");
/// ```
pub enum StopCause {
    /// It called [`Cx::stop`].
    Stopped,
    /// It called [`Cx::fail`].
    Failed(Box<dyn Error>),
    /// Someone called [`Actor::kill`].
    Killed(Box<dyn Error>),
    /// Its last [`ActorOwn`] was dropped.
    Dropped,
    /// One of its methods (or its prep function) panicked.
    Panicked,
}

impl StopCause {
    /// Whether the cause is a failure, a kill or a panic.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::StopCause;
    /// assert!(StopCause::Panicked.has_error());
    /// assert!(!StopCause::Dropped.has_error());
    /// ```
    pub fn has_error(&self) -> bool {
        matches!(self, StopCause::Failed(_) | StopCause::Killed(_) | StopCause::Panicked)
    }
}

impl fmt::Display for StopCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StopCause::Stopped => f.write_str("stopped"),
            StopCause::Failed(e) => write!(f, "failed: {e}"),
            StopCause::Killed(e) => write!(f, "killed: {e}"),
            StopCause::Dropped => f.write_str("dropped"),
            StopCause::Panicked => f.write_str("panicked"),
        }
    }
}

impl fmt::Debug for StopCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// The context of one actor call: what the method sees besides its own
/// state. It dereferences to the runtime's [`Core`] (clock, queues, timers,
/// tasks, shares) and knows which actor is being called.
///
/// `'c` is the one call: a `Cx` cannot be kept after the method returns.
/// `'id` is the runtime's brand.
///
/// # Example
///
/// ```
/// use companion::actors::{Cx, Ret, Runtime, StopCause, actor, call};
/// use std::cell::RefCell;
/// use std::rc::Rc;
/// use std::time::Instant;
///
/// struct Once;
/// impl Once {
///     fn init<'id>(_: &mut Cx<'_, 'id, Self>) -> Option<Self> {
///         Some(Once)
///     }
///     fn work<'id>(&mut self, cx: &mut Cx<'_, 'id, Self>) {
///         cx.stop(); // takes effect when this method returns
///     }
/// }
///
/// let now = Instant::now();
/// Runtime::scope(now, |mut rt| {
///     let why = Rc::new(RefCell::new(String::new()));
///     let w = why.clone();
///     let once = actor!(rt, Once::init(), Ret::new(move |c: Option<StopCause>| *w.borrow_mut() = c.unwrap().to_string()));
///     call!([once], work());
///     call!([once], work()); // dropped: the actor has stopped
///     rt.run(now, false);
///     assert_eq!(*why.borrow(), "stopped");
/// });
/// ```
pub struct Cx<'c, 'id, A> {
    core: &'c mut Core<'id>,
    this: &'c Actor<'id, A>,
    stop: Option<StopCause>,
}

impl<'c, 'id, A> Cx<'c, 'id, A> {
    pub(super) fn new(core: &'c mut Core<'id>, this: &'c Actor<'id, A>) -> Self {
        Cx { core, this, stop: None }
    }

    pub(super) fn into_stop(self) -> Option<StopCause> {
        self.stop
    }

    /// A handle to the actor being called: to queue calls to itself, or to
    /// give others a way back.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{Actor, Cx, Ret, Runtime, actor};
    /// use std::time::Instant;
    ///
    /// struct Me;
    /// impl Me {
    ///     fn init<'id>(cx: &mut Cx<'_, 'id, Self>) -> Option<Self> {
    ///         let _me: Actor<'id, Me> = cx.this().clone();
    ///         Some(Me)
    ///     }
    /// }
    ///
    /// let now = Instant::now();
    /// Runtime::scope(now, |mut rt| {
    ///     let me = actor!(rt, Me::init(), Ret::nop());
    ///     rt.run(now, false);
    ///     assert!(me.is_ready());
    /// });
    /// ```
    pub fn this(&self) -> &Actor<'id, A> {
        self.this
    }

    /// Stops the actor, with [`StopCause::Stopped`], when this call
    /// returns. Calls still queued for it are dropped.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{Cx, Ret, Runtime, actor};
    /// use std::time::Instant;
    ///
    /// struct Brief;
    /// impl Brief {
    ///     fn init<'id>(cx: &mut Cx<'_, 'id, Self>) -> Option<Self> {
    ///         cx.stop();
    ///         Some(Brief)
    ///     }
    /// }
    ///
    /// let now = Instant::now();
    /// Runtime::scope(now, |mut rt| {
    ///     let b = actor!(rt, Brief::init(), Ret::nop());
    ///     rt.run(now, false);
    ///     assert!(b.is_stopped());
    /// });
    /// ```
    pub fn stop(&mut self) {
        self.stop.get_or_insert(StopCause::Stopped);
    }

    /// Stops the actor with [`StopCause::Failed`] when this call returns.
    /// From a prep function, this is how initialisation fails.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{Cx, Ret, Runtime, StopCause, actor};
    /// use std::cell::RefCell;
    /// use std::rc::Rc;
    /// use std::time::Instant;
    ///
    /// struct Config(u16);
    /// impl Config {
    ///     fn init<'id>(cx: &mut Cx<'_, 'id, Self>, port: &str) -> Option<Self> {
    ///         match port.parse() {
    ///             Ok(port) => Some(Config(port)),
    ///             Err(e) => {
    ///                 cx.fail(e);
    ///                 None
    ///             }
    ///         }
    ///     }
    /// }
    ///
    /// let now = Instant::now();
    /// Runtime::scope(now, |mut rt| {
    ///     let seen = Rc::new(RefCell::new(String::new()));
    ///     let s = seen.clone();
    ///     let c = actor!(rt, Config::init("eighty"), Ret::new(move |c: Option<StopCause>| *s.borrow_mut() = c.unwrap().to_string()));
    ///     rt.run(now, false);
    ///     assert!(c.is_stopped());
    ///     assert_eq!(*seen.borrow(), "failed: invalid digit found in string");
    /// });
    /// ```
    pub fn fail(&mut self, error: impl Error + 'static) {
        self.stop.get_or_insert(StopCause::Failed(Box::new(error)));
    }

    /// [`fail`](Self::fail) with a message.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{Cx, Ret, Runtime, actor};
    /// use std::time::Instant;
    ///
    /// struct Never;
    /// impl Never {
    ///     fn init<'id>(cx: &mut Cx<'_, 'id, Self>) -> Option<Self> {
    ///         cx.fail_str("no configuration");
    ///         None
    ///     }
    /// }
    ///
    /// let now = Instant::now();
    /// Runtime::scope(now, |mut rt| {
    ///     let n = actor!(rt, Never::init(), Ret::nop());
    ///     rt.run(now, false);
    ///     assert!(n.is_stopped());
    /// });
    /// ```
    pub fn fail_str(&mut self, message: &'static str) {
        self.stop.get_or_insert(StopCause::Failed(message.into()));
    }
}

impl<'id, A> Deref for Cx<'_, 'id, A> {
    type Target = Core<'id>;
    fn deref(&self) -> &Core<'id> {
        self.core
    }
}

impl<'id, A> DerefMut for Cx<'_, 'id, A> {
    fn deref_mut(&mut self) -> &mut Core<'id> {
        self.core
    }
}

/// What the call macros accept as a target: an [`Actor`], an [`ActorOwn`],
/// or a [`Cx`] (the actor being called), by value or behind references.
///
/// # Example
///
/// ```
/// use companion::actors::{AsActor, ActorOwn, Ret, Runtime};
/// use std::time::Instant;
///
/// Runtime::scope(Instant::now(), |rt| {
///     let own = ActorOwn::<()>::new(&rt, Ret::nop());
///     let by_ref = &&own;
///     assert!(companion::actors::Actor::same(own.as_actor(), by_ref.as_actor()));
/// });
/// ```
pub trait AsActor<'id, A> {
    /// The handle.
    fn as_actor(&self) -> &Actor<'id, A>;
}

impl<'id, A> AsActor<'id, A> for Actor<'id, A> {
    fn as_actor(&self) -> &Actor<'id, A> {
        self
    }
}

impl<'id, A> AsActor<'id, A> for ActorOwn<'id, A> {
    fn as_actor(&self) -> &Actor<'id, A> {
        self
    }
}

impl<'id, A> AsActor<'id, A> for Cx<'_, 'id, A> {
    fn as_actor(&self) -> &Actor<'id, A> {
        self.this
    }
}

impl<'id, A, T: AsActor<'id, A> + ?Sized> AsActor<'id, A> for &T {
    fn as_actor(&self) -> &Actor<'id, A> {
        (**self).as_actor()
    }
}

impl<'id, A, T: AsActor<'id, A> + ?Sized> AsActor<'id, A> for &mut T {
    fn as_actor(&self) -> &Actor<'id, A> {
        (**self).as_actor()
    }
}
