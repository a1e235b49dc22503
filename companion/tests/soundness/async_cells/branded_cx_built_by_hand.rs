//! claim: a `Cx` cannot be assembled from its fields: they are private, so the only way in is `Cx::new` with an owner already held mutably.
use companion::async_cells::branded::Cx;
use companion::ghost::GhostToken;
use std::task::Waker;

fn main() {
    GhostToken::new(|mut token| {
        let _cx = Cx { owner: &mut token, waker: Waker::noop(), _brand: std::marker::PhantomData };
    });
}
