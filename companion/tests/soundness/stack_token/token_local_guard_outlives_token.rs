//! claim: a `RefMut` from `TokenLocal::borrow_mut` cannot outlive its token.
use std::cell::{RefCell, RefMut};

companion::token_local!(static HITS: RefCell<[u8; 4]> = const { RefCell::new([0; 4]) });

fn main() {
    let guard: RefMut<'_, [u8; 4]>;
    {
        companion::stack_token!(token);
        guard = HITS.borrow_mut(token);
    }
    drop(guard);
}
