//! One read of a thread-bound `u64`, five ways (group `stack_token/read`).
//!
//! The stack-token chapter's "Measured" page is generated from this
//! benchmark by `ci/bench stack_token`. The baseline is `tls_cell`: a
//! `thread_local!` `Cell<u64>` (const-initialised, the cheapest kind of
//! thread-local) read through `LocalKey::with`.
//!
//! | id | one iteration |
//! |---|---|
//! | `companion_sticky` | `companion::stack_token::Sticky::get`: one thread-local load, one compare, one load of the value |
//! | `fragile_sticky` | `fragile::Sticky::get` (2.1): `thread::current()`, a thread-id compare, a hash-map probe in the thread's registry |
//! | `tls_cell` | `KEY.with(Cell::get)` on a `thread_local!` `Cell<u64>` |
//! | `tls_refcell` | `KEY.with(|c| *c.borrow())` on a `thread_local!` `RefCell<u64>`: the read plus the borrow flag check |
//! | `companion_fresh_token` | `stack_token!` and `Sticky::get` in every iteration: the read plus making and dropping a token, which adds one to the thread's count of live tokens and takes it away |
//!
//! # What is and is not measured
//!
//! - Each iteration does exactly one read and returns the `u64`, which
//!   criterion passes through `black_box`, so no read is optimised away.
//!   `black_box` is opaque to the optimiser, so the next iteration cannot
//!   reuse the previous read or hoist the thread check out of the loop.
//! - Nothing else goes through `black_box`. What must happen on every
//!   access does happen every iteration (checked in the disassembly): the
//!   thread-local load, the owner comparison and the load of the value for
//!   `companion_sticky`; `thread::current()` and the registry probe for
//!   `fragile_sticky`. What a loop over one handle may legitimately keep in
//!   registers (the handle's owner id and value pointer, behind a `&Sticky`
//!   the optimiser knows is immutable) it keeps, as it would in real code.
//!   An extra `black_box(&sticky)` would add a store and a reload to every
//!   iteration, which `tls_cell` does not pay. The thread-local keys are
//!   used directly, as code uses them.
//! - Everything is created before measuring, on the thread that measures:
//!   creating values and registries is not part of the time, and neither is
//!   the token, except in `companion_fresh_token`, whose difference from
//!   `companion_sticky` is what a token costs. Tokens are zero-sized and `get`
//!   is inlined, so passing one costs nothing.

use std::cell::{Cell, RefCell};

use criterion::{Criterion, criterion_group, criterion_main};

thread_local! {
    static TLS_CELL: Cell<u64> = const { Cell::new(7) };
    static TLS_REFCELL: RefCell<u64> = const { RefCell::new(7) };
}

fn read(c: &mut Criterion) {
    let mut group = c.benchmark_group("stack_token/read");

    companion::stack_token!(token);
    let ours = companion::stack_token::Sticky::new(7_u64);
    group.bench_function("companion_sticky", |b| b.iter(|| *ours.get(token)));
    group.bench_function("companion_fresh_token", |b| {
        b.iter(|| {
            companion::stack_token!(fresh);
            *ours.get(fresh)
        })
    });

    fragile::stack_token!(fragile_token);
    let theirs = fragile::Sticky::new(7_u64);
    group.bench_function("fragile_sticky", |b| b.iter(|| *theirs.get(fragile_token)));

    group.bench_function("tls_cell", |b| b.iter(|| TLS_CELL.with(Cell::get)));
    group.bench_function("tls_refcell", |b| {
        b.iter(|| TLS_REFCELL.with(|cell| *cell.borrow()))
    });

    group.finish();
}

criterion_group!(benches, read);
criterion_main!(benches);
