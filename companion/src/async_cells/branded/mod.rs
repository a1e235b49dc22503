//! Branded futures: a `Future` trait whose `poll` takes the cell owner.
//!
//! [`BrandedFuture<'id>`](BrandedFuture) is `std::future::Future` with one
//! change: `poll` receives `&mut Cx<'id, '_>`, a context that holds
//! `&mut GhostToken<'id>` next to the `Waker`. Cells of brand `'id` are opened
//! with [`cell.rw(cx)`](CellExt::rw) and [`cell.ro(cx)`](CellExt::ro). The
//! owner itself lives in the [`Executor`], which lends it to each task it
//! polls. Everything is checked by the compiler:
//!
//! * a child future is polled with `&mut cx`, so a cell borrow cannot be
//!   alive across a child's poll (E0499);
//! * a cell of another brand, or a `Cx` of another executor, does not
//!   type-check;
//! * a `Cx` cannot be kept after `poll` returns: it borrows the executor's
//!   owner for one call.
//!
//! The same machinery runs on the `LCell` flavour of the async story by
//! Stakker's author: a `Cx<'id, '_, qcell::LCellOwner<'id>>` carries a
//! `qcell::LCellOwner<'id>`, and [`CellExt`] opens an [`AsyncCell<'id, T>`]
//! (a `qcell::LCell<'id, T>` inside) with it.
//!
//! ```
//! use companion::async_cells::branded::{AsyncCell, BrandedFuture, CellExt, Cx, Executor};
//! use qcell::LCellOwner;
//! use std::pin::Pin;
//! use std::rc::Rc;
//! use std::task::Poll;
//!
//! struct Bump<'id> {
//!     count: Rc<AsyncCell<'id, usize>>,
//! }
//!
//! impl<'id> BrandedFuture<'id, LCellOwner<'id>> for Bump<'id> {
//!     type Output = usize;
//!     fn poll(self: Pin<&mut Self>, cx: &mut Cx<'id, '_, LCellOwner<'id>>) -> Poll<usize> {
//!         *self.count.rw(cx) += 1;
//!         Poll::Ready(*self.count.ro(cx))
//!     }
//! }
//!
//! LCellOwner::scope(|owner| {
//!     let count = Rc::new(AsyncCell::new(0));
//!     let mut executor = Executor::new(owner);
//!     assert_eq!(executor.block_on(Bump { count: count.clone() }), 1);
//!     assert_eq!(*executor.owner().ro(count.as_lcell()), 1);
//! });
//! ```
//!
//! # The cost
//!
//! No `async` syntax: on stable Rust `async` blocks always produce a
//! `std::future::Future`, so branded futures are closures ([`poll_fn`]),
//! combinators ([`join`], [`select`]) and hand-written `poll` functions, and
//! every type that holds a cell names `'id`. At run time a `Cx` is two
//! pointers and `rw(cx)` is a plain `&mut` access: the same machine code.

#![forbid(unsafe_code)]

mod combinators;
mod executor;
mod spawner;
mod waker;

pub use combinators::{FromStd, Join, PollFn, Select, from_std, join, poll_fn, select};
pub use executor::{BlockOnAsync, Executor, RunAsync};
pub use spawner::{SpawnError, Spawner};

use core::marker::PhantomData;
use core::ops::DerefMut;
use core::pin::Pin;
use core::task::{Poll, Waker};

use qcell::{LCell, LCellOwner};

use crate::ghost::{GhostCell, GhostToken};

mod sealed {
    pub trait Sealed {}
}

/// An owner a [`Cx`] can carry: one whose brand `'id` is a lifetime no other
/// owner shares. Sealed: implemented for [`GhostToken<'id>`] and
/// `qcell::LCellOwner<'id>` only, the two owners whose uniqueness comes from a
/// closure over a fresh lifetime.
///
/// # Example
///
/// ```
/// use companion::async_cells::branded::Owner;
/// use companion::ghost::GhostToken;
///
/// fn carries<'id, O: Owner<'id>>(_: &O) -> bool { true }
/// GhostToken::new(|token| assert!(carries(&token)));
/// ```
pub trait Owner<'id>: sealed::Sealed {}

impl sealed::Sealed for GhostToken<'_> {}
impl<'id> Owner<'id> for GhostToken<'id> {}
impl sealed::Sealed for LCellOwner<'_> {}
impl<'id> Owner<'id> for LCellOwner<'id> {}

/// The poll context of a [`BrandedFuture`]: `&mut` to the owner of brand
/// `'id`, and the [`Waker`] of the task being polled.
///
/// `'a` is one `poll` call: a `Cx` is made by the executor for each poll and
/// cannot be kept after it (its fields are private, and the executor's owner
/// is borrowed only for the call). A future polls its children with
/// [`reborrow`](Self::reborrow) or by passing `cx` on.
///
/// The brand is invariant, like the token's, and `Cx` is two pointers wide:
///
/// ```
/// use companion::async_cells::branded::Cx;
/// assert_eq!(size_of::<Cx<'static, 'static>>(), 2 * size_of::<usize>());
/// ```
///
/// # Example
///
/// Building a `Cx` for one poll by hand, the way the story polls its
/// `MyFuture` once:
///
/// ```
/// use companion::async_cells::branded::{BrandedFuture, CellExt, Cx, poll_fn};
/// use companion::ghost::{GhostCell, GhostToken};
/// use std::pin::pin;
/// use std::task::{Poll, Waker};
///
/// GhostToken::new(|mut token| {
///     let count = GhostCell::new(0);
///     let mut future = pin!(poll_fn(|cx| {
///         *count.rw(cx) += 1;
///         Poll::Ready(())
///     }));
///     let mut cx = Cx::new(&mut token, Waker::noop());
///     assert!(future.as_mut().poll(&mut cx).is_ready());
///     assert_eq!(*count.ro(&cx), 1);
/// });
/// ```
pub struct Cx<'id, 'a, O = GhostToken<'id>> {
    owner: &'a mut O,
    waker: &'a Waker,
    _brand: PhantomData<fn(&'id ()) -> &'id ()>,
}

impl<'id, 'a, O: Owner<'id>> Cx<'id, 'a, O> {
    /// A context that lends `owner` and wakes `waker`. Sound for any caller:
    /// it only borrows an owner the caller already holds mutably.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::branded::{CellExt, Cx};
    /// use companion::ghost::{GhostCell, GhostToken};
    /// use std::task::Waker;
    ///
    /// GhostToken::new(|mut token| {
    ///     let cell = GhostCell::new(1);
    ///     let mut cx = Cx::new(&mut token, Waker::noop());
    ///     *cell.rw(&mut cx) += 1;
    ///     assert_eq!(*cell.ro(&cx), 2);
    /// });
    /// ```
    pub fn new(owner: &'a mut O, waker: &'a Waker) -> Self {
        Cx { owner, waker, _brand: PhantomData }
    }
}

impl<'id, 'a, O> Cx<'id, 'a, O> {
    /// The owner, shared, for as long as `self` is borrowed.
    pub fn owner(&self) -> &O {
        self.owner
    }

    /// The owner, mutably, for as long as `self` is borrowed: for the owner's
    /// own methods (`GhostCell`'s multi-borrows, `LCellOwner::rw2`).
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::branded::Cx;
    /// use companion::ghost::{GhostCell, GhostToken};
    /// use std::task::Waker;
    ///
    /// GhostToken::new(|mut token| {
    ///     let (a, b) = (GhostCell::new(1), GhostCell::new(2));
    ///     let mut cx = Cx::new(&mut token, Waker::noop());
    ///     GhostCell::swap(&a, &b, cx.owner_mut()).unwrap();
    ///     assert_eq!((*a.borrow(cx.owner()), *b.borrow(cx.owner())), (2, 1));
    /// });
    /// ```
    pub fn owner_mut(&mut self) -> &mut O {
        self.owner
    }

    /// The waker of the task being polled: clone it to be woken later, from
    /// this thread or any other.
    pub fn waker(&self) -> &'a Waker {
        self.waker
    }

    /// A shorter-lived copy of this context, to poll a child with while
    /// keeping `self` for later.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::branded::{BrandedFuture, CellExt, Cx, poll_fn};
    /// use companion::ghost::{GhostCell, GhostToken};
    /// use std::pin::pin;
    /// use std::task::{Poll, Waker};
    ///
    /// GhostToken::new(|mut token| {
    ///     let cell = GhostCell::new(0);
    ///     let mut child = pin!(poll_fn(|cx| {
    ///         *cell.rw(cx) += 1;
    ///         Poll::Ready(())
    ///     }));
    ///     let mut cx = Cx::new(&mut token, Waker::noop());
    ///     let _ = child.as_mut().poll(&mut cx.reborrow());
    ///     assert_eq!(*cell.ro(&cx), 1);
    /// });
    /// ```
    pub fn reborrow(&mut self) -> Cx<'id, '_, O> {
        Cx { owner: self.owner, waker: self.waker, _brand: PhantomData }
    }
}

/// A future polled with the cell owner of brand `'id`: `std::future::Future`
/// with [`Cx`] in place of `Context`.
///
/// `O` is the owner: [`GhostToken<'id>`] unless named (`qcell::LCellOwner<'id>`
/// for the `LCell` flavour). The contract is `Future`'s: return
/// `Poll::Pending` only after arranging for `cx.waker()` to be woken, and do
/// not poll again after `Poll::Ready`.
///
/// # Example
///
/// ```
/// use companion::async_cells::branded::{BrandedFuture, CellExt, Cx, Executor};
/// use companion::ghost::{GhostCell, GhostToken};
/// use std::pin::Pin;
/// use std::rc::Rc;
/// use std::task::Poll;
///
/// /// Adds one to a shared tally on each poll, until it reaches `until`.
/// struct CountTo<'id> {
///     tally: Rc<GhostCell<'id, u32>>,
///     until: u32,
/// }
///
/// impl<'id> BrandedFuture<'id> for CountTo<'id> {
///     type Output = u32;
///     fn poll(self: Pin<&mut Self>, cx: &mut Cx<'id, '_>) -> Poll<u32> {
///         let tally = self.tally.rw(cx);
///         *tally += 1;
///         if *tally < self.until {
///             cx.waker().wake_by_ref();
///             Poll::Pending
///         } else {
///             Poll::Ready(*self.tally.ro(cx))
///         }
///     }
/// }
///
/// GhostToken::new(|token| {
///     let tally = Rc::new(GhostCell::new(0));
///     let mut executor = Executor::new(token);
///     assert_eq!(executor.block_on(CountTo { tally, until: 4 }), 4);
/// });
/// ```
#[must_use = "futures do nothing unless polled"]
pub trait BrandedFuture<'id, O = GhostToken<'id>> {
    /// What the future produces.
    type Output;

    /// Advances the future, with the owner lent through `cx` for this call.
    fn poll(self: Pin<&mut Self>, cx: &mut Cx<'id, '_, O>) -> Poll<Self::Output>;
}

impl<'id, O, F: BrandedFuture<'id, O> + Unpin + ?Sized> BrandedFuture<'id, O> for &mut F {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Cx<'id, '_, O>) -> Poll<F::Output> {
        F::poll(Pin::new(&mut **self), cx)
    }
}

impl<'id, O, P> BrandedFuture<'id, O> for Pin<P>
where
    P: DerefMut<Target: BrandedFuture<'id, O>>,
{
    type Output = <P::Target as BrandedFuture<'id, O>>::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Cx<'id, '_, O>) -> Poll<Self::Output> {
        self.as_deref_mut().poll(cx)
    }
}

/// `cell.rw(cx)` and `cell.ro(cx)`: open a cell by naming the poll context
/// that carries its owner.
///
/// The result borrows `cx` for as long as it lives: `rw` mutably, so nothing
/// else (no other cell, no child's poll) can use `cx` meanwhile, `ro` shared,
/// so other `ro` borrows may coexist. Implemented for
/// [`GhostCell<'id, T>`](GhostCell) with a `Cx` carrying [`GhostToken<'id>`],
/// and for [`AsyncCell<'id, T>`] with a `Cx` carrying `qcell::LCellOwner<'id>`.
///
/// # Example
///
/// ```
/// use companion::async_cells::branded::{CellExt, Cx};
/// use companion::ghost::{GhostCell, GhostToken};
/// use std::task::Waker;
///
/// GhostToken::new(|mut token| {
///     let (a, b) = (GhostCell::new(2), GhostCell::new(3));
///     let mut cx = Cx::new(&mut token, Waker::noop());
///     let product = *a.ro(&cx) * *b.ro(&cx);
///     *a.rw(&mut cx) = product;
///     assert_eq!(*a.ro(&cx), 6);
/// });
/// ```
pub trait CellExt<'id, O> {
    /// The value inside the cell.
    type Value: ?Sized;

    /// Writes the cell: `&mut` to its value for as long as `cx` is mutably
    /// borrowed.
    fn rw<'a>(&'a self, cx: &'a mut Cx<'id, '_, O>) -> &'a mut Self::Value;

    /// Reads the cell: `&` to its value for as long as `cx` is borrowed.
    fn ro<'a>(&'a self, cx: &'a Cx<'id, '_, O>) -> &'a Self::Value;
}

// `rw` and `ro` compile to the same machine code as a plain `&mut` and `&`
// access; the repository that hosts this crate checks it in its test suite.
impl<'id, T: ?Sized> CellExt<'id, GhostToken<'id>> for GhostCell<'id, T> {
    type Value = T;

    #[inline]
    fn rw<'a>(&'a self, cx: &'a mut Cx<'id, '_>) -> &'a mut T {
        self.borrow_mut(cx.owner)
    }

    #[inline]
    fn ro<'a>(&'a self, cx: &'a Cx<'id, '_>) -> &'a T {
        self.borrow(cx.owner)
    }
}

/// The cell of the `LCell` flavour: a `qcell::LCell<'id, T>` opened through a
/// [`Cx`] that carries `qcell::LCellOwner<'id>`, as in the async story by
/// Stakker's author.
///
/// A wrapper, not an extension of `LCell` itself, because `LCell`'s own
/// `rw(&mut owner)` and `ro(&owner)` methods would shadow
/// [`CellExt::rw`]/[`CellExt::ro`] in a method call. Same size as `T`.
///
/// # Example
///
/// ```
/// use companion::async_cells::branded::{AsyncCell, CellExt, Executor, poll_fn};
/// use qcell::LCellOwner;
/// use std::task::Poll;
///
/// LCellOwner::scope(|owner| {
///     let cell = AsyncCell::new(1);
///     let mut executor = Executor::new(owner);
///     let value = executor.block_on(poll_fn(|cx| {
///         *cell.rw(cx) += 1;
///         Poll::Ready(*cell.ro(cx))
///     }));
///     assert_eq!(value, 2);
///     assert_eq!(*executor.owner().ro(cell.as_lcell()), 2);
/// });
/// ```
#[repr(transparent)]
pub struct AsyncCell<'id, T: ?Sized>(LCell<'id, T>);

impl<'id, T> AsyncCell<'id, T> {
    /// Wraps `value`.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::branded::AsyncCell;
    ///
    /// let cell = AsyncCell::new(String::new());
    /// assert!(cell.into_inner().is_empty());
    /// ```
    pub fn new(value: T) -> Self {
        AsyncCell(LCell::new(value))
    }

    /// Unwraps the value: owning the cell means nobody else can reach it.
    pub fn into_inner(self) -> T {
        self.0.into_inner()
    }
}

impl<'id, T: ?Sized> AsyncCell<'id, T> {
    /// The `LCell` inside, for the owner's own methods outside a poll.
    pub fn as_lcell(&self) -> &LCell<'id, T> {
        &self.0
    }
}

impl<'id, T: ?Sized> CellExt<'id, LCellOwner<'id>> for AsyncCell<'id, T> {
    type Value = T;

    #[inline]
    fn rw<'a>(&'a self, cx: &'a mut Cx<'id, '_, LCellOwner<'id>>) -> &'a mut T {
        cx.owner.rw(&self.0)
    }

    #[inline]
    fn ro<'a>(&'a self, cx: &'a Cx<'id, '_, LCellOwner<'id>>) -> &'a T {
        cx.owner.ro(&self.0)
    }
}

// Miri runs no sockets, and loom's build of tokio runs only inside a model.
#[cfg(all(test, not(loom), not(miri)))]
mod embedded_tests;
#[cfg(all(test, loom))]
mod loom_models;
#[cfg(test)]
mod tests;
