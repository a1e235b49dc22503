// A per-thread histogram kept in two token-locals: thread-locals with a
// `const` initialiser and no destructor, which stack tokens may lend out.
// `record` works, through nested `with` closures on their std keys.
// `bucket_width` and `histogram` cannot be written that way at all: a
// closure passed to `with` cannot hand a reference back out. Write them
// with the token they receive; then, if you like, rewrite `record` without
// closures.

use companion::stack_token::StackToken;
use std::cell::{Cell, Ref, RefCell};

companion::token_local! {
    static WIDTH: Cell<u8> = const { Cell::new(32) };
    static BUCKETS: RefCell<[u32; 8]> = const { RefCell::new([0; 8]) };
}

/// Counts `value` in its bucket; returns how many values that bucket holds.
pub fn record(value: u8) -> u32 {
    WIDTH.key().with(|width| {
        BUCKETS.key().with(|buckets| {
            let bucket = &mut buckets.borrow_mut()[usize::from(value / width.get())];
            *bucket += 1;
            *bucket
        })
    })
}

/// The cell that holds this thread's bucket width: borrowed, not copied, so
/// the caller can change the width through it.
pub fn bucket_width<'s>(token: &'s StackToken) -> &'s Cell<u8> {
    todo!("borrow WIDTH through the token")
}

/// A read guard over this thread's buckets.
pub fn histogram<'s>(token: &'s StackToken) -> Ref<'s, [u32; 8]> {
    todo!("borrow BUCKETS through the token")
}
