//! What the book says about Stakker 0.2.16 with its default features
//! (`book/actors/which-owner.md`): a second `Stakker` on the thread of the
//! first panics in qcell, and a `Stakker` made on a second thread panics in
//! Stakker's global deferrer, even after the first has been dropped.
//!
//! One `#[test]` in a binary of its own: the global deferrer is locked to the
//! first thread of the process that makes a `Stakker`, so the order of the
//! two checks is part of what is tested.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Instant;

use stakker::Stakker;

fn message(payload: Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

#[test]
fn stakker_allows_one_instance_per_process_with_default_features() {
    let first = Stakker::new(Instant::now());
    let second = catch_unwind(AssertUnwindSafe(|| drop(Stakker::new(Instant::now()))));
    let second = message(second.expect_err("a second Stakker on one thread panics"));
    assert_eq!(second, "Illegal to create two TCellOwner instances with the same marker type parameter");
    drop(first);

    let other_thread = std::thread::spawn(|| drop(Stakker::new(Instant::now()))).join();
    let other_thread = message(other_thread.expect_err("a Stakker on a second thread panics"));
    // An `assert_eq!` inside Stakker: its message, then the two thread ids.
    assert!(
        other_thread.contains(
            "Attempted to create another Stakker instance on a different thread.  Enable crate feature `multi-thread` to allow this."
        ),
        "{other_thread}"
    );
}
