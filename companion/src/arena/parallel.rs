//! Sharing the list between threads: two halves walked from the two ends
//! (reading with `&GhostToken`, or writing with `&mut GhostToken` split over
//! disjoint halves), and construction with one arena `Member` per worker.
//!
//! Why two halves from the two ends: a linked list has no index, so the only
//! positions known without walking are its two ends. Walking forward from the
//! head and backward from the tail, each thread visits half the nodes and
//! neither has to walk to a split point first. More than two parts would need
//! split points, found by a walk as long as the work itself.

use std::marker::PhantomData;
use std::sync::atomic::{AtomicUsize, Ordering};

use bumpalo_herd::Herd;
use ghost_cell::GhostToken;
// rayon: the data-parallel runtime the list is shared across, as in domaschh's post
// "GhostCell with a thread-safe arena"; `join` runs the two halves on two workers
// when two are free.
use rayon::iter::{IntoParallelIterator, ParallelIterator};

use super::list::{ArenaList, Link, Unlinked};

/// How many nodes a walker of [`ArenaList::par_fold`] claims at a time: the
/// shared count is touched once per few microseconds of walking, and a thread
/// that starts late still finds most of the list unclaimed.
pub const CLAIM: usize = 4096;

impl<'arena, 'id, T> ArenaList<'arena, 'id, T> {
    /// Splits the list into two iterators for two threads: the front half
    /// walked forward from the head and the back half walked backward from
    /// the tail (the front half has the extra value when the length is odd).
    /// Both only need the shared token, so both threads can hold it at once.
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     list.extend(1..=5, &member, &mut token);
    ///     let (front, back) = list.halves(&token);
    ///     assert_eq!(front.copied().collect::<Vec<_>>(), [1, 2, 3]);
    ///     assert_eq!(back.copied().collect::<Vec<_>>(), [5, 4]);
    ///
    ///     let (front, back) = list.halves(&token);
    ///     let (a, b) = rayon::join(|| front.sum::<i64>(), || back.sum::<i64>());
    ///     assert_eq!(a + b, 15);
    /// });
    /// ```
    pub fn halves<'a>(
        &'a self,
        token: &'a GhostToken<'id>,
    ) -> (HalfIter<'a, 'arena, 'id, T>, HalfIter<'a, 'arena, 'id, T>) {
        let len = self.len(token);
        let back_len = len / 2;
        let front = HalfIter {
            walk: Walk::forward(self.front_node(token), len - back_len),
            token,
            _list: PhantomData,
        };
        let back = HalfIter {
            walk: Walk::backward(self.back_node(token), back_len),
            token,
            _list: PhantomData,
        };
        (front, back)
    }

    /// Splits the list into two iterators of `&mut T` for two threads, like
    /// [`halves`](Self::halves) but with the mutable token: the one permission
    /// to write is split over two halves that share no node, so each thread
    /// may write its own values while the other writes its own.
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     list.extend(1..=5, &member, &mut token);
    ///     let (front, back) = list.halves_mut(&mut token);
    ///     std::thread::scope(|s| {
    ///         s.spawn(|| front.for_each(|v| *v *= 10));
    ///         s.spawn(|| back.for_each(|v| *v *= 100));
    ///     });
    ///     assert_eq!(list.iter(&token).copied().collect::<Vec<_>>(), [10, 20, 30, 400, 500]);
    /// });
    /// ```
    pub fn halves_mut<'a>(
        &'a self,
        token: &'a mut GhostToken<'id>,
    ) -> (HalfIterMut<'a, 'arena, 'id, T>, HalfIterMut<'a, 'arena, 'id, T>) {
        let len = self.len(token);
        let back_len = len / 2;
        let front = HalfIterMut {
            walk: Walk::forward(self.front_node(token), len - back_len),
            _borrows: PhantomData,
        };
        let back = HalfIterMut {
            walk: Walk::backward(self.back_node(token), back_len),
            _borrows: PhantomData,
        };
        (front, back)
    }

    /// Calls `f` on every value, the two [`halves_mut`](Self::halves_mut)
    /// under `rayon::join`: on two threads when the pool has two free. The
    /// order in which values are visited is not specified.
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     list.extend(1..=4, &member, &mut token);
    ///     list.par_for_each_mut(&mut token, |v| *v *= 2);
    ///     assert_eq!(list.iter(&token).copied().collect::<Vec<_>>(), [2, 4, 6, 8]);
    /// });
    /// ```
    pub fn par_for_each_mut(&self, token: &mut GhostToken<'id>, f: impl Fn(&mut T) + Sync)
    where
        T: Send + Sync,
    {
        let (front, back) = self.halves_mut(token);
        rayon::join(|| front.for_each(&f), || back.for_each(&f));
    }

    /// Folds every value on two threads that walk toward each other from the
    /// two ends and stop where they meet, and returns the two partial results
    /// (front walker's first).
    ///
    /// Unlike [`halves`](Self::halves), the meeting point is not fixed in
    /// advance: each walker claims `CLAIM` nodes at a time from a shared
    /// count of unclaimed nodes, so a thread that starts late (a rayon worker
    /// still waking up) or runs slower simply walks less of the list, and
    /// neither waits for the other. With a single thread, `rayon::join` runs
    /// the front walker first, which claims the whole list.
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     list.extend(1..=10_000, &member, &mut token);
    ///     let (front, back) = list.par_fold(&token, || 0_i64, |sum, v| sum + v);
    ///     assert_eq!(front + back, 50_005_000);
    /// });
    /// ```
    pub fn par_fold<R, I, F>(&self, token: &GhostToken<'id>, init: I, fold: F) -> (R, R)
    where
        T: Send + Sync,
        R: Send,
        I: Fn() -> R + Sync,
        F: Fn(R, &T) -> R + Sync,
    {
        self.par_fold_claiming(token, CLAIM, init, fold)
    }

    /// [`par_fold`](Self::par_fold) with the claim size as a parameter, so the
    /// tests can make the walkers meet at every possible point.
    fn par_fold_claiming<R, I, F>(&self, token: &GhostToken<'id>, claim: usize, init: I, fold: F) -> (R, R)
    where
        T: Send + Sync,
        R: Send,
        I: Fn() -> R + Sync,
        F: Fn(R, &T) -> R + Sync,
    {
        // Only the count is shared. Every node is claimed by exactly one walker,
        // the front walker's claims are the first nodes and the back walker's the
        // last, so the walks never overlap. Relaxed is enough: the values are
        // only read, under the shared token, so there is nothing to publish.
        let unclaimed = AtomicUsize::new(self.len(token));
        let walk = |mut next: Link<'arena, 'id, T>, forward: bool| {
            let mut acc = init();
            loop {
                let claimed = match unclaimed.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| {
                    (n > 0).then(|| n - n.min(claim))
                }) {
                    Ok(before) => before.min(claim),
                    Err(_) => return acc,
                };
                for _ in 0..claimed {
                    let node = next.expect("the list has `len` nodes").0.borrow(token);
                    acc = fold(acc, &node.value);
                    next = if forward { node.next } else { node.prev };
                }
            }
        };
        rayon::join(|| walk(self.front_node(token), true), || walk(self.back_node(token), false))
    }

    /// Appends every value of `values` at the back, in order, allocating the
    /// nodes in parallel: each rayon work item takes a [`Member`] of `herd`
    /// once (`map_init`) and allocates its nodes from it, without a lock per
    /// node. Linking needs `&mut token`, the one writer, so the nodes are
    /// linked afterwards on the calling thread.
    ///
    /// If `values` panics (on any worker), the panic reaches the caller, the
    /// list is left as it was, and every value already produced is dropped
    /// exactly once: each allocated node owns its value until it is linked.
    ///
    /// [`Member`]: bumpalo_herd::Member
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    /// use rayon::prelude::*;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     list.par_extend(herd, (0..100).into_par_iter().map(|i| i * i), &mut token);
    ///     assert_eq!(list.len(&token), 100);
    ///     assert_eq!(list.back(&token), Some(&9801));
    /// });
    /// ```
    pub fn par_extend(
        &self,
        herd: &'arena Herd,
        values: impl IntoParallelIterator<Item = T>,
        token: &mut GhostToken<'id>,
    ) where
        T: Send + Sync,
    {
        // `Unlinked`, not `NodeRef`: the arena runs no destructors, so if a
        // worker panics, rayon drops the partial results, and only a guard
        // that owns its value drops the values made so far.
        let nodes: Vec<Unlinked<'arena, 'id, T>> = values
            .into_par_iter()
            .map_init(|| herd.get(), |member, value| Unlinked::alloc(value, member))
            .collect();
        for node in nodes {
            let tail = self.back_node(token);
            self.attach(node.into_node(), tail, None, token);
        }
    }
}

/// One half of an [`ArenaList`], from [`ArenaList::halves`]: the front half
/// walked forward from the head, or the back half walked backward from the
/// tail.
///
/// ```
/// use bumpalo_herd::Herd;
/// use companion::arena::{ArenaList, HalfIter};
///
/// let herd = Herd::new();
/// ArenaList::new(&herd, |list, mut token, herd| {
///     let member = herd.get();
///     list.extend([1, 2, 3, 4], &member, &mut token);
///     let (_, back): (_, HalfIter<'_, '_, '_, i32>) = list.halves(&token);
///     assert_eq!(back.len(), 2);
///     assert_eq!(back.copied().collect::<Vec<_>>(), [4, 3]);
/// });
/// ```
pub struct HalfIter<'a, 'arena, 'id, T> {
    walk: Walk<'arena, 'id, T>,
    token: &'a GhostToken<'id>,
    _list: PhantomData<&'a ArenaList<'arena, 'id, T>>,
}

impl<'a, T> Iterator for HalfIter<'a, '_, '_, T> {
    type Item = &'a T;

    fn next(&mut self) -> Option<&'a T> {
        let walk = &mut self.walk;
        if walk.remaining == 0 {
            return None;
        }
        walk.remaining -= 1;
        let node = walk.next?.0.borrow(self.token);
        walk.next = if walk.forward { node.next } else { node.prev };
        Some(&node.value)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.walk.remaining, Some(self.walk.remaining))
    }
}

impl<T> ExactSizeIterator for HalfIter<'_, '_, '_, T> {}

/// One half of an [`ArenaList`] with mutable access, from
/// [`ArenaList::halves_mut`]. It holds (its share of) the mutable borrow of
/// the token, so nothing else reads or writes the list while it lives; it is
/// `Send` when `T: Send + Sync`, so it can go to another thread.
///
/// ```
/// use bumpalo_herd::Herd;
/// use companion::arena::{ArenaList, HalfIterMut};
///
/// let herd = Herd::new();
/// ArenaList::new(&herd, |list, mut token, herd| {
///     let member = herd.get();
///     list.extend([1, 2, 3], &member, &mut token);
///     let (front, _): (HalfIterMut<'_, '_, '_, i32>, _) = list.halves_mut(&mut token);
///     assert_eq!(front.len(), 2);
///     let all: Vec<&mut i32> = front.collect(); // every `&mut` alive at once
///     assert_eq!(all, [&mut 1, &mut 2]);
/// });
/// ```
pub struct HalfIterMut<'a, 'arena, 'id, T> {
    walk: Walk<'arena, 'id, T>,
    /// The share of `&'a mut GhostToken` this half stands for, and the list
    /// it walks.
    _borrows: PhantomData<(&'a mut GhostToken<'id>, &'a ArenaList<'arena, 'id, T>)>,
}

impl<'a, T> Iterator for HalfIterMut<'a, '_, '_, T> {
    type Item = &'a mut T;

    fn next(&mut self) -> Option<&'a mut T> {
        let walk = &mut self.walk;
        if walk.remaining == 0 {
            return None;
        }
        walk.remaining -= 1;
        let raw = walk.next?.0.as_ptr();
        walk.next = if walk.forward {
            // SAFETY:
            // - `raw` could dangle: nodes live in the arena for `'arena`,
            //   which outlives `'a`.
            // - the read could overlap a `&mut T` handed out by either half:
            //   the link is read through a raw place, and a `&mut T` covers
            //   only a `value`.
            unsafe { (*raw).next }
        } else {
            // SAFETY:
            // - `raw` could dangle, or the read overlap a `&mut T`: as for
            //   `next` above.
            unsafe { (*raw).prev }
        };
        // SAFETY:
        // - another reference to this value could exist: it cannot. The token
        //   is borrowed mutably for `'a`, so no reader or writer goes through
        //   the list meanwhile. The two halves share no node: the front half
        //   is the first `len - len / 2` nodes from the head, the back half
        //   the last `len / 2` from the tail, and `len` counts the chain. Each
        //   half yields each of its nodes once (`remaining` counts down).
        // - the value could be uninitialised: it cannot, every node in the
        //   chain is linked, and a linked node's value is live.
        // - the `&mut T` could overlap the links read here or by the other
        //   half: it cannot, it covers only the `value` field, and the links
        //   are read through the raw pointer, not through a `&Node`. A half
        //   reads the links of its own nodes only (it stops after its last
        //   node, without following that node's link).
        // - `raw` could dangle: nodes live in the arena for `'arena`, which
        //   outlives `'a`.
        Some(unsafe { &mut *(*raw).value })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.walk.remaining, Some(self.walk.remaining))
    }
}

impl<T> ExactSizeIterator for HalfIterMut<'_, '_, '_, T> {}

/// A walk of `remaining` nodes from `next` in one direction.
struct Walk<'arena, 'id, T> {
    next: Link<'arena, 'id, T>,
    remaining: usize,
    forward: bool,
}

impl<'arena, 'id, T> Walk<'arena, 'id, T> {
    fn forward(from: Link<'arena, 'id, T>, count: usize) -> Self {
        Walk { next: from, remaining: count, forward: true }
    }

    fn backward(from: Link<'arena, 'id, T>, count: usize) -> Self {
        Walk { next: from, remaining: count, forward: false }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::panic::{AssertUnwindSafe, catch_unwind};
    use std::sync::{Arc, RwLock};
    use std::thread;

    use crate::testing::SyncDropCounter;

    // rayon's deque uses crossbeam-epoch, which Stacked Borrows rejects
    // (crossbeam-rs/crossbeam#545), so the tests that go through rayon are
    // skipped under Miri. The tests that run our unsafe code on two threads
    // use `std::thread::scope` instead, so Miri checks them.

    fn pool(threads: usize) -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap()
    }

    #[test]
    #[cfg_attr(miri, ignore)] // through rayon, see above; par_fold has no unsafe code
    fn par_fold_walkers_meet_without_overlap_for_every_length_and_claim() {
        let herd = Herd::new();
        for threads in [1, 2] {
            for n in 0..12_i32 {
                for claim in 1..5 {
                    ArenaList::new(&herd, |list, mut token, herd| {
                        list.extend(0..n, &herd.get(), &mut token);
                        let visit = |mut seen: Vec<i32>, v: &i32| {
                            seen.push(*v);
                            seen
                        };
                        let (front, mut back) =
                            pool(threads).install(|| list.par_fold_claiming(&token, claim, Vec::new, visit));
                        back.reverse();
                        let all: Vec<i32> = front.iter().chain(&back).copied().collect();
                        assert_eq!(all, (0..n).collect::<Vec<_>>(), "{threads} threads, claim {claim}");
                    });
                }
            }
        }
    }

    #[test]
    #[cfg_attr(miri, ignore)] // through rayon, see above
    fn par_fold_on_one_thread_walks_everything_from_the_front() {
        let herd = Herd::new();
        ArenaList::new(&herd, |list, mut token, herd| {
            list.extend(1..=10_000_i64, &herd.get(), &mut token);
            let (front, back) = pool(1).install(|| list.par_fold(&token, || 0, |sum, v| sum + v));
            assert_eq!((front, back), (50_005_000, 0));
        });
    }

    #[test]
    fn halves_cover_the_list_once_for_every_length() {
        let herd = Herd::new();
        for n in 0..7_i32 {
            ArenaList::new(&herd, |list, mut token, herd| {
                let member = herd.get();
                list.extend(0..n, &member, &mut token);
                let (front, back) = list.halves(&token);
                assert_eq!(front.len() + back.len(), n as usize);
                assert!(front.len() - back.len() <= 1);
                let mut all: Vec<i32> = front.chain(back).copied().collect();
                all.sort();
                assert_eq!(all, (0..n).collect::<Vec<_>>());

                let (front, back) = list.halves_mut(&mut token);
                assert_eq!((front.len(), back.len()), ((n as usize).div_ceil(2), n as usize / 2));
                front.chain(back).for_each(|v| *v += 100);
                assert!(list.iter(&token).copied().eq(100..100 + n));
            });
        }
    }

    #[test]
    fn two_threads_read_with_one_shared_token() {
        let herd = Herd::new();
        let n = if cfg!(miri) { 50 } else { 10_000 };
        ArenaList::new(&herd, |list, mut token, herd| {
            let member = herd.get();
            list.extend(1..=n, &member, &mut token);
            let (front, back) = list.halves(&token);
            let (a, b) = thread::scope(|s| {
                let a = s.spawn(|| front.sum::<i64>());
                let b = s.spawn(|| back.sum::<i64>());
                (a.join().unwrap(), b.join().unwrap())
            });
            assert_eq!(a + b, n * (n + 1) / 2);
        });
    }

    #[test]
    fn two_threads_write_disjoint_halves() {
        let herd = Herd::new();
        let n = if cfg!(miri) { 21 } else { 10_001 };
        ArenaList::new(&herd, |list, mut token, herd| {
            let member = herd.get();
            list.extend((0..n).map(|i| vec![i]), &member, &mut token);
            let (front, back) = list.halves_mut(&mut token);
            thread::scope(|s| {
                s.spawn(|| front.for_each(|v| v.push(v[0] * 2)));
                s.spawn(|| back.for_each(|v| v.push(v[0] * 2)));
            });
            assert!(list.iter(&token).enumerate().all(|(i, v)| *v == [i, 2 * i]));
        });
    }

    #[test]
    #[cfg_attr(miri, ignore = "crossbeam-epoch, under rayon, fails Stacked Borrows")]
    fn par_for_each_mut_in_a_pool_of_two() {
        let herd = Herd::new();
        ArenaList::new(&herd, |list, mut token, herd| {
            let member = herd.get();
            list.extend(0..1_001_u64, &member, &mut token);
            pool(2).install(|| list.par_for_each_mut(&mut token, |v| *v *= 3));
            assert!(list.iter(&token).copied().eq((0..1_001).map(|v| v * 3)));
            ArenaList::<u8>::new(herd, |empty, mut token, _| empty.par_for_each_mut(&mut token, |_| ()));
        });
    }

    #[test]
    #[cfg_attr(miri, ignore = "crossbeam-epoch, under rayon, fails Stacked Borrows")]
    fn parallel_construction_keeps_the_order() {
        let herd = Herd::new();
        let n = 20_000;
        ArenaList::new(&herd, |list, mut token, herd| {
            let member = herd.get();
            list.push_back(-1, &member, &mut token);
            list.par_extend(herd, (0..n).into_par_iter(), &mut token);
            list.par_extend(herd, Vec::<i64>::new(), &mut token);
            assert_eq!(list.len(&token), n as usize + 1);
            assert!(list.iter(&token).copied().eq(-1..n));
            assert!(list.iter(&token).rev().copied().eq((-1..n).rev()));
        });
    }

    /// Runs `par_extend` of `n` counted values on a pool of two, with
    /// `panics_at(i)` deciding which items panic instead of making a value,
    /// and returns (values made, values dropped) once the list is gone.
    fn par_extend_that_panics(n: usize, panics_at: impl Fn(usize) -> bool + Sync) -> (usize, usize) {
        let (made, dropped) = (AtomicUsize::new(1), Arc::new(AtomicUsize::new(0)));
        let herd = Herd::new();
        ArenaList::new(&herd, |list, mut token, herd| {
            list.push_back(SyncDropCounter(Arc::clone(&dropped)), &herd.get(), &mut token);
            let values = (0..n).into_par_iter().map(|i| {
                assert!(!panics_at(i), "the iterator panics at item {i}");
                made.fetch_add(1, Ordering::Relaxed);
                SyncDropCounter(Arc::clone(&dropped))
            });
            let outcome = catch_unwind(AssertUnwindSafe(|| pool(2).install(|| list.par_extend(herd, values, &mut token))));
            assert!(outcome.is_err(), "the panic reaches the caller");
            assert_eq!(list.len(&token), 1, "nothing is linked");
            assert_eq!(dropped.load(Ordering::Relaxed), made.load(Ordering::Relaxed) - 1, "all but the list's value");
        });
        (made.into_inner(), dropped.load(Ordering::Relaxed))
    }

    #[test]
    #[cfg_attr(miri, ignore = "crossbeam-epoch, under rayon, fails Stacked Borrows")]
    fn drops_every_value_made_once_when_par_extend_panics() {
        let n = 1_000;
        // The first and last items of each half of rayon's first split: with
        // two workers, each half may run on either one.
        for at in [0, n / 2 - 1, n / 2, n - 1] {
            let (made, dropped) = par_extend_that_panics(n, |i| i == at);
            assert_eq!(made, dropped, "a panic at item {at}");
        }
        // Both workers panicking, many times each.
        let (made, dropped) = par_extend_that_panics(n, |i| i % 97 == 96);
        assert_eq!(made, dropped, "panics on both workers");
    }

    #[test]
    fn one_lock_for_the_token_serialises_whole_updates() {
        // Readers and writers alternate; every writer changes the whole list
        // under one write lock, so a reader sees every value before or after
        // an update, never a mix.
        let herd = Herd::new();
        let (threads, rounds) = if cfg!(miri) { (2, 3) } else { (4, 200) };
        ArenaList::new(&herd, |list, mut token, herd| {
            let member = herd.get();
            list.extend([0_u64; 16], &member, &mut token);
            let token = RwLock::new(token);
            thread::scope(|s| {
                for _ in 0..threads {
                    s.spawn(|| {
                        let member = herd.get();
                        for _ in 0..rounds {
                            {
                                let token = token.read().unwrap();
                                let first = *list.front(&token).unwrap();
                                assert!(list.iter(&token).take(16).all(|&v| v == first));
                            }
                            let mut token = token.write().unwrap();
                            list.for_each_mut(&mut token, |v| *v += 1);
                            list.push_back(0, &member, &mut token);
                            list.pop_back(&mut token);
                        }
                    });
                }
            });
            let token = token.into_inner().unwrap();
            assert!(list.iter(&token).all(|&v| v == threads * rounds));
            assert_eq!(list.len(&token), 16);
        });
    }
}
