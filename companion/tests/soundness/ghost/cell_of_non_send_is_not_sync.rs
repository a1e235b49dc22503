//! claim: a shared cell needs `T: Send` too, since `replace` would move a `T` across threads.
use companion::ghost::GhostCell;
use std::sync::MutexGuard;

fn assert_sync<T: Sync>() {}

fn main() {
    assert_sync::<GhostCell<'static, MutexGuard<'static, u8>>>();
}
