//! Helpers shared by the unit tests of every module.

#![forbid(unsafe_code)]
// With some modules' features off, the helpers only those modules use go unused.
#![cfg_attr(not(feature = "default"), allow(dead_code))]

use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A value that counts its own drops in a shared counter, so a test can prove that a
/// structure drops every value exactly once (no leak, no double drop).
pub(crate) struct DropCounter(pub(crate) Rc<Cell<usize>>);

impl Drop for DropCounter {
    fn drop(&mut self) {
        self.0.set(self.0.get() + 1);
    }
}

/// [`DropCounter`] for values that other threads make and drop (rayon's
/// workers): the counter is shared between threads.
pub(crate) struct SyncDropCounter(pub(crate) Arc<AtomicUsize>);

impl Drop for SyncDropCounter {
    fn drop(&mut self) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }
}

/// A future that returns `Pending` once, then `Ready`, without waking
/// anyone: the smallest suspension point, for tests that keep something
/// alive across an `.await` and finish the future by hand.
pub(crate) fn yield_once() -> impl std::future::Future<Output = ()> {
    let mut yielded = false;
    std::future::poll_fn(move |_| {
        if yielded {
            std::task::Poll::Ready(())
        } else {
            yielded = true;
            std::task::Poll::Pending
        }
    })
}
