//! claim: the token of one poll cannot be kept for a later poll.
use companion::stack_token::{StackToken, poll_with_token};
use std::task::Poll;

fn main() {
    let mut kept: Option<&StackToken> = None;
    let _future = poll_with_token(|token, _cx| {
        kept = Some(token);
        Poll::Ready(())
    });
}
