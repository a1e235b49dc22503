//! The context of an actor call, why an actor stops, and what the call
//! macros accept as a target.

#![forbid(unsafe_code)]

use core::fmt;
use core::ops::{Deref, DerefMut};
use std::error::Error;

use super::actor::{Actor, ActorOwn};
use super::runtime::Core;

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
/// `'id` is the runtime's brand, first as in every branded type of the
/// crate; `'c` is the one call: a `Cx` cannot be kept after the method
/// returns.
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
///     fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
///         Some(Once)
///     }
///     fn work<'id>(&mut self, cx: &mut Cx<'id, '_, Self>) {
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
pub struct Cx<'id, 'c, A> {
    core: &'c mut Core<'id>,
    this: &'c Actor<'id, A>,
    stop: Option<StopCause>,
}

impl<'id, 'c, A> Cx<'id, 'c, A> {
    /// The context of one call to `this`, around the core.
    pub(super) fn new(core: &'c mut Core<'id>, this: &'c Actor<'id, A>) -> Self {
        Cx { core, this, stop: None }
    }

    /// The stop the call asked for, if any.
    pub(super) fn into_stop(self) -> Option<StopCause> {
        self.stop
    }

    /// A handle to the actor being called: to queue calls to itself, or to
    /// give others a way back.
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
    ///     fn init<'id>(cx: &mut Cx<'id, '_, Self>) -> Option<Self> {
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
    ///     fn init<'id>(cx: &mut Cx<'id, '_, Self>, port: &str) -> Option<Self> {
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
    ///     fn init<'id>(cx: &mut Cx<'id, '_, Self>) -> Option<Self> {
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

    /// [`fail`](Self::fail) with a message made at run time.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{Cx, Ret, Runtime, StopCause, actor, call};
    /// use std::cell::RefCell;
    /// use std::rc::Rc;
    /// use std::time::Instant;
    ///
    /// struct Disk {
    ///     free: u64,
    /// }
    /// impl Disk {
    ///     fn init<'id>(_: &mut Cx<'id, '_, Self>, free: u64) -> Option<Self> {
    ///         Some(Disk { free })
    ///     }
    ///     fn write<'id>(&mut self, cx: &mut Cx<'id, '_, Self>, bytes: u64) {
    ///         match self.free.checked_sub(bytes) {
    ///             Some(left) => self.free = left,
    ///             None => cx.fail_string(format!("{bytes} bytes asked, {} free", self.free)),
    ///         }
    ///     }
    /// }
    ///
    /// let now = Instant::now();
    /// Runtime::scope(now, |mut rt| {
    ///     let seen = Rc::new(RefCell::new(String::new()));
    ///     let s = seen.clone();
    ///     let disk = actor!(rt, Disk::init(100), Ret::new(move |c: Option<StopCause>| *s.borrow_mut() = c.unwrap().to_string()));
    ///     call!([disk], write(60));
    ///     call!([disk], write(60));
    ///     rt.run(now, false);
    ///     assert_eq!(*seen.borrow(), "failed: 60 bytes asked, 40 free");
    /// });
    /// ```
    pub fn fail_string(&mut self, message: impl Into<String>) {
        self.stop.get_or_insert_with(|| StopCause::Failed(message.into().into()));
    }
}

impl<'id, A> Deref for Cx<'id, '_, A> {
    type Target = Core<'id>;
    fn deref(&self) -> &Core<'id> {
        self.core
    }
}

impl<'id, A> DerefMut for Cx<'id, '_, A> {
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

    /// Queues a call of `f` to the actor, as [`Actor::defer_call`] does:
    /// what [`call!`](crate::actors::call) expands to. A [`Cx`] puts the
    /// call on the queue of the runtime it holds, which is the same queue,
    /// rather than finding it through the actor's allocation: where a
    /// method's call to itself is written then does not depend on the handle
    /// read out of the call being run, and the processor can work it out
    /// while the method still runs.
    #[inline]
    fn defer_call(&self, f: impl FnOnce(&mut A, &mut Cx<'id, '_, A>) + 'id)
    where
        A: 'id,
    {
        self.as_actor().defer_call(f);
    }
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

impl<'id, A> AsActor<'id, A> for Cx<'id, '_, A> {
    fn as_actor(&self) -> &Actor<'id, A> {
        self.this
    }

    #[inline]
    fn defer_call(&self, f: impl FnOnce(&mut A, &mut Cx<'id, '_, A>) + 'id)
    where
        A: 'id,
    {
        self.this.defer_call_on(self.core.deferred(), f);
    }
}

impl<'id, A, T: AsActor<'id, A> + ?Sized> AsActor<'id, A> for &T {
    fn as_actor(&self) -> &Actor<'id, A> {
        (**self).as_actor()
    }

    #[inline]
    fn defer_call(&self, f: impl FnOnce(&mut A, &mut Cx<'id, '_, A>) + 'id)
    where
        A: 'id,
    {
        (**self).defer_call(f);
    }
}

impl<'id, A, T: AsActor<'id, A> + ?Sized> AsActor<'id, A> for &mut T {
    fn as_actor(&self) -> &Actor<'id, A> {
        (**self).as_actor()
    }

    #[inline]
    fn defer_call(&self, f: impl FnOnce(&mut A, &mut Cx<'id, '_, A>) + 'id)
    where
        A: 'id,
    {
        (**self).defer_call(f);
    }
}
