//! Pairs of functions that must compile to the same machine code: each reaches a
//! value once through `companion::async_cells::branded` (`rw(cx)`, `ro(cx)`, a
//! branded future's poll) and once through a plain reference. `ci/test --step asm`
//! compiles this file with `-C opt-level=3` and compares the instructions of each
//! pair (see ci/harness/asm.py).
//!
//! `&mut Cx` is a pointer to two pointers (the owner borrow and the waker); a
//! function that is not inlined receives it in a register and never reads it. It
//! comes last, so the other arguments arrive in the same registers in both
//! versions. No two pairs share a body: LLVM would merge identical functions
//! into one symbol and an alias.

use core::pin::Pin;
use core::task::Poll;

use companion::async_cells::branded::{AsyncCell, BrandedFuture, CellExt, Cx};
use companion::ghost::GhostCell;
use qcell::LCellOwner;

#[unsafe(no_mangle)]
pub fn plain_rw_increment(counter: &mut u64) {
    *counter += 1;
}

#[unsafe(no_mangle)]
pub fn ghost_rw_increment<'id>(counter: &GhostCell<'id, u64>, cx: &mut Cx<'id, '_>) {
    *counter.rw(cx) += 1;
}

#[unsafe(no_mangle)]
pub fn plain_ro_read(counter: &u64) -> u64 {
    *counter
}

#[unsafe(no_mangle)]
pub fn ghost_ro_read<'id>(counter: &GhostCell<'id, u64>, cx: &Cx<'id, '_>) -> u64 {
    *counter.ro(cx)
}

#[unsafe(no_mangle)]
pub fn plain_lcell_rw_increment(counter: &mut u64) {
    *counter += 2;
}

#[unsafe(no_mangle)]
pub fn ghost_lcell_rw_increment<'id>(counter: &AsyncCell<'id, u64>, cx: &mut Cx<'id, '_, LCellOwner<'id>>) {
    *counter.rw(cx) += 2;
}

/// A branded future that adds one to a counter in a cell on every poll.
pub struct Bump<'c, 'id> {
    counter: &'c GhostCell<'id, u64>,
}

impl<'id> BrandedFuture<'id> for Bump<'_, 'id> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Cx<'id, '_>) -> Poll<()> {
        *self.counter.rw(cx) += 1;
        Poll::Pending
    }
}

/// The same future on a plain `&mut`, polled with nothing.
pub struct PlainBump<'c> {
    counter: &'c mut u64,
}

impl PlainBump<'_> {
    fn poll(mut self: Pin<&mut Self>) -> Poll<()> {
        *self.counter += 1;
        Poll::Pending
    }
}

#[unsafe(no_mangle)]
pub fn plain_poll_bump(future: Pin<&mut PlainBump<'_>>) -> Poll<()> {
    future.poll()
}

#[unsafe(no_mangle)]
pub fn ghost_poll_bump<'id>(future: Pin<&mut Bump<'_, 'id>>, cx: &mut Cx<'id, '_>) -> Poll<()> {
    future.poll(cx)
}
