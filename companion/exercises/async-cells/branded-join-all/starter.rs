// `join` runs two branded futures side by side. Write its form for any
// number of children: `join_all` takes branded futures of one type and
// returns all their outputs, in the order the futures were given.
//
// What `JoinAll` must do:
// - each poll polls every child that has not finished, once, in the order
//   given, each with the same `cx`; a finished child is never polled again;
// - a child's future is dropped as soon as it finishes: only its output is
//   kept until the others are done;
// - with no children, it is ready at its first poll.
//
// A child need not be `Unpin`: once polled, it must not move. The starter
// keeps the children in a `Vec<F>`, which `Vec::push` may reallocate, and its
// `poll` is not written. Choose how to keep each child, running or finished,
// and write `join_all` and `poll`.

use companion::async_cells::branded::{BrandedFuture, Cx};
use std::pin::Pin;
use std::task::Poll;

#[must_use = "futures do nothing unless polled"]
pub struct JoinAll<'id, F: BrandedFuture<'id>> {
    children: Vec<F>,
    outputs: Vec<Option<F::Output>>,
}

pub fn join_all<'id, F: BrandedFuture<'id>>(futures: impl IntoIterator<Item = F>) -> JoinAll<'id, F> {
    let children: Vec<F> = futures.into_iter().collect();
    let outputs = children.iter().map(|_| None).collect();
    JoinAll { children, outputs }
}

impl<'id, F: BrandedFuture<'id>> BrandedFuture<'id> for JoinAll<'id, F> {
    type Output = Vec<F::Output>;

    fn poll(self: Pin<&mut Self>, cx: &mut Cx<'id, '_>) -> Poll<Self::Output> {
        let _ = (self, cx);
        todo!("poll each unfinished child once, in order, and keep what finished ones return")
    }
}
