//! Actors: handles, and the actor's whole lifecycle (prep, ready, stopped),
//! built on the runtime's two owners, which [`Runtime::split`] lends out.

#![forbid(unsafe_code)]

use core::cell::Cell;
use core::fmt;
use core::ops::Deref;
use std::error::Error;
use std::rc::Rc;

use super::cell::{ActorCell, Phase};
use super::context::{Cx, StopCause};
#[cfg(feature = "log")]
use super::events;
use super::ret::{Ret, ReplyFn};
use super::runtime::{Core, Deferred, Runtime};

/// The allocation behind every handle of one actor.
///
/// Sixteen bytes of `Rc` counts, then 32 bytes here, then the state: 48
/// bytes besides the state on 64-bit targets (`actor_overhead_is_48_bytes_beside_the_state`).
struct ActorBox<'id, A: 'id> {
    /// The runtime's queue: `Drop` of a handle defers through it.
    deferred: Rc<Deferred<'id>>,
    /// Told why the actor stopped; taken once.
    notify: Cell<Option<ReplyFn<'id, StopCause>>>,
    /// The state and the phase, opened only with the runtime's actor owner,
    /// and the count of owning handles (the last one to go stops the actor).
    cell: ActorCell<'id, A>,
}

impl<'id, A: 'id> Drop for ActorBox<'id, A> {
    /// The last handle is gone without the actor having been stopped (its
    /// stop was queued in a runtime that is gone, or it never had an
    /// owner): the state is dropped here, and the notify, like any `Ret`
    /// dropped unused, hears `None`.
    fn drop(&mut self) {
        // Taken first: dropped (so told `None`) also if the state's `Drop` panics.
        let notify = self.notify.take().map(Ret::from_reply_fn);
        drop(self.cell.take_unique());
        drop(notify);
    }
}

/// The size of what a handle points at, besides the `Rc` counts.
#[cfg(test)]
pub(super) fn box_size<A: 'static>() -> usize {
    size_of::<ActorBox<'static, A>>()
}

/// A number that names one actor for its whole life, from
/// [`Actor::id`]: what the lifecycle events of the `log` feature print.
///
/// It is the address of the actor's allocation, which every handle shares
/// and which does not move while any handle lives, so it costs nothing to
/// keep or to read. Two actors alive at the same moment never have the same
/// id; once every handle of an actor is gone, a later actor may get its
/// number. It opens nothing, so it carries no brand.
///
/// # Example
///
/// ```
/// use companion::actors::{ActorOwn, Ret, Runtime};
/// use std::time::Instant;
///
/// Runtime::scope(Instant::now(), |rt| {
///     let a = ActorOwn::<()>::new(&rt, Ret::nop());
///     let b = ActorOwn::<()>::new(&rt, Ret::nop());
///     assert_eq!(a.id(), a.clone().id());
///     assert_ne!(a.id(), b.id());
///     assert!(a.id().to_string().starts_with('#'));
/// });
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct ActorId(usize);

impl fmt::Display for ActorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:x}", self.0)
    }
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
///     fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
///         Some(Echo)
///     }
///     fn say<'id>(&mut self, _: &mut Cx<'id, '_, Self>, reply: Ret<'id, String>, text: String) {
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
    /// A new actor in prep, with no owner yet.
    fn new(core: &Core<'id>, notify: Ret<'id, StopCause>) -> Self {
        Actor {
            rc: Rc::new(ActorBox {
                deferred: core.deferred().clone(),
                notify: Cell::new(notify.into_reply_fn()),
                cell: ActorCell::new(),
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
    ///     fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
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
    pub fn defer_call(&self, f: impl FnOnce(&mut A, &mut Cx<'id, '_, A>) + 'id)
    where
        A: 'id,
    {
        self.defer_call_on(&self.rc.deferred, f);
    }

    /// [`defer_call`](Self::defer_call) onto `deferred`, which is this
    /// actor's runtime's queue, reached by the caller some other way (a
    /// [`Cx`] holds it).
    #[inline]
    pub(super) fn defer_call_on(&self, deferred: &Deferred<'id>, f: impl FnOnce(&mut A, &mut Cx<'id, '_, A>) + 'id)
    where
        A: 'id,
    {
        let actor = self.clone();
        deferred.defer(move |rt| actor.deliver_when_ready(rt, f));
    }

    /// [`defer_call`](Self::defer_call), moving this handle into the call.
    #[inline]
    pub(super) fn defer_call_owned(self, f: impl FnOnce(&mut A, &mut Cx<'id, '_, A>) + 'id)
    where
        A: 'id,
    {
        let deferred = self.rc.deferred.clone();
        deferred.defer(move |rt| self.deliver_when_ready(rt, f));
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
    pub fn defer_prep(&self, f: impl FnOnce(&mut Cx<'id, '_, A>) -> Option<A> + 'id)
    where
        A: 'id,
    {
        let actor = self.clone();
        self.rc.deferred.defer(move |rt| actor.prepare(rt, f));
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
        self.rc.deferred.defer_user(f);
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
    ///     fn init<'id>(_: &mut Cx<'id, '_, Self>, name: &'static str) -> Option<Self> {
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
    pub fn query<R>(&self, rt: &mut Runtime<'id>, f: impl FnOnce(&mut A, &mut Cx<'id, '_, A>) -> R) -> Option<R> {
        self.deliver_now(rt, f)
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
    pub fn apply(&self, rt: &mut Runtime<'id>, f: impl FnOnce(&mut A, &mut Cx<'id, '_, A>) + 'id)
    where
        A: 'id,
    {
        self.clone().deliver_when_ready(rt, f);
    }

    /// Runs a prep function now, from code that holds the runtime, if the
    /// actor is being prepared, and does nothing otherwise: what a prep
    /// function queued with [`defer_prep`](Self::defer_prep) does when its
    /// turn comes. `Some` makes the actor ready, and the calls that waited
    /// for it run at once; `None` leaves it in prep.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{ActorOwn, Ret, Runtime};
    /// use std::time::Instant;
    ///
    /// let now = Instant::now();
    /// Runtime::scope(now, |mut rt| {
    ///     let a = ActorOwn::<Vec<&str>>::new(&rt, Ret::nop());
    ///     a.apply(&mut rt, |v, _| v.push("waited"));
    ///     a.apply_prep(&mut rt, |_cx| Some(vec!["made"]));
    ///     assert_eq!(a.query(&mut rt, |v, _| v.clone()), Some(vec!["made", "waited"]));
    ///     a.apply_prep(&mut rt, |_cx| Some(Vec::new())); // ready: ignored
    ///     assert_eq!(a.query(&mut rt, |v, _| v.len()), Some(2));
    /// });
    /// ```
    pub fn apply_prep(&self, rt: &mut Runtime<'id>, f: impl FnOnce(&mut Cx<'id, '_, A>) -> Option<A>)
    where
        A: 'id,
    {
        self.prepare(rt, f);
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
        self.rc.deferred.defer(move |rt| actor.terminate(rt, StopCause::Killed(why)));
    }

    /// Whether the actor is being prepared (its state not made yet).
    pub fn is_preparing(&self) -> bool {
        self.rc.cell.phase() == Phase::Prep
    }

    /// Whether the actor is ready: calls are delivered to it.
    pub fn is_ready(&self) -> bool {
        self.rc.cell.phase() == Phase::Ready
    }

    /// Whether the actor has stopped, or will stop without running another
    /// call (a method of it panicked).
    pub fn is_stopped(&self) -> bool {
        !matches!(self.rc.cell.phase(), Phase::Prep | Phase::Ready)
    }

    /// Whether two handles are of one actor.
    pub fn same(a: &Self, b: &Self) -> bool {
        Rc::ptr_eq(&a.rc, &b.rc)
    }

    /// The actor's [`ActorId`]: the same from every handle, for the
    /// actor's whole life.
    pub fn id(&self) -> ActorId {
        ActorId(Rc::as_ptr(&self.rc) as *const () as usize)
    }

    /// Replaces the notify given at creation, before the actor can have
    /// stopped: for an [`ActorOwnSlab`](super::ActorOwnSlab), whose notify
    /// names the child it belongs to.
    pub(super) fn set_notify(&self, notify: Ret<'id, StopCause>) {
        drop(self.rc.notify.replace(notify.into_reply_fn()).map(Ret::from_reply_fn));
    }

    /// Handles that own the actor, and the actor's allocation, for
    /// [`ActorOwn`].
    fn owners(&self) -> &Cell<u32> {
        self.rc.cell.owners()
    }
}

/// The lifecycle: every change of phase happens here, with the owners that
/// [`Runtime::split`] lends.
impl<'id, A: 'id> Actor<'id, A> {
    /// The key of the calls parked for this actor: its id, stable while
    /// any handle lives.
    fn key(&self) -> usize {
        self.id().0
    }

    /// Runs `f` with a context for a call to this actor, and returns what it
    /// returned and the stop it asked for. If `f` unwinds, the actor is
    /// marked: no more calls reach it, and a queued stop drops its state
    /// with [`StopCause::Panicked`].
    #[inline]
    fn in_call<R>(&self, core: &mut Core<'id>, f: impl FnOnce(&mut Cx<'id, '_, A>) -> R) -> (R, Option<StopCause>) {
        /// Marks the actor if the call unwinds; forgotten when it returns.
        struct Unwinding<'a, 'id, A: 'id>(&'a Actor<'id, A>);
        impl<'id, A: 'id> Drop for Unwinding<'_, 'id, A> {
            fn drop(&mut self) {
                self.0.rc.cell.mark_panicked();
                let actor = self.0.clone();
                self.0.rc.deferred.defer(move |rt| actor.terminate(rt, StopCause::Panicked));
            }
        }
        let mut cx = Cx::new(core, self);
        let unwinding = Unwinding(self);
        let result = f(&mut cx);
        core::mem::forget(unwinding);
        (result, cx.into_stop())
    }

    /// Delivers `f` now, with the state and a context, if the actor is
    /// ready; otherwise drops `f` and returns `None`. The inside of every
    /// call, and of [`query`](Self::query).
    ///
    /// The state is borrowed from the actor owner, the context from the
    /// core: two fields, so `f` gets both and can reach no other actor.
    #[inline]
    fn deliver_now<R>(&self, rt: &mut Runtime<'id>, f: impl FnOnce(&mut A, &mut Cx<'id, '_, A>) -> R) -> Option<R> {
        let (owner, core) = rt.split();
        if core.is_stopping() {
            return None;
        }
        let state = self.rc.cell.ready_mut(owner)?;
        let (result, stop) = self.in_call(core, |cx| f(state, cx));
        if let Some(cause) = stop {
            self.terminate(rt, cause);
        }
        Some(result)
    }

    /// Delivers a queued call: now if the actor is ready, parked until it
    /// is if it is being prepared, dropped if it has stopped. The body of
    /// every deferred call. A ready actor in a running runtime is the one
    /// case checked for here; every other case is out of line.
    #[inline]
    fn deliver_when_ready(self, rt: &mut Runtime<'id>, f: impl FnOnce(&mut A, &mut Cx<'id, '_, A>) + 'id) {
        if self.is_ready() && !rt.is_stopping() {
            self.deliver_now(rt, f);
        } else {
            self.park_or_drop(rt, f);
        }
    }

    /// A queued call that did not find the actor ready in a running
    /// runtime: kept until the actor is ready if it is being prepared, and
    /// dropped otherwise (the actor has stopped, or the runtime is shutting
    /// down).
    #[cold]
    #[inline(never)]
    fn park_or_drop(self, rt: &mut Runtime<'id>, f: impl FnOnce(&mut A, &mut Cx<'id, '_, A>) + 'id) {
        if self.is_preparing() && !rt.is_stopping() {
            rt.park(self.key(), Box::new(move |rt| self.deliver_when_ready(rt, f)));
        }
    }

    /// Runs a prep function: a `Some` makes the actor ready, and the calls
    /// parked for it run at once, in the order they arrived. Ignored unless
    /// the actor is being prepared.
    fn prepare(&self, rt: &mut Runtime<'id>, f: impl FnOnce(&mut Cx<'id, '_, A>) -> Option<A>) {
        let (owner, core) = rt.split();
        if !self.is_preparing() || core.is_stopping() {
            return;
        }
        let (state, stop) = self.in_call(core, f);
        if let Some(cause) = stop {
            // Stopped first: a panic in the rejected state's `Drop` then
            // finds the actor stopped and its notify told.
            self.terminate(rt, cause);
            drop(state);
        } else if let Some(state) = state {
            let filled = self.rc.cell.fill(owner, state);
            debug_assert!(filled.is_ok(), "an actor in prep takes its state");
            let parked = core.unpark(self.key());
            // After the calls are taken: if the logger panics, they are
            // dropped (their `Ret`s hear `None`), not left parked for an
            // actor that is ready.
            #[cfg(feature = "log")]
            events::started::<A>(self.id());
            if let Some(calls) = parked {
                for call in calls {
                    call(rt);
                }
            }
        }
    }

    /// Stops the actor: its state (or the calls parked for it) is dropped,
    /// and whoever asked is told why. A no-op on a stopped actor.
    fn terminate(&self, rt: &mut Runtime<'id>, cause: StopCause) {
        // A method of it panicked: that is why it stops, whichever stop was
        // queued first (a kill queued before the panic, say).
        let phase = self.rc.cell.phase();
        let panicked = matches!(phase, Phase::PrepPanicked | Phase::ReadyPanicked);
        let cause = if panicked { StopCause::Panicked } else { cause };
        let (owner, core) = rt.split();
        let Some(state) = self.rc.cell.take(owner) else { return };
        let notify = self.rc.notify.take().map(Ret::from_reply_fn);
        let parked = core.unpark(self.key());
        /// Tells the notify on every way out, also if a `Drop` below panics.
        struct Tell<'id>(Option<Ret<'id, StopCause>>, Option<StopCause>);
        impl Drop for Tell<'_> {
            fn drop(&mut self) {
                if let (Some(n), Some(c)) = (self.0.take(), self.1.take()) {
                    n.ret(c);
                }
            }
        }
        // Dropped last, at the end of this function, where it lies.
        // `drop(tell)` would move it first, reading back with wide loads
        // what was just written with narrower stores: loads the processor
        // cannot feed from those stores, so every stop waited for them to
        // reach the cache.
        let _tell = Tell(notify, Some(cause));
        // After `_tell`: a logger that panics still leaves the notify told.
        #[cfg(feature = "log")]
        if let Some(cause) = &_tell.1 {
            events::stopped::<A>(self.id(), cause, matches!(phase, Phase::Prep | Phase::PrepPanicked));
        }
        drop(state);
        drop(parked);
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
            self.actor.rc.deferred.defer(move |rt| actor.terminate(rt, StopCause::Dropped));
        }
    }
}

