//! One access pattern, every cell: a `u64` counter incremented 1000 times
//! through the cell, per iteration (group `cells/counter`).
//!
//! Part III's comparison table is generated from this benchmark by
//! `ci/bench cells`. The baseline is `plain_mut`: the counter behind a plain
//! `&mut u64`, no cell at all.
//!
//! # How every kind is measured the same way
//!
//! Every increment is a full read-modify-write through the cell, and every
//! kind pays for exactly one `black_box` per increment:
//!
//! - Each increment starts from `black_box(&cell)`; the plain `&mut u64`
//!   baseline starts from `black_box(&mut counter)`. The optimiser must then
//!   assume the reference may point anywhere, so it cannot keep the counter in
//!   a register, merge the 1000 increments into one `+= 1000`, or hoist a
//!   check (a `RefCell` flag, a `QCell` owner ID, a lock) out of the loop.
//!   Each access loads the value, adds one and stores it back, plus whatever
//!   check the cell itself performs on that access.
//! - The owner or token of a token cell is passed as it is, not through
//!   `black_box`: a program holds its owner in a local and reaches its cells
//!   through its data, and that is the shape measured here. The check of a
//!   `QCell` still runs on every access, because it reads the owner ID stored
//!   in the cell, which comes out of `black_box` each time. A second
//!   `black_box` for the owner would add its own store, reload and compiler
//!   barrier to the token cells only, and the benchmark would measure that
//!   instead of the cells.
//! - The plain `&mut u64` baseline is therefore one `black_box`, one load,
//!   add and store: the floor that every cell is compared with.
//! - `AtomicU64` increments with `fetch_add(1, Relaxed)`, the one-instruction
//!   atomic read-modify-write a counter shared between threads would use;
//!   `Relaxed` because the benchmark orders nothing else against it.
//! - `Mutex` and `RwLock` take and release the lock (a write lock for
//!   `RwLock`) once per increment; there is no contention, one thread runs.
//! - Every cell and owner is made once, before measuring; creating them is
//!   not part of the time. Values keep growing across iterations, which is
//!   harmless for a `u64`.
//!
//! Throughput is `Elements(1000)`, so criterion reports time per increment.

use std::cell::{Cell, RefCell};
use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, RwLock};

use criterion::{
    BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main, measurement::WallTime,
};
use qcell::{LCell, LCellOwner, QCellOwner, TCell, TCellOwner, TLCell, TLCellOwner};

/// Increments per measured iteration.
const INCREMENTS: u64 = 1000;

/// The marker type that names the one `TCellOwner` and `TLCellOwner` of this process.
struct Counter;

/// Runs `increment` `INCREMENTS` times per iteration, under the id `id`.
fn bench(group: &mut BenchmarkGroup<'_, WallTime>, id: &str, mut increment: impl FnMut()) {
    group.bench_function(id, |b| {
        b.iter(|| {
            for _ in 0..INCREMENTS {
                increment();
            }
        })
    });
}

fn counter(c: &mut Criterion) {
    let mut group = c.benchmark_group("cells/counter");
    group.throughput(Throughput::Elements(INCREMENTS));

    let mut plain = 0_u64;
    bench(&mut group, "plain_mut", || *black_box(&mut plain) += 1);

    let cell = Cell::new(0_u64);
    bench(&mut group, "cell", || {
        let cell = black_box(&cell);
        cell.set(cell.get() + 1);
    });

    let refcell = RefCell::new(0_u64);
    bench(&mut group, "refcell", || {
        *black_box(&refcell).borrow_mut() += 1
    });

    companion::ghost::GhostToken::new(|mut token| {
        let cell = companion::ghost::GhostCell::new(0_u64);
        bench(&mut group, "companion_ghost", || {
            *black_box(&cell).borrow_mut(&mut token) += 1;
        });
    });

    ghost_cell::GhostToken::new(|mut token| {
        let cell = ghost_cell::GhostCell::new(0_u64);
        bench(&mut group, "ghost_cell", || {
            *black_box(&cell).borrow_mut(&mut token) += 1;
        });
    });

    let mut owner = QCellOwner::new();
    let cell = owner.cell(0_u64);
    bench(&mut group, "qcell", || {
        *black_box(&cell).rw(&mut owner) += 1
    });

    let mut owner = TCellOwner::<Counter>::new();
    let cell = TCell::new(0_u64);
    bench(&mut group, "tcell", || {
        *black_box(&cell).rw(&mut owner) += 1
    });

    let mut owner = TLCellOwner::<Counter>::new();
    let cell = TLCell::new(0_u64);
    bench(&mut group, "tlcell", || {
        *black_box(&cell).rw(&mut owner) += 1
    });

    LCellOwner::scope(|mut owner| {
        let cell = LCell::new(0_u64);
        bench(&mut group, "lcell", || {
            *black_box(&cell).rw(&mut owner) += 1
        });
    });

    let mutex = Mutex::new(0_u64);
    bench(&mut group, "mutex", || {
        *black_box(&mutex).lock().unwrap() += 1
    });

    let rwlock = RwLock::new(0_u64);
    bench(&mut group, "rwlock", || {
        *black_box(&rwlock).write().unwrap() += 1
    });

    let atomic = AtomicU64::new(0);
    bench(&mut group, "atomic_u64", || {
        black_box(&atomic).fetch_add(1, Ordering::Relaxed);
    });

    group.finish();
}

criterion_group!(benches, counter);
criterion_main!(benches);
