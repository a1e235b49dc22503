//! Five doubly linked lists of 1,000,000 `i64`s, walked and updated the same
//! ways (groups `arena/forward_sum`, `arena/backward_sum`, `arena/add_one`),
//! plus a parallel read on one and two threads (`arena/parallel_read`).
//!
//! The arena chapter's tables are generated from this benchmark by
//! `ci/bench arena`. The baseline of the three single-threaded groups is
//! `raw_pointer`: `Box::into_raw` nodes linked by raw pointers, what C would
//! write, with no check of any kind.
//!
//! | id | list | what each visited node costs beyond the load |
//! |---|---|---|
//! | `raw_pointer` | `foundations::raw_list::RawList` | nothing |
//! | `companion` | `arena::ArenaList`, nodes in a `bumpalo_herd::Herd` | nothing: the token is checked at compile time |
//! | `rc_refcell` | `Rc<RefCell<Node>>`, `Weak` back links (below) | a borrow flag set and cleared, a reference count incremented and decremented (an upgrade going backward) |
//! | `arc_rwlock` | `arena::locked::LockedList`: `Arc<RwLock<Node>>`, `Weak` back links | a lock taken and released, an atomic count incremented and decremented |
//! | `vec_index` | `foundations::index_list::IndexList`: nodes in a `Vec`, index links | a bounds check and a slot check |
//!
//! Every list is built once, before measuring, by pushing at the back, so
//! each allocator lays the nodes out in its usual order. Values keep growing
//! across `add_one` iterations, harmless for an `i64`. Throughput is
//! `Elements(1_000_000)`, so criterion reports time per node.
//!
//! `arena/parallel_read` sums the list on a rayon pool of one thread and on a
//! pool of two, built once, outside the measurement. The companion list uses
//! `par_fold`: two walkers start from the two ends under `rayon::join` and
//! claim nodes in blocks until they meet, so a worker that wakes late walks
//! less; with one thread the front walker claims everything. `Arc<RwLock<_>>`
//! splits at the middle (`halves`), walked from the two ends: its per-node
//! locking dominates, so where the split falls hardly matters.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use bumpalo_herd::Herd;
use companion::arena::ArenaList;
use companion::arena::locked::LockedList;
use companion::foundations::index_list::IndexList;
use companion::foundations::raw_list::RawList;
use criterion::{BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main, measurement::WallTime};

/// Nodes in every list.
const N: i64 = 1_000_000;

type RcLink = Rc<RefCell<RcNode>>;

struct RcNode {
    value: i64,
    next: Option<RcLink>,
    prev: Option<Weak<RefCell<RcNode>>>,
}

/// The single-threaded reference-counted list: `Rc` forward, `Weak` back,
/// a `RefCell` per node. (`foundations::rc_list::RcList` has the same shape
/// but no way to update every value in place.)
struct RcRefCellList {
    head: Option<RcLink>,
    tail: Option<RcLink>,
}

impl RcRefCellList {
    fn new(values: impl IntoIterator<Item = i64>) -> Self {
        let mut list = RcRefCellList { head: None, tail: None };
        for value in values {
            let prev = list.tail.as_ref().map(Rc::downgrade);
            let node = Rc::new(RefCell::new(RcNode { value, next: None, prev }));
            match list.tail.replace(Rc::clone(&node)) {
                Some(old_tail) => old_tail.borrow_mut().next = Some(node),
                None => list.head = Some(node),
            }
        }
        list
    }

    fn sum_forward(&self) -> i64 {
        let (mut sum, mut cursor) = (0, self.head.clone());
        while let Some(node) = cursor {
            let node = node.borrow();
            sum += node.value;
            cursor = node.next.clone();
        }
        sum
    }

    fn sum_backward(&self) -> i64 {
        let (mut sum, mut cursor) = (0, self.tail.clone());
        while let Some(node) = cursor {
            let node = node.borrow();
            sum += node.value;
            cursor = node.prev.as_ref().and_then(Weak::upgrade);
        }
        sum
    }

    fn add_one(&self) {
        let mut cursor = self.head.clone();
        while let Some(node) = cursor {
            let mut node = node.borrow_mut();
            node.value += 1;
            cursor = node.next.clone();
        }
    }
}

impl Drop for RcRefCellList {
    /// In a loop: the default drop recurses once per node.
    fn drop(&mut self) {
        self.tail = None;
        let mut cursor = self.head.take();
        while let Some(node) = cursor {
            cursor = Rc::try_unwrap(node).ok().and_then(|node| node.into_inner().next);
        }
    }
}

/// A benchmark group with per-node throughput and few enough samples that the
/// slowest list fits criterion's default measurement time.
fn group<'c>(c: &'c mut Criterion, name: &str) -> BenchmarkGroup<'c, WallTime> {
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Elements(N as u64));
    group.sample_size(20);
    group
}

fn lists(c: &mut Criterion) {
    let mut raw = RawList::new();
    let mut index = IndexList::new();
    for value in 0..N {
        raw.push_back(value);
        index.push_back(value);
    }
    let rc = RcRefCellList::new(0..N);
    let locked: LockedList<i64> = (0..N).collect();
    let one_thread = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    let two_threads = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();

    let herd = Herd::new();
    ArenaList::new(&herd, |arena, mut token, herd| {
        arena.extend(0..N, &herd.get(), &mut token);

        let mut g = group(c, "arena/forward_sum");
        g.bench_function("raw_pointer", |b| b.iter(|| raw.iter().sum::<i64>()));
        g.bench_function("companion", |b| b.iter(|| arena.iter(&token).sum::<i64>()));
        g.bench_function("rc_refcell", |b| b.iter(|| rc.sum_forward()));
        g.bench_function("arc_rwlock", |b| b.iter(|| locked.iter().sum::<i64>()));
        g.bench_function("vec_index", |b| b.iter(|| index.iter().sum::<i64>()));
        g.finish();

        let mut g = group(c, "arena/backward_sum");
        g.bench_function("raw_pointer", |b| b.iter(|| raw.iter_rev().sum::<i64>()));
        g.bench_function("companion", |b| b.iter(|| arena.iter(&token).rev().sum::<i64>()));
        g.bench_function("rc_refcell", |b| b.iter(|| rc.sum_backward()));
        g.bench_function("arc_rwlock", |b| b.iter(|| locked.iter_rev().sum::<i64>()));
        g.bench_function("vec_index", |b| b.iter(|| index.iter().rev().sum::<i64>()));
        g.finish();

        let mut g = group(c, "arena/add_one");
        g.bench_function("raw_pointer", |b| b.iter(|| raw.iter_mut().for_each(|v| *v += 1)));
        g.bench_function("companion", |b| b.iter(|| arena.for_each_mut(&mut token, |v| *v += 1)));
        g.bench_function("rc_refcell", |b| b.iter(|| rc.add_one()));
        g.bench_function("arc_rwlock", |b| b.iter(|| locked.for_each_mut(|v| *v += 1)));
        g.bench_function("vec_index", |b| {
            b.iter(|| {
                let mut cursor = index.front();
                while let Some(handle) = cursor {
                    *index.get_mut(handle).expect("a linked handle") += 1;
                    cursor = index.next(handle);
                }
            })
        });
        g.finish();

        let mut g = group(c, "arena/parallel_read");
        let companion_sum = || {
            let (a, b) = arena.par_fold(&token, || 0_i64, |sum, v| sum + v);
            a + b
        };
        let locked_sum = || {
            let (front, back) = locked.halves();
            let (a, b) = rayon::join(|| front.sum::<i64>(), || back.sum::<i64>());
            a + b
        };
        g.bench_function("companion_1_thread", |b| b.iter(|| one_thread.install(companion_sum)));
        g.bench_function("companion_2_threads", |b| b.iter(|| two_threads.install(companion_sum)));
        g.bench_function("arc_rwlock_1_thread", |b| b.iter(|| one_thread.install(locked_sum)));
        g.bench_function("arc_rwlock_2_threads", |b| b.iter(|| two_threads.install(locked_sum)));
        g.finish();
    });
}

criterion_group!(benches, lists);
criterion_main!(benches);
