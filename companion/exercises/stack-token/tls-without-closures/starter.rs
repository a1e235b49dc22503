// A tiny per-thread logger kept in two thread-locals. `log` works, through
// nested `with` closures. `prefix` and `lines` cannot be written that way at
// all: a closure passed to `with` cannot hand a reference back out. Write
// them with a stack token; then, if you like, rewrite `log` without closures.

use companion::stack_token::{LocalKeyExt, LocalKeyRefCellExt, StackToken};
use std::cell::{Ref, RefCell};

thread_local! {
    static PREFIX: String = String::from("[app] ");
    static LINES: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Appends the prefix and `message` as one line; returns how many lines this
/// thread has logged.
pub fn log(message: &str) -> usize {
    PREFIX.with(|prefix| {
        LINES.with(|lines| {
            let mut lines = lines.borrow_mut();
            lines.push(format!("{prefix}{message}"));
            lines.len()
        })
    })
}

/// The prefix itself: borrowed from the thread-local, not copied.
pub fn prefix<'s>(token: &'s StackToken) -> &'s str {
    todo!("borrow PREFIX through the token")
}

/// A read guard over every line this thread has logged so far.
pub fn lines<'s>(token: &'s StackToken) -> Ref<'s, Vec<String>> {
    todo!("borrow LINES through the token")
}
