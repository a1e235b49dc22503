//! claim: a task cannot keep the `Cx` of one poll for later: it lives for that call only.
use companion::async_cells::branded::{BrandedFuture, Cx};
use companion::ghost::GhostToken;
use std::pin::Pin;
use std::task::Poll;

struct Keeper<'id, 'a> {
    kept: Option<Cx<'id, 'a>>,
}

impl<'id, 'a> BrandedFuture<'id> for Keeper<'id, 'a> {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Cx<'id, '_>) -> Poll<()> {
        self.kept = Some(cx.reborrow());
        Poll::Pending
    }
}

fn main() {
    GhostToken::new(|token| drop(token));
}
