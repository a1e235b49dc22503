//! A caller that renames itself to `std` and defines its own `thread_local!` (which would declare a lazy, re-entrant key) does not reach `token_local!`'s expansion: it calls std's macro through `$crate`.
extern crate self as std;

use core::cell::Cell;

#[macro_export]
macro_rules! thread_local {
    ($($anything:tt)*) => {
        compile_error!("token_local! expanded to the caller's `std::thread_local!`");
    };
}

companion::token_local!(static HITS: Cell<u32> = const { Cell::new(1) });

fn main() {
    companion::stack_token!(token);
    HITS.get(token).set(2);
    assert_eq!(HITS.get(token).get(), 2);
}
