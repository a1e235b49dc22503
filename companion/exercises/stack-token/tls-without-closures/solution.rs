// A per-thread histogram kept in two token-locals: thread-locals with a
// `const` initialiser and no destructor, read through stack tokens: no
// closures, and references can be handed back to the caller.

use companion::stack_token::StackToken;
use std::cell::{Cell, Ref, RefCell};

companion::token_local! {
    static WIDTH: Cell<u8> = const { Cell::new(32) };
    static BUCKETS: RefCell<[u32; 8]> = const { RefCell::new([0; 8]) };
}

/// Counts `value` in its bucket; returns how many values that bucket holds.
pub fn record(value: u8) -> u32 {
    companion::stack_token!(token);
    // Two thread-locals side by side, where `with` needed two nested closures.
    let width = bucket_width(token).get();
    let mut buckets = BUCKETS.borrow_mut(token);
    let bucket = &mut buckets[usize::from(value / width)];
    *bucket += 1;
    *bucket
}

/// The cell that holds this thread's bucket width: borrowed, not copied, so
/// the caller can change the width through it.
pub fn bucket_width<'s>(token: &'s StackToken) -> &'s Cell<u8> {
    WIDTH.get(token)
}

/// A read guard over this thread's buckets.
pub fn histogram<'s>(token: &'s StackToken) -> Ref<'s, [u32; 8]> {
    BUCKETS.borrow(token)
}
