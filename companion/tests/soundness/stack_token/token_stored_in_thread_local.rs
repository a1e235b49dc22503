//! claim: a token cannot be stored in a `'static` place such as a thread-local.
use companion::stack_token::StackToken;
use std::cell::Cell;

thread_local! {
    static SAVED: Cell<Option<&'static StackToken>> = const { Cell::new(None) };
}

fn main() {
    companion::stack_token!(token);
    SAVED.with(|saved| saved.set(Some(token)));
}
