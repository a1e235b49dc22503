//! Collections of owned children: a slab of owners whose actors leave it
//! when they stop, and an owner whose actor type is erased.

#![forbid(unsafe_code)]

use std::error::Error;

use slab::Slab;

use super::actor::{Actor, ActorId, ActorOwn};
use super::context::StopCause;
use super::ret::Ret;
use super::runtime::Core;

/// The owners of an actor's children of one type, each of which leaves the
/// slab when it stops.
///
/// A parent keeps the slab in its state and adds children with
/// [`actor_in_slab!`](crate::actors::actor_in_slab) (or [`add`](Self::add)).
/// When a child stops, for whatever reason, a call to the parent removes
/// its owner from the slab, and then the child's own `notify` is told why,
/// so by the time the parent hears of the stop the child is gone from
/// [`len`](Self::len) and from iteration. Dropping the slab drops every
/// owner in it, which stops the children that nobody else owns.
///
/// The slab hands out no keys: a parent that needs to find a child by a key
/// of its own keeps the [`ActorOwn`]s in a map instead.
///
/// # Example
///
/// ```
/// use companion::actors::{ActorOwnSlab, Cx, Ret, Runtime, actor, actor_in_slab, call};
/// use std::time::Instant;
///
/// struct Worker;
/// impl Worker {
///     fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
///         Some(Worker)
///     }
///     fn finish<'id>(&mut self, cx: &mut Cx<'id, '_, Self>) {
///         cx.stop();
///     }
/// }
///
/// struct Boss<'id> {
///     workers: ActorOwnSlab<'id, Worker>,
/// }
/// impl<'id> Boss<'id> {
///     fn init(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
///         Some(Boss { workers: ActorOwnSlab::new() })
///     }
///     fn hire(&mut self, cx: &mut Cx<'id, '_, Self>, how_many: usize) {
///         for _ in 0..how_many {
///             actor_in_slab!(self.workers, cx, Worker::init());
///         }
///     }
///     fn finish_all(&mut self, _: &mut Cx<'id, '_, Self>) {
///         for worker in &self.workers {
///             call!([worker], finish());
///         }
///     }
/// }
///
/// let now = Instant::now();
/// Runtime::scope(now, |mut rt| {
///     let boss = actor!(rt, Boss::init(), Ret::nop());
///     call!([boss], hire(3));
///     rt.run(now, false);
///     assert_eq!(boss.query(&mut rt, |b, _| b.workers.len()), Some(3));
///     call!([boss], finish_all());
///     rt.run(now, false);
///     assert_eq!(boss.query(&mut rt, |b, _| b.workers.len()), Some(0));
/// });
/// ```
pub struct ActorOwnSlab<'id, A: 'id> {
    slab: Slab<ActorOwn<'id, A>>,
}

impl<'id, A: 'id> ActorOwnSlab<'id, A> {
    /// An empty slab.
    pub fn new() -> Self {
        ActorOwnSlab { slab: Slab::new() }
    }

    /// Creates a child, owned by this slab, and returns a plain handle to
    /// it: queue its prep function on that (or use
    /// [`actor_in_slab!`](crate::actors::actor_in_slab), which does both).
    ///
    /// `parent` is the actor whose state holds this slab, and `slab_of`
    /// finds the slab in that state: when the child stops, a call to
    /// `parent` removes the child's owner, and then `notify` is told the
    /// cause. The removal checks that the entry still holds this child, so
    /// a slab that was replaced in the meantime loses nothing.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{ActorOwnSlab, Cx, Ret, Runtime, actor, call};
    /// use std::time::Instant;
    ///
    /// struct Parent<'id> {
    ///     kids: ActorOwnSlab<'id, u8>,
    /// }
    /// impl<'id> Parent<'id> {
    ///     fn init(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
    ///         Some(Parent { kids: ActorOwnSlab::new() })
    ///     }
    ///     fn adopt(&mut self, cx: &mut Cx<'id, '_, Self>) {
    ///         let kid = self.kids.add(cx, cx.this().clone(), |p| &mut p.kids, Ret::nop());
    ///         kid.defer_prep(|_| Some(7));
    ///     }
    /// }
    ///
    /// let now = Instant::now();
    /// Runtime::scope(now, |mut rt| {
    ///     let parent = actor!(rt, Parent::init(), Ret::nop());
    ///     call!([parent], adopt());
    ///     rt.run(now, false);
    ///     assert_eq!(parent.query(&mut rt, |p, _| p.kids.len()), Some(1));
    /// });
    /// ```
    pub fn add<P: 'id>(
        &mut self,
        core: &Core<'id>,
        parent: Actor<'id, P>,
        slab_of: impl FnOnce(&mut P) -> &mut Self + 'id,
        notify: Ret<'id, StopCause>,
    ) -> Actor<'id, A> {
        let entry = self.slab.vacant_entry();
        let key = entry.key();
        let own = ActorOwn::new(core, Ret::nop());
        let child = own.id();
        own.set_notify(Ret::new(move |cause: Option<StopCause>| {
            // `None`: the runtime is gone, and the parent with it.
            if let Some(cause) = cause {
                parent.defer_call(move |state, _| {
                    let slab = &mut slab_of(state).slab;
                    if slab.get(key).is_some_and(|own| own.id() == child) {
                        drop(slab.remove(key));
                    }
                });
                notify.ret(cause);
            }
        }));
        let actor = Actor::clone(&own);
        entry.insert(own);
        actor
    }

    /// How many children the slab holds.
    pub fn len(&self) -> usize {
        self.slab.len()
    }

    /// Whether the slab holds no child.
    pub fn is_empty(&self) -> bool {
        self.slab.is_empty()
    }

    /// The owners of the children, in no particular order.
    pub fn iter(&self) -> Children<'_, 'id, A> {
        Children(self.slab.iter())
    }
}

impl<'id, A: 'id> Default for ActorOwnSlab<'id, A> {
    fn default() -> Self {
        ActorOwnSlab::new()
    }
}

/// The owners in an [`ActorOwnSlab`], from [`ActorOwnSlab::iter`].
pub struct Children<'a, 'id, A: 'id>(slab::Iter<'a, ActorOwn<'id, A>>);

impl<'a, 'id, A: 'id> Iterator for Children<'a, 'id, A> {
    type Item = &'a ActorOwn<'id, A>;
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(_, own)| own)
    }
}

impl<'a, 'id, A: 'id> IntoIterator for &'a ActorOwnSlab<'id, A> {
    type Item = &'a ActorOwn<'id, A>;
    type IntoIter = Children<'a, 'id, A>;
    fn into_iter(self) -> Children<'a, 'id, A> {
        self.iter()
    }
}

/// What an [`ActorOwnAnon`] can do with the owner it holds, whatever the
/// actor's type.
trait AnyOwner<'id> {
    fn id(&self) -> ActorId;
    fn is_stopped(&self) -> bool;
    fn kill(&self, why: Box<dyn Error>);
}

impl<'id, A: 'id> AnyOwner<'id> for ActorOwn<'id, A> {
    fn id(&self) -> ActorId {
        Actor::id(self)
    }
    fn is_stopped(&self) -> bool {
        Actor::is_stopped(self)
    }
    fn kill(&self, why: Box<dyn Error>) {
        Actor::kill(self, why);
    }
}

/// An owning handle whose actor type is erased: it keeps its actor alive,
/// and dropping it stops the actor (if it was the last owner), like the
/// [`ActorOwn`] it was made from. For a parent that owns children of many
/// types in one collection, or code that must keep an actor running
/// without knowing what it is.
///
/// It carries the runtime's brand like every handle, and one allocation
/// (the erased owner, boxed).
///
/// # Example
///
/// ```
/// use companion::actors::{ActorOwn, ActorOwnAnon, Ret, Runtime};
/// use std::time::Instant;
///
/// let now = Instant::now();
/// Runtime::scope(now, |mut rt| {
///     let text = ActorOwn::<String>::new(&rt, Ret::nop());
///     let number = ActorOwn::<u64>::new(&rt, Ret::nop());
///     text.defer_prep(|_| Some("hi".to_string()));
///     number.defer_prep(|_| Some(7));
///     let owners: Vec<ActorOwnAnon<'_>> = vec![text.owned().anon(), number.anon()];
///     rt.run(now, false);
///     assert!(owners.iter().all(|own| !own.is_stopped()));
///     drop(owners);
///     rt.run(now, false);
///     assert!(!text.is_stopped(), "still owned by `text`");
/// });
/// ```
pub struct ActorOwnAnon<'id> {
    own: Box<dyn AnyOwner<'id> + 'id>,
}

impl<'id> ActorOwnAnon<'id> {
    /// Erases the type of an owner.
    pub fn new<A: 'id>(own: ActorOwn<'id, A>) -> Self {
        ActorOwnAnon { own: Box::new(own) }
    }

    /// The id of the actor, as [`Actor::id`].
    pub fn id(&self) -> ActorId {
        self.own.id()
    }

    /// Whether the actor has stopped, as [`Actor::is_stopped`].
    pub fn is_stopped(&self) -> bool {
        self.own.is_stopped()
    }

    /// Stops the actor with [`StopCause::Killed`], as [`Actor::kill`].
    pub fn kill(&self, why: impl Into<Box<dyn Error>>) {
        self.own.kill(why.into());
    }
}

impl<'id, A: 'id> ActorOwn<'id, A> {
    /// This owner with its actor type erased: [`ActorOwnAnon::new`].
    pub fn anon(self) -> ActorOwnAnon<'id> {
        ActorOwnAnon::new(self)
    }
}
