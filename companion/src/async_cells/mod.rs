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
//! # Every public item
//!
//! | item | what it is |
//! |---|---|
//! | [`branded::BrandedFuture`] | `Future` with a brand: `poll` takes a [`branded::Cx`] that lends `&mut` to the owner |
//! | [`branded::Cx`] | the poll context of a branded future: the owner borrow plus the `Waker` |
//! | [`branded::CellExt`] | `cell.rw(cx)` and `cell.ro(cx)` on `GhostCell` and [`branded::AsyncCell`] |
//! | [`branded::AsyncCell`] | the `LCell` flavour's cell: a `qcell::LCell<'id, T>` opened with `rw(cx)`/`ro(cx)` |
//! | [`branded::Owner`] | the owners a `Cx` can carry (sealed): `GhostToken<'id>`, `qcell::LCellOwner<'id>` |
//! | [`branded::Executor`] | a single-threaded executor that owns the owner and runs many branded tasks; wakeable from any thread |
//! | [`branded::join`], [`branded::Join`] | run two branded futures to completion, both polled with the same `Cx` |
//! | [`branded::select`], [`branded::Select`] | the first of two branded futures to finish, as a `futures::future::Either` |
//! | [`branded::poll_fn`], [`branded::PollFn`] | a branded future from a closure over `&mut Cx` |
//! | [`branded::from_std`], [`branded::FromStd`] | await a std future (a channel, a timer) inside a branded one |
//! | [`lent::LentOwner`] | the owner of a thread's `TLCell`s of marker `M`, lent to futures one poll at a time |
//! | [`lent::Lend`] | the adapter `LentOwner::lend` returns: a std future whose every poll lends the owner |
//! | [`lent::with_owner`], [`lent::WithOwner`] | the async accessor: `with_owner(\|owner\| ...).await`, synchronous inside |
//! | [`lent::try_with_owner`], [`lent::TryWithOwner`] | the same, with `Err(NotLent)` instead of a panic where no owner is lent |
//! | [`lent::with_context_owner`] | the accessor for hand-written `poll` functions (a `Stream`): takes the `&mut Context` |
//! | [`lent::NotLent`] | why no owner was found: none lent to this `Context`, or it is already in use |
//! | [`lent::AsyncMarker`] | a ready-made marker type for `TLCell<AsyncMarker, T>` |
//! | [`story`] | the story's two programs (Monitor, StreamPipe), with `RefCell`, branded futures and the lent owner |
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
//! polls its child with a `Context` built on a *lending waker* of its own: a
//! `Waker` whose data pointer is a frame on `Lend::poll`'s stack (the owner's
//! address, the marker's `TypeId`, the polling thread, an in-use flag and the
//! executor's own waker) and whose vtable is a private `static`. Waking it
//! wakes the executor's waker; cloning it returns a clone of the executor's
//! waker, so no stored waker ever carries the owner. `with_owner` compares
//! `cx.waker().vtable()` with that `static`; on a match it reads the frame.
//!
//! ## Why it is sound
//!
//! Each point is a test in `lent/tests.rs` or one sentence here.
//!
//! * **Only the lending `Context` finds the owner.** The frame is reachable
//!   only through a `&Waker` with the private vtable, and such a `Waker`
//!   exists only as a local of `Lend::poll`, lent by reference to the child's
//!   `Context` for the duration of one `poll` call. Clones are plain executor
//!   wakers. A combinator that builds its own `Context` from its own waker
//!   (`FuturesUnordered`) hides the frame: its children get `NotLent`
//!   (tested). One that passes the same `Context` on (`futures::join!`,
//!   `select!`, `async` blocks) lets its children find it, which is sound
//!   because each accessor runs synchronously and the in-use flag below
//!   keeps it to one at a time (tested).
//! * **Anyone can build a `Context`** (`Context::from_waker`), but not a
//!   lending waker: `Waker::new`/`Waker::from_raw` are `unsafe`, and the
//!   vtable is private. A hand-made `Context` over the *same* borrowed lending
//!   waker is possible inside a poll, so the frame carries an in-use flag:
//!   a second accessor while the first one's closure runs gets
//!   `NotLent::InUse`, never a second `&mut` (tested).
//! * **The frame cannot be used after the poll.** Its lifetime is the `Lend`
//!   poll's stack frame; every path to it goes through a `&Waker` borrowed
//!   from a `Context` that does not outlive that call. No `'static` copy
//!   exists (clones drop the frame), so leaking the future (`Box::leak`,
//!   `Pin::static_mut`) leaks the owner with it but exposes no frame.
//! * **`Waker` is `Send + Sync`.** A scoped thread spawned inside a poll can
//!   receive the lending `&Waker`. The frame records the polling thread (the
//!   address of a `const` thread-local, unique among live threads), and the
//!   lookup refuses a frame from another thread before it reads anything else
//!   (tested); waking from another thread wakes the executor's waker (tested).
//! * **One owner per thread and marker.** `qcell::TLCellOwner::new` panics on
//!   a second owner of one marker on one thread; the `LentOwner` is `!Send`
//!   (an `Rc`), so are `Lend` and the `TLCellOwner`. While a `Lend` polls, its
//!   owner is marked busy: a nested `Lend` of the same owner passes its
//!   child's poll through without a frame of its own, and `LentOwner::with`
//!   refuses (tested). At most one frame per owner exists at any time.
//! * **Panics.** The busy flag and the in-use flag are reset by guards that
//!   also run while unwinding. After a `catch_unwind` around a poll, or
//!   around an accessor inside a poll, the owner is still in its `LentOwner`
//!   and lends again (tested). Nothing is ever moved out, so nothing is lost.
//! * **Re-entrant polls.** Polling a `Lend` from inside an accessor's closure
//!   (a nested `block_on`) finds the owner busy and lends nothing (tested).
//! * **Thread-local destructors.** The lookup touches one `const`
//!   thread-local with no destructor, which stays readable while a thread's
//!   other thread-locals are destroyed; a `Lend` polled from a thread-local
//!   destructor works (tested). qcell's own `TLCellOwner::new` and `drop`
//!   use a thread-local set and panic if called after it is destroyed, and
//!   a panic in a thread-local destructor aborts the process: keep a
//!   `LentOwner` out of thread-locals, or drop it before the thread ends.
//! * **`process::exit`.** The frame lives on the stack of the poll that
//!   called `exit`, which is never left, so a scoped thread holding the
//!   lending `&Waker` still finds it valid. Waking forwards to the
//!   executor's waker, which is as sound as that executor's: `futures`'
//!   `block_on` keeps its waker's state in a thread-local that `exit` frees;
//!   the branded executor keeps it on its own stack.
//! * **Stackful coroutines.** A poll suspended on a coroutine's stack keeps
//!   the owner busy. A crate that resumes a `!Send` stack on another thread
//!   is unsound for `Rc` and `TLCellOwner` alike; the thread check refuses
//!   lookups from the new thread.
//! * **Cargo features.** qcell's optional features do not change
//!   `TLCellOwner` or `LCellOwner`.
//! * **`async` blocks holding things across `.await`.** The accessor's result
//!   type is fixed outside the closure's lifetime, so it cannot borrow the
//!   owner; a cell reference cannot be carried to the next `.await`
//!   (compile-fail cases in `tests/soundness/async_cells/`).
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

pub mod branded;
pub mod lent;
pub mod story;
