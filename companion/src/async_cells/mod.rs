//! Part V: cells in async code. Futures whose poll context carries the cell
//! owner.
//!
//! Part V of the book, [*Cells in async code*](../../../async-cells/index.html), builds
//! this module page by page.
//!
//! A statically checked cell (a [`GhostCell`](crate::ghost::GhostCell), a
//! `qcell::LCell`, a `qcell::TLCell`) is opened by borrowing its *owner*:
//! `&owner` to read, `&mut owner` to write. Synchronous code passes that
//! borrow down the call stack as an argument. Async code cannot:
//! `Future::poll(self: Pin<&mut Self>, cx: &mut Context<'_>)` has no parameter
//! for it, and `Context` has no field for it on stable Rust. So async code
//! falls back to `Rc<RefCell<_>>`, and a borrow that is still alive when the
//! next one starts becomes a panic at run time instead of an error at compile
//! time. This module gives two ways out, one per design that the async story
//! by Stakker's author sketches.
//!
//! | design | module | owner | futures | checked |
//! |---|---|---|---|---|
//! | branded futures | [`branded`] | [`GhostToken<'id>`](crate::ghost::GhostToken) or `qcell::LCellOwner<'id>`, owned by the executor | a trait of our own, [`BrandedFuture<'id>`](branded::BrandedFuture), polled with [`Cx<'id, '_>`](branded::Cx) | at compile time, all of it |
//! | owner lent for one poll | [`lent`] | `qcell::TLCellOwner<M>` for a `'static` marker `M`, one per thread | `std::future::Future`: `async` blocks, `LocalPool`, tokio's `LocalSet` | the borrows at compile time; *whether an owner is present* at run time |
//!
//! The `unsafe` code is in [`lent`] alone: the lending waker, and the lookup
//! that turns it back into the owner. Every other file of this module
//! forbids `unsafe`.
//!
//! # Design 1: branded futures
//!
//! The owner's brand goes into the trait: `BrandedFuture<'id>` is polled with
//! `&mut Cx<'id, '_>`, and `Cx` holds `&mut GhostToken<'id>`. A cell is opened
//! by naming the context, `*count.rw(cx) += 1`, and the borrow checker does the
//! rest: a child future is polled with `&mut cx` too, so no cell borrow can be
//! alive across a child's poll (the branded form of "a borrow held across
//! `.await`"), and a cell of another executor's brand does not type-check.
//!
//! ```
//! use companion::async_cells::branded::{CellExt, Executor, join, poll_fn};
//! use companion::ghost::{GhostCell, GhostToken};
//! use std::rc::Rc;
//! use std::task::Poll;
//!
//! GhostToken::new(|token| {
//!     let tally = Rc::new(GhostCell::new(0));
//!     let mut executor = Executor::new(token);
//!     for _ in 0..3 {
//!         let tally = tally.clone();
//!         executor.spawn(poll_fn(move |cx| {
//!             *tally.rw(cx) += 1;
//!             Poll::Ready(())
//!         }));
//!     }
//!     let both = join(
//!         poll_fn(|cx| Poll::Ready(*tally.ro(cx))),
//!         poll_fn(|cx| Poll::Ready(*tally.ro(cx) * 10)),
//!     );
//!     executor.run();
//!     assert_eq!(executor.block_on(both), (3, 30));
//! });
//! ```
//!
//! The cost, stated: there is no `async` syntax for a trait of our own on
//! stable Rust (the compiler turns `async` blocks into `std::future::Future`
//! only; coroutines are unstable), so branded futures are written as
//! `poll_fn` closures, combinators and hand-written `poll` functions, and
//! every type that holds a cell carries `'id`.
//!
//! # Design 2: the owner lent for one poll
//!
//! Keep `std::future::Future`. [`lent::LentOwner::lend`] wraps a future;
//! every poll of the wrapper publishes the owner *in the `Context` it polls
//! its child with*, and [`lent::with_owner`] finds it there:
//!
//! ```
//! use companion::async_cells::lent::{AsyncMarker, LentOwner, with_owner};
//! use futures::executor::LocalPool;
//! use futures::task::LocalSpawnExt;
//! use qcell::TLCell;
//! use std::rc::Rc;
//!
//! let owner = LentOwner::<AsyncMarker>::new();
//! let tally = Rc::new(TLCell::new(0));
//! let mut pool = LocalPool::new();
//! for _ in 0..3 {
//!     let tally = tally.clone();
//!     pool.spawner()
//!         .spawn_local(owner.lend(async move {
//!             with_owner(|owner| *tally.rw(owner) += 1).await;
//!             futures::future::ready(()).await; // no borrow is alive here
//!             with_owner(|owner| *tally.rw(owner) += 1).await;
//!         }))
//!         .unwrap();
//! }
//! pool.run();
//! assert_eq!(owner.with(|owner| *tally.ro(owner)), 6);
//! ```
//!
//! The closure is synchronous and its result cannot borrow the owner, so no
//! borrow crosses an `.await`. What the compiler no longer checks is that an
//! owner is there at all: a `with_owner` polled outside a `Lend`, or by a
//! combinator that polls it with a `Context` of its own (`FuturesUnordered`),
//! finds nothing and panics (`try_with_owner` returns `Err`).
//!
//! ## How the owner rides in a `Context`
//!
//! On stable Rust the only thing a `Context` carries is a `&Waker`. `Lend`
//! polls its child with a `Context` built on a *lending waker* of its own,
//! whose data pointer is a frame on `Lend::poll`'s stack (the owner's
//! address among other things) and whose vtable is private; `with_owner`
//! recognises that vtable and reads the frame. Clones of the lending waker
//! are clones of the executor's waker, so no stored waker carries the owner.
//! The source file `src/async_cells/lent/frame.rs` holds that code and the
//! argument, point by point, that it is sound.
//!
//! ## Why a branded owner cannot be lent this way
//!
//! The frame is found again by comparing a `TypeId`, and `TypeId` exists only
//! for `'static` types. A `GhostToken<'id>` has no `TypeId`; erasing it to a
//! raw pointer and casting back would have to invent the brand, and an
//! accessor generic over the brand would open cells of *any* brand with one
//! token. That is why the lent design uses a `'static` marker owner, and why
//! the nightly `Context::ext` (which takes `&mut (dyn Any + 'static)`) has the
//! same limit.

//!
//! # A server
//!
//! [`server`] is a small program on real sockets: a line-based key-value
//! server on tokio's current-thread runtime, its protocol and the store its
//! connections share, a twin that keeps that store in `Rc<RefCell<_>>`, and
//! a client load that opens many connections at once and checks every reply.

pub mod branded;
pub mod lent;
// tokio leaves out its sockets in a `--cfg loom` build, which runs the wake models only.
#[cfg(not(loom))]
pub mod server;
pub mod story;
pub mod wake;
