// Must not compile: a branded owner cannot ride in `Context::ext`, which takes
// `&mut (dyn Any + 'static)`. ci/nightly-preview compiles this file and checks
// that the compiler refuses it for that reason.
#![feature(context_ext, local_waker)]

use qcell::LCellOwner;
use std::task::{ContextBuilder, Waker};

pub fn lend_a_branded_owner() {
    LCellOwner::scope(|mut owner| {
        let _cx = ContextBuilder::from_waker(Waker::noop()).ext(&mut owner).build();
    });
}
