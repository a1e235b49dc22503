//! Helpers shared by the unit tests of every module.

use std::cell::Cell;
use std::rc::Rc;

/// A value that counts its own drops in a shared counter, so a test can prove that a
/// structure drops every value exactly once (no leak, no double drop).
pub(crate) struct DropCounter(pub(crate) Rc<Cell<usize>>);

impl Drop for DropCounter {
    fn drop(&mut self) {
        self.0.set(self.0.get() + 1);
    }
}
