// `join_all`: `join` for any number of branded futures of one type.
//
// Each child is boxed and pinned once, when `join_all` takes it, so it never
// moves again however the `Vec` that lists them moves. A child that finishes
// is replaced, in its slot, by its output: the box and the future in it are
// dropped at that moment, and the slot keeps the output in the child's place,
// so the outputs come out in the order given.

use companion::async_cells::branded::{BrandedFuture, Cx};
use std::pin::Pin;
use std::task::Poll;

enum Child<'id, F: BrandedFuture<'id>> {
    Running(Pin<Box<F>>),
    Done(F::Output),
}

#[must_use = "futures do nothing unless polled"]
pub struct JoinAll<'id, F: BrandedFuture<'id>> {
    children: Vec<Child<'id, F>>,
}

pub fn join_all<'id, F: BrandedFuture<'id>>(futures: impl IntoIterator<Item = F>) -> JoinAll<'id, F> {
    JoinAll { children: futures.into_iter().map(|future| Child::Running(Box::pin(future))).collect() }
}

// Nothing of `JoinAll` is pinned in place: each child is pinned in its own
// box, and outputs are never pinned. So `JoinAll` may move even after a poll,
// whatever `F` and its output are, and `poll` may take `&mut Self`.
impl<'id, F: BrandedFuture<'id>> Unpin for JoinAll<'id, F> {}

impl<'id, F: BrandedFuture<'id>> BrandedFuture<'id> for JoinAll<'id, F> {
    type Output = Vec<F::Output>;

    fn poll(self: Pin<&mut Self>, cx: &mut Cx<'id, '_>) -> Poll<Self::Output> {
        let children = &mut self.get_mut().children;
        let mut all_done = true;
        for child in children.iter_mut() {
            if let Child::Running(future) = child {
                match future.as_mut().poll(cx) {
                    // Drops the box, and the finished future in it, now.
                    Poll::Ready(output) => *child = Child::Done(output),
                    Poll::Pending => all_done = false,
                }
            }
        }
        if !all_done {
            return Poll::Pending;
        }
        let outputs = children.drain(..).map(|child| match child {
            Child::Done(output) => output,
            Child::Running(_) => unreachable!("every child is done"),
        });
        Poll::Ready(outputs.collect())
    }
}
