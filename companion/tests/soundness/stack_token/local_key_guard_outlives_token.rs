//! claim: a `RefMut` from `LocalKeyRefCellExt::borrow_mut` cannot outlive its token.
use companion::stack_token::LocalKeyRefCellExt;
use std::cell::{RefCell, RefMut};

thread_local!(static LOG: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) });

fn main() {
    let guard: RefMut<'_, Vec<u8>>;
    {
        companion::stack_token!(token);
        guard = LOG.borrow_mut(token);
    }
    drop(guard);
}
