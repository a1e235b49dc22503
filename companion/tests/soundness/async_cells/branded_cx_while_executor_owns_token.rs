//! claim: once an executor owns the token, no second `Cx` can be made from it: the token has moved.
use companion::async_cells::branded::{Cx, Executor};
use companion::ghost::GhostToken;
use std::task::Waker;

fn main() {
    GhostToken::new(|mut token| {
        let executor = Executor::new(token);
        let _second = Cx::new(&mut token, Waker::noop());
        drop(executor);
    });
}
