//! The timer queue: a binary heap of expiries, with cancellation.

use core::cmp::Reverse;
use core::marker::PhantomData;
use std::collections::{BinaryHeap, VecDeque};
use std::time::Instant;

use slab::Slab;

use super::runtime::Call;

/// Names a timer set with [`Core::after`](super::Core::after) or
/// [`Core::at`](super::Core::at), to cancel it with
/// [`Core::timer_del`](super::Core::timer_del). A key outlives its timer
/// harmlessly: once the timer has fired or been cancelled, the key matches
/// nothing, even if its slot is reused. It carries the runtime's brand, so
/// a key of one runtime cannot cancel a timer of another.
///
/// # Example
///
/// ```
/// use companion::actors::{Runtime, TimerKey};
/// use std::time::{Duration, Instant};
///
/// let start = Instant::now();
/// Runtime::scope(start, |mut rt| {
///     let key: TimerKey<'_> = rt.after(Duration::from_secs(1), |_| unreachable!());
///     assert!(rt.timer_del(key));
///     assert!(!rt.timer_del(key));
///     rt.run(start + Duration::from_secs(2), false);
/// });
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct TimerKey<'id> {
    slot: usize,
    seq: u64,
    _brand: PhantomData<fn(&'id ()) -> &'id ()>,
}

/// Expiries in a heap (earliest first, ties in the order set); the calls in
/// a slab, so cancelling is a slab removal. A heap entry whose slot no
/// longer holds its sequence number was cancelled and is skipped.
pub(super) struct Timers<'id> {
    heap: BinaryHeap<Reverse<(Instant, u64, usize)>>,
    calls: Slab<(u64, Call<'id>)>,
    /// Timers found due by the current run, earliest first, not fired yet:
    /// still cancellable. Left here by a panic, they fire at the next run.
    due: VecDeque<(Instant, u64, usize)>,
    seq: u64,
}

impl<'id> Timers<'id> {
    pub(super) fn new() -> Self {
        Timers { heap: BinaryHeap::new(), calls: Slab::new(), due: VecDeque::new(), seq: 0 }
    }

    pub(super) fn add(&mut self, at: Instant, call: Call<'id>) -> TimerKey<'id> {
        self.seq += 1;
        let seq = self.seq;
        let slot = self.calls.insert((seq, call));
        self.heap.push(Reverse((at, seq, slot)));
        TimerKey { slot, seq, _brand: PhantomData }
    }

    pub(super) fn del(&mut self, key: TimerKey<'id>) -> bool {
        if !self.active(key) {
            return false;
        }
        drop(self.calls.remove(key.slot));
        // Cancelled entries stay in the heap until they reach its top; keep
        // them from piling up when timers are set and cancelled in a loop.
        if self.heap.len() > 2 * self.calls.len() + 64 {
            let calls = &self.calls;
            self.heap.retain(|Reverse((_, seq, slot))| calls.get(*slot).is_some_and(|(s, _)| s == seq));
        }
        true
    }

    pub(super) fn active(&self, key: TimerKey<'id>) -> bool {
        self.calls.get(key.slot).is_some_and(|(seq, _)| *seq == key.seq)
    }

    /// The earliest live expiry, dropping cancelled entries on the way:
    /// the earlier of the due list's first and the heap's top (a timer set
    /// after a panic, at an instant already past, can precede the due list).
    pub(super) fn next_expiry(&mut self) -> Option<Instant> {
        let mut due = None;
        while let Some(&(at, seq, slot)) = self.due.front() {
            if self.active(TimerKey { slot, seq, _brand: PhantomData }) {
                due = Some(at);
                break;
            }
            self.due.pop_front();
        }
        while let Some(Reverse((at, seq, slot))) = self.heap.peek().copied() {
            if self.active(TimerKey { slot, seq, _brand: PhantomData }) {
                return Some(due.map_or(at, |d| d.min(at)));
            }
            self.heap.pop();
        }
        due
    }

    /// Whether no timer is set.
    pub(super) fn is_empty(&self) -> bool {
        self.calls.is_empty()
    }

    /// Removes every timer, returning their calls to be dropped.
    pub(super) fn take_all(&mut self) -> Vec<Call<'id>> {
        self.heap.clear();
        self.due.clear();
        self.calls.drain().map(|(_, call)| call).collect()
    }

    /// Moves every timer due at `now` from the heap to the due list, in
    /// order of expiry, merged with any left there by a panic.
    pub(super) fn collect_due(&mut self, now: Instant) {
        // Left by a panic: the new ones may expire earlier; keep the order.
        let merge = !self.due.is_empty();
        while let Some(&Reverse(entry @ (at, _, _))) = self.heap.peek() {
            if at > now {
                break;
            }
            self.heap.pop();
            self.due.push_back(entry);
        }
        if merge {
            self.due.make_contiguous().sort_unstable();
        }
    }

    /// The call of the next timer of the due list that is still set,
    /// removed; `None` when the list is used up.
    pub(super) fn next_due(&mut self) -> Option<Call<'id>> {
        while let Some((_, seq, slot)) = self.due.pop_front() {
            if self.active(TimerKey { slot, seq, _brand: PhantomData }) {
                return Some(self.calls.remove(slot).1);
            }
        }
        None
    }
}
