//! Part VI: an actor runtime whose state is reached through cell owners.
//!
//! Part VI of the book, [*An actor runtime*](../../../actors/index.html), builds this
//! module page by page.
//!
//! An actor is a value with methods that nobody calls directly: callers
//! queue calls ([`call!`]), and the [`Runtime`] delivers them one at a time,
//! each with `&mut` to the actor's state and a [`Cx`], the context of the
//! call. Replies come back the same way ([`Ret`], [`Fwd`]). Everything runs
//! on one thread, driven by the caller's event loop and clock.
//!
//! Besides calls: timers ([`after!`], [`at!`], and [`timer_max!`] and
//! [`timer_min!`], whose expiry moves), children ([`ActorOwnSlab`] with
//! [`actor_in_slab!`], and the type-erased [`ActorOwnAnon`]), async tasks
//! ([`Core::spawn`]), and a way for any actor to ask the main loop to stop
//! ([`Core::shutdown`], [`ret_shutdown!`]). With the crate's `log` feature,
//! every actor's start and stop, with its cause, is a record of the `log`
//! facade, naming the actor by its [`ActorId`].
//!
//! # Two owners, one brand
//!
//! The runtime holds two permissions, both branded with the runtime's
//! lifetime `'id` (fresh per [`Runtime::scope`], like a
//! [`GhostToken`](crate::ghost::GhostToken)'s):
//!
//! * the **actor owner**, which opens every actor's state. It is a private
//!   field of [`Runtime`], outside the [`Core`]. An actor method receives
//!   `&mut` to its own state (borrowed from that owner) and `&mut Core`
//!   (through its `Cx`), two different fields; the core has no way to open
//!   an actor, so no actor can reach another actor's state, or its own a
//!   second time. The compiler checks this; nothing is checked at run time.
//! * the **share owner**, a `GhostToken<'id>` inside the core, which opens
//!   every [`Share<'id, T>`](Share). Actor code reaches it through its `Cx`,
//!   so `share.rw(cx)` borrows `cx` for as long as the `&mut T` lives.
//!
//! # Example
//!
//! ```
//! use companion::actors::{Actor, Cx, Ret, Runtime, actor, call};
//! use std::time::Instant;
//!
//! struct Ping<'id> {
//!     pong: Actor<'id, Pong>,
//!     left: u32,
//! }
//!
//! struct Pong {
//!     count: u32,
//! }
//!
//! impl<'id> Ping<'id> {
//!     fn init(_: &mut Cx<'id, '_, Self>, pong: Actor<'id, Pong>, rounds: u32) -> Option<Self> {
//!         Some(Ping { pong, left: rounds })
//!     }
//!     fn go(&mut self, cx: &mut Cx<'id, '_, Self>) {
//!         if self.left > 0 {
//!             self.left -= 1;
//!             call!([self.pong], hit(cx.this().clone()));
//!         }
//!     }
//! }
//!
//! impl Pong {
//!     fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
//!         Some(Pong { count: 0 })
//!     }
//!     fn hit<'id>(&mut self, _: &mut Cx<'id, '_, Self>, back: Actor<'id, Ping<'id>>) {
//!         self.count += 1;
//!         call!([back], go());
//!     }
//! }
//!
//! let now = Instant::now();
//! Runtime::scope(now, |mut rt| {
//!     let pong = actor!(rt, Pong::init(), Ret::nop());
//!     let ping = actor!(rt, Ping::init(pong.clone(), 3), Ret::nop());
//!     call!([ping], go());
//!     rt.run(now, false);
//!     assert_eq!(pong.query(&mut rt, |p, _| p.count), Some(3));
//! });
//! ```
//!
//! # Panics
//!
//! A panic inside an actor's method, or its prep function, unwinds out of
//! [`Runtime::run`]. Nothing is half-updated: the call that panicked was
//! taken off the queue before it ran, and every other call is still queued.
//! The actor whose method panicked receives no more calls; its state is
//! dropped, and its `notify` told [`StopCause::Panicked`], by the next
//! `run`. Every other actor carries on.
//!
//! # Soundness
//!
//! The argument is in the book's actor part and the soundness catalogue
//! (`tests/soundness/actors/`): what does not compile, and why each of the
//! checklist's cases cannot break the two owners. The `unsafe` is in two
//! files, and every other file of this module forbids it:
//!
//! * `cell.rs`: the actor owner, one per brand by construction, and the
//!   actor's state slot, a `GhostCell`-like cell opened with that owner
//!   whose value is valid exactly while the actor is ready;
//! * [`queue`]: closures stored in place, and the deferred-call queue that
//!   handles push to through a shared reference.

// `ci/miri` runs this module's tests under Stacked and Tree Borrows.

mod actor;
mod cell;
mod children;
mod context;
#[cfg(feature = "log")]
mod events;
mod macros;
pub mod queue;
mod ret;
mod runtime;
mod share;
pub mod task;
mod threads;
mod timers;
#[cfg(test)]
mod tests;

pub use actor::{Actor, ActorId, ActorOwn};
pub use children::{ActorOwnAnon, ActorOwnSlab, Children};
pub use context::{AsActor, Cx, StopCause};
pub use ret::{Fwd, Ret};
pub use runtime::{Core, Runtime};
pub use share::{Share, ShareOwner, ShareWeak};
pub use threads::{Channel, ChannelGuard, Woken, Worker, WorkerLink};
pub use timers::{MaxTimerKey, MinTimerKey, TimerKey};

pub use crate::{actor, actor_in_slab, after, at, call, fwd_to, idle, lazy, ret_fail, ret_failthru, ret_shutdown, ret_some_to, ret_to, timer_max, timer_min};
