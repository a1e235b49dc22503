//! The lent owner of `companion::async_cells::lent`, built on the unstable
//! `Context::ext` (feature `context_ext`, tracking issue rust-lang/rust#123392;
//! `ContextBuilder` needs `local_waker` too, rust-lang/rust#118959).
//!
//! On stable Rust a `Context` carries only a `&Waker`, so the companion hides
//! the owner behind a waker of its own and finds it again by comparing
//! vtables, thread and `TypeId`, with a run-time flag against two accessors
//! at once. With `ext`, a `Context` carries a `&mut dyn Any` beside the
//! waker, and most of that machinery disappears:
//!
//! * the owner is a `&mut TLCellOwner<M>` in the child's `Context`, found by
//!   `downcast_mut`: no raw pointers, no `unsafe`;
//! * two accessors cannot hold it at once, and this is now checked by the
//!   compiler: reaching it takes `&mut Context`, and a `Context` built from
//!   another with `ContextBuilder::from` borrows the first mutably;
//! * a combinator that builds its own `Context` from a waker
//!   (`Context::from_waker`) passes on the default `ext`, `&mut ()`, so its
//!   children find nothing, as with the stable version.
//!
//! What does not change: `ext` takes `&mut (dyn Any + 'static)`, so only a
//! `'static` owner can ride in it. A branded owner, `LCellOwner<'id>` or a
//! `GhostToken<'id>`, is refused by the compiler ("coercion requires that
//! `'1` must outlive `'static`", an error without a code, so this block says
//! only `compile_fail`; `ci/nightly-preview` checks the message itself with
//! `fail/branded_owner_in_ext.rs`):
//!
//! ```compile_fail
//! #![feature(context_ext, local_waker)]
//! use qcell::LCellOwner;
//! use std::task::{ContextBuilder, Waker};
//!
//! LCellOwner::scope(|mut owner| {
//!     let _cx = ContextBuilder::from_waker(Waker::noop()).ext(&mut owner).build();
//! });
//! ```
//!
//! The same with the `'static` marker owner compiles and lends:
//!
//! ```
//! #![feature(context_ext, local_waker)]
//! use nightly_context_ext::{lend, with_owner};
//! use qcell::{TLCell, TLCellOwner};
//! use std::pin::pin;
//! use std::task::{Context, Poll, Waker};
//!
//! struct Marker;
//! let mut owner = TLCellOwner::<Marker>::new();
//! let cell = TLCell::<Marker, _>::new(1);
//! let mut future = pin!(lend(&mut owner, async {
//!     with_owner(|o: &mut TLCellOwner<Marker>| *cell.rw(o) += 1).await
//! }));
//! assert_eq!(future.as_mut().poll(&mut Context::from_waker(Waker::noop())), Poll::Ready(Ok(())));
//! assert_eq!(*owner.ro(&cell), 2);
//! ```
#![feature(context_ext, local_waker)]

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, ContextBuilder, Poll};

use qcell::TLCellOwner;

/// No owner of this marker in this poll's `Context`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotLent;

/// A future whose every poll lends `owner` through its child's `Context::ext`.
pub struct Lend<'o, M: 'static, F> {
    owner: &'o mut TLCellOwner<M>,
    future: Pin<Box<F>>,
}

/// Wraps `future` so that its polls find `owner` with [`with_owner`].
pub fn lend<M: 'static, F: Future>(owner: &mut TLCellOwner<M>, future: F) -> Lend<'_, M, F> {
    Lend { owner, future: Box::pin(future) }
}

impl<M: 'static, F: Future> Future for Lend<'_, M, F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.get_mut();
        let mut lent = ContextBuilder::from(cx).ext(this.owner).build();
        this.future.as_mut().poll(&mut lent)
    }
}

/// The future returned by [`with_owner`].
pub struct WithOwner<M, G> {
    f: Option<G>,
    _marker: PhantomData<fn() -> M>,
}

impl<M, G> Unpin for WithOwner<M, G> {}

/// Runs `f` with the owner lent to this poll, or resolves to `Err(NotLent)`.
pub fn with_owner<M: 'static, R, G: FnOnce(&mut TLCellOwner<M>) -> R>(f: G) -> WithOwner<M, G> {
    WithOwner { f: Some(f), _marker: PhantomData }
}

impl<M: 'static, R, G: FnOnce(&mut TLCellOwner<M>) -> R> Future for WithOwner<M, G> {
    type Output = Result<R, NotLent>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<R, NotLent>> {
        let f = self.get_mut().f.take().expect("polled after completion");
        Poll::Ready(match cx.ext().downcast_mut::<TLCellOwner<M>>() {
            Some(owner) => Ok(f(owner)),
            None => Err(NotLent),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use qcell::TLCell;
    use std::pin::pin;
    use std::task::Waker;

    struct Marker;

    fn poll_once<F: Future>(future: F) -> Poll<F::Output> {
        pin!(future).poll(&mut Context::from_waker(Waker::noop()))
    }

    #[test]
    fn an_async_block_passes_the_lent_owner_to_its_accessors() {
        let mut owner = TLCellOwner::<Marker>::new();
        let cell = TLCell::<Marker, _>::new(0);
        let done = poll_once(lend(&mut owner, async {
            with_owner(|o: &mut TLCellOwner<Marker>| *cell.rw(o) += 1).await.unwrap();
            with_owner(|o: &mut TLCellOwner<Marker>| *cell.rw(o) += 1).await.unwrap();
        }));
        assert_eq!(done, Poll::Ready(()));
        assert_eq!(*owner.ro(&cell), 2);
    }

    #[test]
    fn a_context_built_from_a_waker_carries_nothing() {
        let mut owner = TLCellOwner::<Marker>::new();
        let got = poll_once(lend(&mut owner, std::future::poll_fn(|cx| {
            let mut own = Context::from_waker(cx.waker());
            pin!(with_owner(|_: &mut TLCellOwner<Marker>| ())).poll(&mut own)
        })));
        assert_eq!(got, Poll::Ready(Err(NotLent)));
    }

    #[test]
    fn an_owner_of_another_marker_is_not_found() {
        struct Other;
        let mut owner = TLCellOwner::<Marker>::new();
        let got = poll_once(lend(&mut owner, with_owner(|_: &mut TLCellOwner<Other>| ())));
        assert_eq!(got, Poll::Ready(Err(NotLent)));
    }
}
