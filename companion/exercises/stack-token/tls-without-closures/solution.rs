// A tiny per-thread logger kept in two thread-locals, read through stack
// tokens: no closures, and references can be handed back to the caller.

use companion::stack_token::{LocalKeyExt, LocalKeyRefCellExt, StackToken};
use std::cell::{Ref, RefCell};

thread_local! {
    static PREFIX: String = String::from("[app] ");
    static LINES: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Appends the prefix and `message` as one line; returns how many lines this
/// thread has logged.
pub fn log(message: &str) -> usize {
    companion::stack_token!(token);
    // Two thread-locals side by side, where `with` needed two nested closures.
    let prefix = PREFIX.get(token);
    let mut lines = LINES.borrow_mut(token);
    lines.push(format!("{prefix}{message}"));
    lines.len()
}

/// The prefix itself: borrowed from the thread-local, not copied.
pub fn prefix<'s>(token: &'s StackToken) -> &'s str {
    PREFIX.get(token)
}

/// A read guard over every line this thread has logged so far.
pub fn lines<'s>(token: &'s StackToken) -> Ref<'s, Vec<String>> {
    LINES.borrow(token)
}
