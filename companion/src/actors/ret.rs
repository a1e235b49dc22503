//! Replies and forwarders: where an actor sends results.

#![forbid(unsafe_code)]

use std::rc::Rc;

use super::actor::Actor;
use super::context::Cx;

/// What a [`Ret`] calls, once, with the reply or `None`.
pub(super) type ReplyFn<'id, M> = Box<dyn FnOnce(Option<M>) + 'id>;

/// A one-shot reply: delivers exactly one message, `Some(m)` through
/// [`ret`](Self::ret), or `None` if it is dropped unused (the actor it went
/// to dropped it, stopped, or panicked). The receiver always hears back.
///
/// # Example
///
/// ```
/// use companion::actors::Ret;
/// use std::cell::RefCell;
/// use std::rc::Rc;
///
/// let log = Rc::new(RefCell::new(Vec::new()));
/// let l = log.clone();
/// let answer = Ret::new(move |m: Option<u32>| l.borrow_mut().push(m));
/// answer.ret(42);
/// let l = log.clone();
/// drop(Ret::new(move |m: Option<u32>| l.borrow_mut().push(m)));
/// assert_eq!(*log.borrow(), [Some(42), None]);
/// ```
pub struct Ret<'id, M> {
    f: Option<ReplyFn<'id, M>>,
}

impl<'id, M> Ret<'id, M> {
    /// A reply that calls `f` at once, with `Some` or `None`. To reply to
    /// an actor, use [`to_actor`](Self::to_actor) or
    /// [`ret_to!`](crate::actors::ret_to), which queue the delivery.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::Ret;
    ///
    /// let ret = Ret::new(|m: Option<&str>| assert_eq!(m, Some("done")));
    /// ret.ret("done");
    /// ```
    pub fn new(f: impl FnOnce(Option<M>) + 'id) -> Self {
        Ret { f: Some(Box::new(f)) }
    }

    /// A reply that nobody waits for.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::Ret;
    /// Ret::nop().ret(1);
    /// ```
    pub fn nop() -> Self
    where
        M: 'id,
    {
        Ret::new(drop)
    }

    /// A reply delivered to `actor` as a call of `f` with the message
    /// (`None` if the reply was dropped unused).
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{Cx, Ret, Runtime, actor};
    /// use std::time::Instant;
    ///
    /// struct Asker(Option<Option<u8>>);
    /// impl Asker {
    ///     fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
    ///         Some(Asker(None))
    ///     }
    /// }
    ///
    /// let now = Instant::now();
    /// Runtime::scope(now, |mut rt| {
    ///     let asker = actor!(rt, Asker::init(), Ret::nop());
    ///     let answer = Ret::to_actor(&asker, |a, _cx, m| a.0 = Some(m));
    ///     drop(answer); // never answered
    ///     rt.run(now, false);
    ///     assert_eq!(asker.query(&mut rt, |a, _| a.0), Some(Some(None)));
    /// });
    /// ```
    pub fn to_actor<A: 'id>(actor: &Actor<'id, A>, f: impl FnOnce(&mut A, &mut Cx<'id, '_, A>, Option<M>) + 'id) -> Self
    where
        M: 'id,
    {
        let actor = actor.clone();
        Ret::new(move |m| actor.defer_call_owned(move |a, cx| f(a, cx, m)))
    }

    /// A reply delivered to `actor` only if it carries a message: a
    /// dropped reply delivers nothing.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{Cx, Ret, Runtime, actor};
    /// use std::time::Instant;
    ///
    /// struct Sum(u32);
    /// impl Sum {
    ///     fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
    ///         Some(Sum(0))
    ///     }
    /// }
    ///
    /// let now = Instant::now();
    /// Runtime::scope(now, |mut rt| {
    ///     let sum = actor!(rt, Sum::init(), Ret::nop());
    ///     Ret::some_to_actor(&sum, |s, _cx, n: u32| s.0 += n).ret(5);
    ///     drop(Ret::some_to_actor(&sum, |s, _cx, n: u32| s.0 += n));
    ///     rt.run(now, false);
    ///     assert_eq!(sum.query(&mut rt, |s, _| s.0), Some(5));
    /// });
    /// ```
    pub fn some_to_actor<A: 'id>(actor: &Actor<'id, A>, f: impl FnOnce(&mut A, &mut Cx<'id, '_, A>, M) + 'id) -> Self
    where
        M: 'id,
    {
        let actor = actor.clone();
        Ret::new(move |m| {
            if let Some(m) = m {
                actor.defer_call_owned(move |a, cx| f(a, cx, m));
            }
        })
    }

    /// A reply delivered to `actor` while it is being prepared, as a prep
    /// function of `f` with the message (`None` if the reply was dropped
    /// unused): `f` returns the actor's state to make it ready, or `None` to
    /// go on waiting. If the actor is ready or stopped by the time the reply
    /// arrives, the reply is ignored.
    ///
    /// This is how an actor waits for something before it has a state: its
    /// first prep function asks, returns `None`, and the answer finishes it.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{Cx, Ret, Runtime, actor, call};
    /// use std::time::Instant;
    ///
    /// struct Settings;
    /// impl Settings {
    ///     fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
    ///         Some(Settings)
    ///     }
    ///     fn port<'id>(&mut self, _: &mut Cx<'id, '_, Self>, answer: Ret<'id, u16>) {
    ///         answer.ret(8080);
    ///     }
    /// }
    ///
    /// /// Has no state until it knows its port.
    /// struct Server {
    ///     port: u16,
    /// }
    /// impl Server {
    ///     fn init<'id>(cx: &mut Cx<'id, '_, Self>, settings: companion::actors::Actor<'id, Settings>) -> Option<Self> {
    ///         let answer = Ret::to_actor_prep(cx.this(), |_cx, port| port.map(|port| Server { port }));
    ///         call!([settings], port(answer));
    ///         None
    ///     }
    /// }
    ///
    /// let now = Instant::now();
    /// Runtime::scope(now, |mut rt| {
    ///     let settings = actor!(rt, Settings::init(), Ret::nop());
    ///     let server = actor!(rt, Server::init(settings.clone()), Ret::nop());
    ///     rt.run(now, false);
    ///     assert_eq!(server.query(&mut rt, |s, _| s.port), Some(8080));
    /// });
    /// ```
    pub fn to_actor_prep<A: 'id>(actor: &Actor<'id, A>, f: impl FnOnce(&mut Cx<'id, '_, A>, Option<M>) -> Option<A> + 'id) -> Self
    where
        M: 'id,
    {
        let actor = actor.clone();
        Ret::new(move |m| actor.defer_prep(move |cx| f(cx, m)))
    }

    /// [`to_actor_prep`](Self::to_actor_prep) for a real reply only: a
    /// dropped reply delivers nothing, and the actor stays in prep.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{ActorOwn, Ret, Runtime};
    /// use std::time::Instant;
    ///
    /// let now = Instant::now();
    /// Runtime::scope(now, |mut rt| {
    ///     let a = ActorOwn::<String>::new(&rt, Ret::nop());
    ///     drop(Ret::some_to_actor_prep(&a, |_cx, name: &str| Some(name.to_string())));
    ///     rt.run(now, false);
    ///     assert!(a.is_preparing(), "nothing arrived");
    ///     Ret::some_to_actor_prep(&a, |_cx, name: &str| Some(name.to_string())).ret("ada");
    ///     rt.run(now, false);
    ///     assert_eq!(a.query(&mut rt, |s, _| s.clone()).as_deref(), Some("ada"));
    /// });
    /// ```
    pub fn some_to_actor_prep<A: 'id>(actor: &Actor<'id, A>, f: impl FnOnce(&mut Cx<'id, '_, A>, M) -> Option<A> + 'id) -> Self
    where
        M: 'id,
    {
        let actor = actor.clone();
        Ret::new(move |m| {
            if let Some(m) = m {
                actor.defer_prep(move |cx| f(cx, m));
            }
        })
    }

    /// A reply that must never be sent: sending it panics with `message`.
    /// Dropping it unused does nothing. For a `notify` of an actor that is
    /// meant never to stop, as an assertion in tests and examples.
    ///
    /// # Example
    ///
    /// ```should_panic
    /// use companion::actors::Ret;
    ///
    /// drop(Ret::<u8>::panic("never answered"));  // fine
    /// Ret::panic("the answer was not expected").ret(1); // panics
    /// ```
    pub fn panic(message: impl Into<String>) -> Self {
        let message = message.into();
        Ret::new(move |m: Option<M>| {
            if m.is_some() {
                panic!("{message}");
            }
        })
    }

    /// Sends the reply.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::Ret;
    /// use std::cell::Cell;
    ///
    /// let got = Cell::new(0);
    /// Ret::new(|m: Option<i32>| got.set(m.unwrap())).ret(3);
    /// assert_eq!(got.get(), 3);
    /// ```
    pub fn ret(mut self, message: M) {
        if let Some(f) = self.f.take() {
            f(Some(message));
        }
    }

    /// The function this reply calls, taken out: nothing is delivered now.
    pub(super) fn into_reply_fn(mut self) -> Option<ReplyFn<'id, M>> {
        self.f.take()
    }

    /// A reply that calls `f`.
    pub(super) fn from_reply_fn(f: ReplyFn<'id, M>) -> Self {
        Ret { f: Some(f) }
    }
}

impl<M> Drop for Ret<'_, M> {
    fn drop(&mut self) {
        if let Some(f) = self.f.take() {
            f(None);
        }
    }
}

/// A forwarder: delivers any number of messages, each as a call. Cloning it
/// is one reference count. Wire a pipeline by giving each stage the `Fwd`
/// of the next.
///
/// # Example
///
/// ```
/// use companion::actors::Fwd;
/// use std::cell::RefCell;
/// use std::rc::Rc;
///
/// let seen = Rc::new(RefCell::new(Vec::new()));
/// let s = seen.clone();
/// let out = Fwd::new(move |m: u8| s.borrow_mut().push(m));
/// let again = out.clone();
/// out.fwd(1);
/// again.fwd(2);
/// assert_eq!(*seen.borrow(), [1, 2]);
/// ```
pub struct Fwd<'id, M> {
    f: Rc<dyn Fn(M) + 'id>,
}

impl<M> Clone for Fwd<'_, M> {
    fn clone(&self) -> Self {
        Fwd { f: self.f.clone() }
    }
}

impl<'id, M> Fwd<'id, M> {
    /// A forwarder that calls `f` at once with each message.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::Fwd;
    /// use std::cell::Cell;
    ///
    /// let total = Cell::new(0);
    /// let add = Fwd::new(|n: i32| total.set(total.get() + n));
    /// add.fwd(2);
    /// add.fwd(3);
    /// assert_eq!(total.get(), 5);
    /// ```
    pub fn new(f: impl Fn(M) + 'id) -> Self {
        Fwd { f: Rc::new(f) }
    }

    /// A forwarder whose every message becomes a queued call of `f` on
    /// `actor`. `f` is copied into each call: a method path, or a closure
    /// that captures nothing (or only `Copy` values).
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{Cx, Fwd, Ret, Runtime, actor};
    /// use std::time::Instant;
    ///
    /// struct Sink(Vec<char>);
    /// impl Sink {
    ///     fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
    ///         Some(Sink(Vec::new()))
    ///     }
    /// }
    ///
    /// let now = Instant::now();
    /// Runtime::scope(now, |mut rt| {
    ///     let sink = actor!(rt, Sink::init(), Ret::nop());
    ///     let to_sink = Fwd::to_actor(&sink, |s, _cx, c: char| s.0.push(c));
    ///     to_sink.fwd('o');
    ///     to_sink.fwd('k');
    ///     rt.run(now, false);
    ///     assert_eq!(sink.query(&mut rt, |s, _| s.0.clone()), Some(vec!['o', 'k']));
    /// });
    /// ```
    pub fn to_actor<A: 'id>(actor: &Actor<'id, A>, f: impl Fn(&mut A, &mut Cx<'id, '_, A>, M) + Copy + 'id) -> Self
    where
        M: 'id,
    {
        let actor = actor.clone();
        Fwd::new(move |m| actor.defer_call(move |a, cx| f(a, cx, m)))
    }

    /// A forwarder whose every message becomes a queued prep function of
    /// `f` on `actor`, as [`Ret::to_actor_prep`] does for one reply: `f`
    /// returns the state to make the actor ready, or `None` to wait for the
    /// next message. Messages that arrive once the actor is ready or
    /// stopped are ignored. `f` is copied into each call, as in
    /// [`to_actor`](Self::to_actor).
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{ActorOwn, Fwd, Ret, Runtime};
    /// use std::time::Instant;
    ///
    /// /// Ready with the first line that is a port number.
    /// struct Listener {
    ///     port: u16,
    /// }
    ///
    /// let now = Instant::now();
    /// Runtime::scope(now, |mut rt| {
    ///     let listener = ActorOwn::<Listener>::new(&rt, Ret::nop());
    ///     let lines = Fwd::to_actor_prep(&listener, |_cx, line: &str| line.parse().ok().map(|port| Listener { port }));
    ///     lines.fwd("# settings");
    ///     rt.run(now, false);
    ///     assert!(listener.is_preparing());
    ///     lines.fwd("8080");
    ///     lines.fwd("9090"); // ready by the time it arrives: ignored
    ///     rt.run(now, false);
    ///     assert_eq!(listener.query(&mut rt, |l, _| l.port), Some(8080));
    /// });
    /// ```
    pub fn to_actor_prep<A: 'id>(actor: &Actor<'id, A>, f: impl Fn(&mut Cx<'id, '_, A>, M) -> Option<A> + Copy + 'id) -> Self
    where
        M: 'id,
    {
        let actor = actor.clone();
        Fwd::new(move |m| actor.defer_prep(move |cx| f(cx, m)))
    }

    /// A forwarder that must never be used: each message panics with
    /// `message`. For an output that a program does not expect to fire.
    ///
    /// # Example
    ///
    /// ```should_panic
    /// use companion::actors::Fwd;
    ///
    /// let unexpected = Fwd::<u8>::panic("no data expected from the worker");
    /// unexpected.fwd(0); // panics
    /// ```
    pub fn panic(message: impl Into<String>) -> Self {
        let message = message.into();
        Fwd::new(move |_: M| panic!("{message}"))
    }

    /// Sends one message.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::Fwd;
    /// use std::cell::Cell;
    ///
    /// let last = Cell::new(0);
    /// Fwd::new(|n: u8| last.set(n)).fwd(9);
    /// assert_eq!(last.get(), 9);
    /// ```
    pub fn fwd(&self, message: M) {
        (self.f)(message);
    }
}
