//! Pairs of functions that must compile to the same machine code: each reaches a
//! value once through `companion::ghost` and once through a plain reference.
//! `ci/test --step asm` compiles this file with `-C opt-level=3` and compares the
//! instructions of each pair (see ci/harness/asm.py).
//!
//! The token is zero-sized, but `&mut GhostToken` is still a pointer: a function
//! that is not inlined receives it in a register, which it never reads. The token
//! comes last, so the other arguments arrive in the same registers in both versions
//! and the instructions can be compared one for one.

use companion::ghost::{GhostCell, GhostToken};

#[unsafe(no_mangle)]
pub fn plain_increment(counter: &mut u64) {
    *counter += 1;
}

#[unsafe(no_mangle)]
pub fn ghost_increment<'brand>(counter: &GhostCell<'brand, u64>, token: &mut GhostToken<'brand>) {
    *counter.borrow_mut(token) += 1;
}

#[unsafe(no_mangle)]
pub fn plain_read(counter: &u64) -> u64 {
    *counter
}

#[unsafe(no_mangle)]
pub fn ghost_read<'brand>(counter: &GhostCell<'brand, u64>, token: &GhostToken<'brand>) -> u64 {
    *counter.borrow(token)
}

#[unsafe(no_mangle)]
pub fn plain_add_all(values: &mut [u64], amount: u64) {
    for value in values {
        *value += amount;
    }
}

#[unsafe(no_mangle)]
pub fn ghost_add_all<'brand>(values: &[GhostCell<'brand, u64>], amount: u64, token: &mut GhostToken<'brand>) {
    for value in values {
        *value.borrow_mut(token) += amount;
    }
}
