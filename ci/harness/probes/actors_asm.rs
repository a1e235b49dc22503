//! Pairs of functions that must compile to the same machine code: each reaches a
//! value once through a `companion::actors::Share` (`rw` and `ro`, with the runtime's
//! core or an actor's `Cx` as the owner) and once through a plain reference
//! along the same pointers. `ci/test --step asm` compiles this file with
//! `-C opt-level=3` and compares the instructions of each pair (see
//! ci/harness/asm.py).
//!
//! A `Share` is one pointer to an `Rc`'s allocation: two counts, then the value.
//! The plain twin is one pointer to a struct of that layout, reached by `&mut`, so
//! both versions load the same pointer and write at the same offset; what a
//! `Share` could add (a borrow flag, a check of the owner, a look at the counts)
//! would show as extra instructions. The owner comes last and is never read: the
//! share token is zero-sized, so `&mut Core` and `&mut Cx` are registers the code
//! ignores. No two pairs share a body (each adds its own
//! number), so LLVM merges no function into another.

use companion::actors::{Core, Cx, Share};

/// What an `Rc<T>` points to: the strong and weak counts, then the value.
#[repr(C)]
pub struct Counted {
    strong: usize,
    weak: usize,
    value: u64,
}

#[unsafe(no_mangle)]
pub fn plain_share_rw_core(counter: &mut &mut Counted) {
    counter.value += 2;
}

#[unsafe(no_mangle)]
pub fn ghost_share_rw_core<'id>(counter: &Share<'id, u64>, core: &mut Core<'id>) {
    *counter.rw(core) += 2;
}

#[unsafe(no_mangle)]
pub fn plain_share_rw_cx(counter: &mut &mut Counted) {
    counter.value += 3;
}

/// Inside an actor's method: the owner is the call's context.
#[unsafe(no_mangle)]
pub fn ghost_share_rw_cx<'id>(counter: &Share<'id, u64>, cx: &mut Cx<'id, '_, ()>) {
    *counter.rw(cx) += 3;
}

#[unsafe(no_mangle)]
pub fn plain_share_ro(counter: &&Counted) -> u64 {
    counter.value
}

#[unsafe(no_mangle)]
pub fn ghost_share_ro<'id>(counter: &Share<'id, u64>, cx: &Cx<'id, '_, ()>) -> u64 {
    *counter.ro(cx)
}

#[unsafe(no_mangle)]
pub fn plain_share_two(a: &mut &mut Counted, b: &&Counted) {
    a.value += b.value;
}

/// Two shares, one written and one read, in one method: the read borrow of the
/// owner ends before the write borrow starts.
#[unsafe(no_mangle)]
pub fn ghost_share_two<'id>(a: &Share<'id, u64>, b: &Share<'id, u64>, cx: &mut Cx<'id, '_, ()>) {
    let add = *b.ro(cx);
    *a.rw(cx) += add;
}

#[unsafe(no_mangle)]
pub fn plain_share_rw_runtime(counter: &mut &mut Counted) {
    counter.value += 5;
}

/// From outside any actor, with the runtime itself as the owner (through its
/// `Deref` to the core).
#[unsafe(no_mangle)]
pub fn ghost_share_rw_runtime<'id>(counter: &Share<'id, u64>, rt: &mut companion::actors::Runtime<'id>) {
    *counter.rw(rt) += 5;
}
