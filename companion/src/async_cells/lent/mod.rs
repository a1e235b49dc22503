//! std futures with the cell owner lent for exactly one poll.
//!
//! A [`LentOwner<M>`](LentOwner) holds the thread's `qcell::TLCellOwner<M>`.
//! [`LentOwner::lend`] wraps any `std::future::Future` in a [`Lend`]; each
//! poll of the `Lend` publishes the owner in the `Context` it polls the
//! wrapped future with, and withdraws it when the poll returns, unwinding
//! included. Inside, the async accessor [`with_owner`] runs a synchronous
//! closure with `&mut TLCellOwner<M>`:
//!
//! ```
//! use companion::async_cells::lent::{AsyncMarker, LentOwner, with_owner};
//! use qcell::TLCell;
//! use std::rc::Rc;
//!
//! struct Monitor {
//!     count: usize,
//! }
//!
//! let owner = LentOwner::<AsyncMarker>::new();
//! let monitor = Rc::new(TLCell::new(Monitor { count: 0 }));
//! let (m0, m1) = (monitor.clone(), monitor.clone());
//! let fut1 = async move { with_owner(|o| m1.rw(o).count += 1).await };
//! let fut0 = async move {
//!     with_owner(|o| m0.rw(o).count += 1).await;
//!     fut1.await; // the closure above has returned: no borrow is alive here
//!     with_owner(|o| m0.rw(o).count += 1).await;
//! };
//! futures::executor::block_on(owner.lend(fut0));
//! assert_eq!(owner.with(|o| monitor.ro(o).count), 3);
//! ```
//!
//! How the owner rides in a `Context`, and why that is sound, point by point,
//! is told beside the code that does it: the source file
//! `src/async_cells/lent/frame.rs`.
//!
//! # What this design cannot do
//!
//! * Prove at compile time that an owner is there: a `with_owner` polled
//!   outside a `Lend`, or by a combinator with a `Context` of its own
//!   (`FuturesUnordered`, a task spawned elsewhere), panics at run time;
//!   [`try_with_owner`] returns [`NotLent`] instead.
//! * Lend a branded owner (`GhostToken<'id>`, `LCellOwner<'id>`): the owner is
//!   found again by `TypeId`, which needs `'static`.
//! * Run two owners of one marker on one thread (qcell forbids it), or move
//!   a `Lend` to another thread (`!Send`, like the owner).
//! * Reach the owner from a `Drop`, or from a waker: only a poll has it.
//! * Lend to `Lend`s nested under a combinator with its own `Context`: while
//!   a `Lend` polls, its owner is busy, so a `Lend` of the same owner inside
//!   it (say, each child of a `FuturesUnordered` inside one task) passes its
//!   poll through and its child finds nothing. Lend at the top of each task.
//! * Tell a stored waker apart: a clone of the lending waker is the
//!   executor's waker, so `Waker::will_wake` against `cx.waker()` is always
//!   false and code that caches a waker (`AtomicWaker`) re-registers on every
//!   poll.

mod frame;

use core::any::TypeId;
use core::cell::{Cell, UnsafeCell};
use core::fmt;
use core::future::Future;
use core::marker::PhantomData;
use core::pin::Pin;
use core::task::{Context, Poll};
use std::rc::Rc;

use pin_project_lite::pin_project;
use qcell::TLCellOwner;

use frame::{Claim, Frame, find, lending_waker};

/// A ready-made marker for the lent owner: cells are `TLCell<AsyncMarker, T>`.
/// Any `'static` type works as a marker; one owner per marker per thread.
///
/// # Example
///
/// ```
/// use companion::async_cells::lent::{AsyncMarker, LentOwner};
/// use qcell::TLCell;
///
/// let owner = LentOwner::<AsyncMarker>::new();
/// let cell: TLCell<AsyncMarker, u8> = TLCell::new(7);
/// assert_eq!(owner.with(|o| *cell.ro(o)), 7);
/// ```
pub struct AsyncMarker;

/// Why an accessor got no owner.
///
/// # Example
///
/// ```
/// use companion::async_cells::lent::{AsyncMarker, NotLent, try_with_owner};
///
/// // Not inside a `Lend`: no owner in this `Context`.
/// let got = futures::executor::block_on(try_with_owner::<AsyncMarker, _, _>(|_| ()));
/// assert_eq!(got, Err(NotLent::NotInContext));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotLent {
    /// The `Context` carries no owner of this marker on this thread: the
    /// future is not polled by a `Lend`, or a combinator polled it with a
    /// `Context` of its own.
    NotInContext,
    /// The owner is lent already, to an accessor whose closure is running
    /// further up this thread's stack (or a `Lend` of it is being polled).
    InUse,
}

impl fmt::Display for NotLent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NotLent::NotInContext => {
                "no cell owner is lent to this poll's Context: the future is not polled by a `Lend`, \
                 or a combinator polled it with a `Context` of its own; a `Lend` polled inside \
                 another `Lend` of the same owner finds the owner busy and lends nothing, so lend \
                 each child of the combinator instead of the combinator, not both"
            }
            NotLent::InUse => "the cell owner is already in use further up the stack",
        })
    }
}

impl std::error::Error for NotLent {}

/// The owner's home: the one `TLCellOwner<M>` and whether it is out.
struct Slot<M: 'static> {
    owner: UnsafeCell<TLCellOwner<M>>,
    busy: Cell<bool>,
}

/// The thread's owner of `TLCell<M, _>`s, lent to futures one poll at a time.
///
/// `LentOwner` is `!Send` and `!Sync`, like the `TLCellOwner` it holds. It is
/// a handle: every [`Lend`] it makes shares the one owner, and at most one of
/// them, or one call of [`with`](Self::with), has it at any moment.
///
/// # Example
///
/// ```
/// use companion::async_cells::lent::{LentOwner, with_owner};
/// use qcell::TLCell;
///
/// struct Tally;
/// let owner = LentOwner::<Tally>::new();
/// let cell = TLCell::<Tally, _>::new(0);
/// futures::executor::block_on(owner.lend(async {
///     with_owner(|o| *cell.rw(o) += 1).await;
/// }));
/// owner.with(|o| *cell.rw(o) += 1);
/// assert_eq!(owner.with(|o| *cell.ro(o)), 2);
/// ```
pub struct LentOwner<M: 'static> {
    slot: Rc<Slot<M>>,
}

impl<M: 'static> LentOwner<M> {
    /// Creates this thread's owner for marker `M`.
    ///
    /// # Panics
    ///
    /// If this thread already has a `TLCellOwner<M>` (qcell's rule: one per
    /// thread and marker).
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::lent::{AsyncMarker, LentOwner};
    ///
    /// let owner = LentOwner::<AsyncMarker>::new();
    /// assert!(LentOwner::<AsyncMarker>::try_new().is_none());
    /// drop(owner);
    /// assert!(LentOwner::<AsyncMarker>::try_new().is_some());
    /// ```
    #[allow(clippy::new_without_default)] // a second `default()` would panic
    pub fn new() -> Self {
        Self::from_owner(TLCellOwner::new())
    }

    /// Like [`new`](Self::new), but `None` if the thread already has an
    /// owner for `M`.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::lent::LentOwner;
    ///
    /// struct Marker;
    /// let first = LentOwner::<Marker>::try_new();
    /// assert!(first.is_some());
    /// assert!(LentOwner::<Marker>::try_new().is_none());
    /// ```
    pub fn try_new() -> Option<Self> {
        TLCellOwner::try_new().map(Self::from_owner)
    }

    fn from_owner(owner: TLCellOwner<M>) -> Self {
        LentOwner { slot: Rc::new(Slot { owner: UnsafeCell::new(owner), busy: Cell::new(false) }) }
    }

    /// Wraps `future` so that each of its polls finds this owner through
    /// [`with_owner`].
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::lent::{AsyncMarker, LentOwner, with_owner};
    /// use futures::executor::LocalPool;
    /// use futures::task::LocalSpawnExt;
    /// use qcell::TLCell;
    /// use std::rc::Rc;
    ///
    /// let owner = LentOwner::<AsyncMarker>::new();
    /// let log = Rc::new(TLCell::new(Vec::new()));
    /// let mut pool = LocalPool::new();
    /// for id in 0..3 {
    ///     let log = log.clone();
    ///     let task = owner.lend(async move { with_owner(|o| log.rw(o).push(id)).await });
    ///     pool.spawner().spawn_local(task).unwrap();
    /// }
    /// pool.run();
    /// assert_eq!(owner.with(|o| log.ro(o).len()), 3);
    /// ```
    pub fn lend<F: Future>(&self, future: F) -> Lend<M, F> {
        Lend { slot: self.slot.clone(), future }
    }

    /// Runs `f` with the owner, outside any poll: to set up or read cells
    /// from synchronous code.
    ///
    /// # Panics
    ///
    /// If the owner is in use: called from inside a poll of one of its
    /// `Lend`s, or from inside another `with`. See [`try_with`](Self::try_with).
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::lent::{AsyncMarker, LentOwner};
    /// use qcell::TLCell;
    ///
    /// let owner = LentOwner::<AsyncMarker>::new();
    /// let (a, b) = (TLCell::new(1), TLCell::new(2));
    /// owner.with(|o| {
    ///     let (a, b) = o.rw2(&a, &b);
    ///     std::mem::swap(a, b);
    /// });
    /// assert_eq!(owner.with(|o| (*a.ro(o), *b.ro(o))), (2, 1));
    /// ```
    pub fn with<R>(&self, f: impl FnOnce(&mut TLCellOwner<M>) -> R) -> R {
        match self.try_with(f) {
            Ok(result) => result,
            Err(why) => panic!("LentOwner::with: {why}"),
        }
    }

    /// Like [`with`](Self::with), but `Err(NotLent::InUse)` if the owner is
    /// in use.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::lent::{AsyncMarker, LentOwner, NotLent};
    ///
    /// let owner = LentOwner::<AsyncMarker>::new();
    /// let nested = owner.with(|_| owner.try_with(|_| ()));
    /// assert_eq!(nested, Err(NotLent::InUse));
    /// ```
    pub fn try_with<R>(&self, f: impl FnOnce(&mut TLCellOwner<M>) -> R) -> Result<R, NotLent> {
        let Some(_busy) = Claim::take(&self.slot.busy) else { return Err(NotLent::InUse) };
        // SAFETY:
        // - a `Lend` frame or another `with` holding the owner: `busy` was
        //   clear and is set until `_busy` drops (unwinding included), and
        //   frames are only made while their `Lend` holds `busy`, and die
        //   before it is cleared;
        // - the `&mut` outliving this call: it lives for the call of `f`
        //   only (the result type `R` is chosen outside it, so it cannot
        //   borrow the owner);
        // - another thread: the slot is `!Sync` and `!Send`.
        let owner = unsafe { &mut *self.slot.owner.get() };
        Ok(f(owner))
    }
}

pin_project! {
    /// A std future whose every poll lends the owner to the future it wraps.
    /// Made by [`LentOwner::lend`].
    ///
    /// `Lend` is `!Send`. If the owner is already in use when it is polled
    /// (a `Lend` of the same owner is being polled further up the stack, or a
    /// [`LentOwner::with`] closure is running), it polls the wrapped future
    /// with the `Context` it was given, adding nothing.
    #[must_use = "futures do nothing unless polled"]
    pub struct Lend<M: 'static, F> {
        slot: Rc<Slot<M>>,
        #[pin]
        future: F,
    }
}

impl<M: 'static, F: Future> Future for Lend<M, F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        let Some(_busy) = Claim::take(&this.slot.busy) else { return this.future.poll(cx) };
        let frame = Frame::new(TypeId::of::<M>(), this.slot.owner.get().cast(), cx.waker());
        let waker = lending_waker(&frame);
        let mut lent = Context::from_waker(&waker);
        this.future.poll(&mut lent)
    }
}

/// Runs `f` with the owner lent to `cx`: the accessor for hand-written
/// `poll` functions (a `Stream`'s `poll_next`, a `Future` of your own).
///
/// The closure is synchronous, and `R` cannot borrow the owner. Taking
/// `&mut Context` keeps `cx` itself from being used meanwhile; `f` could
/// still build a new `Context` on the same lending waker (`cx.waker()` is
/// not tied to that borrow), and the frame's in-use flag is what refuses a
/// second owner through it.
///
/// # Example
///
/// ```
/// use companion::async_cells::lent::{AsyncMarker, LentOwner, NotLent, with_context_owner};
/// use qcell::TLCell;
/// use std::future::poll_fn;
/// use std::task::Poll;
///
/// let owner = LentOwner::<AsyncMarker>::new();
/// let cell = TLCell::<AsyncMarker, _>::new(1);
/// let doubled = futures::executor::block_on(owner.lend(poll_fn(|cx| {
///     Poll::Ready(with_context_owner(cx, |o| {
///         *cell.rw(o) *= 2;
///         *cell.ro(o)
///     }))
/// })));
/// assert_eq!(doubled, Ok(2));
/// ```
pub fn with_context_owner<M: 'static, R>(
    cx: &mut Context<'_>,
    f: impl FnOnce(&mut TLCellOwner<M>) -> R,
) -> Result<R, NotLent> {
    let frame = find(cx.waker(), TypeId::of::<M>()).ok_or(NotLent::NotInContext)?;
    let (_in_use, owner) = frame.take().ok_or(NotLent::InUse)?;
    // SAFETY:
    // - a pointer to something else: `find` returned the live frame of a
    //   `Lend` that is polling on this thread, for marker `M` (the `TypeId`
    //   matched), so `owner` is that `Lend`'s `*mut TLCellOwner<M>`;
    // - `LentOwner::with` or another frame holding the owner: that `Lend`
    //   holds its owner's `busy` claim while the frame lives;
    // - another accessor holding it: `take` claimed the frame's `in_use`
    //   flag until `_in_use` drops (unwinding included);
    // - the `&mut` outliving this call: it lives for the call of `f` only.
    let owner = unsafe { &mut *owner.cast::<TLCellOwner<M>>() };
    Ok(f(owner))
}

/// The future returned by [`with_owner`]. It finishes in its first poll.
#[must_use = "futures do nothing unless polled"]
pub struct WithOwner<M, F> {
    f: Option<F>,
    _marker: PhantomData<fn() -> M>,
}

// The closure is never pinned: it is taken out by value in the first poll.
impl<M, F> Unpin for WithOwner<M, F> {}

/// The async accessor: `with_owner(|owner| ...).await` runs the closure with
/// `&mut TLCellOwner<M>` of the `Lend` that polls it.
///
/// The closure is synchronous, so no borrow it makes crosses an `.await`,
/// and its result cannot borrow the owner. The marker `M` is inferred from
/// the cells the closure opens, so they need a known marker type:
/// `TLCell::<AsyncMarker, _>::new(..)`, or a field typed `TLCell<M, T>`.
///
/// # Panics
///
/// When polled without an owner: not inside a `Lend`, inside a combinator
/// that polls it with a `Context` of its own, or while another accessor's
/// closure holds the owner. [`try_with_owner`] returns the reason instead.
///
/// # Example
///
/// ```
/// use companion::async_cells::lent::{AsyncMarker, LentOwner, with_owner};
/// use qcell::TLCell;
///
/// let owner = LentOwner::<AsyncMarker>::new();
/// let name = TLCell::<AsyncMarker, _>::new(String::from("lent"));
/// let len = futures::executor::block_on(owner.lend(async {
///     with_owner(|o| name.rw(o).push_str(" owner")).await;
///     with_owner(|o| name.ro(o).len()).await
/// }));
/// assert_eq!(len, 10);
/// ```
pub fn with_owner<M: 'static, R, F: FnOnce(&mut TLCellOwner<M>) -> R>(f: F) -> WithOwner<M, F> {
    WithOwner { f: Some(f), _marker: PhantomData }
}

impl<M: 'static, R, F: FnOnce(&mut TLCellOwner<M>) -> R> Future for WithOwner<M, F> {
    type Output = R;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<R> {
        let this = self.get_mut();
        let f = this.f.take().expect("`with_owner` polled after it completed");
        match with_context_owner(cx, f) {
            Ok(result) => Poll::Ready(result),
            Err(why) => panic!("with_owner: {why}"),
        }
    }
}

/// The future returned by [`try_with_owner`]. It finishes in its first poll.
#[must_use = "futures do nothing unless polled"]
pub struct TryWithOwner<M, F> {
    f: Option<F>,
    _marker: PhantomData<fn() -> M>,
}

// As for `WithOwner`: the closure is never pinned.
impl<M, F> Unpin for TryWithOwner<M, F> {}

/// Like [`with_owner`], but resolves to `Err(NotLent)` instead of panicking
/// when no owner is lent to its poll.
///
/// # Example
///
/// ```
/// use companion::async_cells::lent::{AsyncMarker, LentOwner, NotLent, try_with_owner};
/// use futures::StreamExt;
/// use futures::stream::FuturesUnordered;
/// use qcell::TLCell;
///
/// let owner = LentOwner::<AsyncMarker>::new();
/// let cell = TLCell::<AsyncMarker, _>::new(0);
/// let results: Vec<_> = futures::executor::block_on(owner.lend(async {
///     // FuturesUnordered polls its children with a Context of its own.
///     let children: FuturesUnordered<_> =
///         (0..2).map(|_| try_with_owner(|o| *cell.rw(o) += 1)).collect();
///     children.collect().await
/// }));
/// assert_eq!(results, [Err(NotLent::NotInContext), Err(NotLent::NotInContext)]);
/// ```
pub fn try_with_owner<M: 'static, R, F: FnOnce(&mut TLCellOwner<M>) -> R>(f: F) -> TryWithOwner<M, F> {
    TryWithOwner { f: Some(f), _marker: PhantomData }
}

impl<M: 'static, R, F: FnOnce(&mut TLCellOwner<M>) -> R> Future for TryWithOwner<M, F> {
    type Output = Result<R, NotLent>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<R, NotLent>> {
        let this = self.get_mut();
        let f = this.f.take().expect("`try_with_owner` polled after it completed");
        Poll::Ready(with_context_owner(cx, f))
    }
}

#[cfg(test)]
mod tests;
