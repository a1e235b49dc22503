//! The timer queue: a binary heap of expiries, with cancellation. Generic
//! over what a timer holds, so it knows nothing of the runtime.

#![forbid(unsafe_code)]

use core::cmp::Reverse;
use core::marker::PhantomData;
use std::collections::{BinaryHeap, VecDeque};
use std::time::Instant;

use slab::Slab;

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

/// Expiries in a heap (earliest first, ties in the order set); what each
/// timer holds (`T`, the runtime's call) in a slab, so cancelling is a slab
/// removal. A heap entry whose slot no longer holds its sequence number was
/// cancelled and is skipped. Keys carry the brand `'id`.
pub(super) struct Timers<'id, T> {
    heap: BinaryHeap<Reverse<(Instant, u64, usize)>>,
    calls: Slab<(u64, T)>,
    /// Timers found due by the current run, earliest first, not fired yet:
    /// still cancellable. Left here by a panic, they fire at the next run.
    due: VecDeque<(Instant, u64, usize)>,
    seq: u64,
    _brand: PhantomData<fn(&'id ()) -> &'id ()>,
}

impl<'id, T> Timers<'id, T> {
    pub(super) fn new() -> Self {
        Timers { heap: BinaryHeap::new(), calls: Slab::new(), due: VecDeque::new(), seq: 0, _brand: PhantomData }
    }

    pub(super) fn add(&mut self, at: Instant, call: T) -> TimerKey<'id> {
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

    /// Removes every timer, returning what they held, to be dropped.
    pub(super) fn take_all(&mut self) -> Vec<T> {
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

    /// What the next timer of the due list that is still set holds,
    /// removed; `None` when the list is used up.
    pub(super) fn next_due(&mut self) -> Option<T> {
        while let Some((_, seq, slot)) = self.due.pop_front() {
            if self.active(TimerKey { slot, seq, _brand: PhantomData }) {
                return Some(self.calls.remove(slot).1);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn at(base: Instant, ms: u64) -> Instant {
        base + Duration::from_millis(ms)
    }

    /// Every due timer, in the order it fires.
    fn fire(timers: &mut Timers<'_, &'static str>, now: Instant) -> Vec<&'static str> {
        timers.collect_due(now);
        core::iter::from_fn(|| timers.next_due()).collect()
    }

    #[test]
    fn fire_in_order_of_expiry_then_of_setting() {
        let t = Instant::now();
        let mut timers = Timers::new();
        timers.add(at(t, 3), "3");
        timers.add(at(t, 1), "1 first");
        timers.add(at(t, 1), "1 second");
        timers.add(at(t, 2), "2");
        assert_eq!(timers.next_expiry(), Some(at(t, 1)));
        assert_eq!(fire(&mut timers, at(t, 2)), ["1 first", "1 second", "2"]);
        assert_eq!(timers.next_expiry(), Some(at(t, 3)));
        assert_eq!(fire(&mut timers, at(t, 9)), ["3"]);
        assert!(timers.is_empty());
        assert_eq!(timers.next_expiry(), None);
    }

    #[test]
    fn a_key_cancels_once_and_never_a_later_timer_in_its_slot() {
        let t = Instant::now();
        let mut timers = Timers::new();
        let old = timers.add(at(t, 1), "old");
        assert!(timers.active(old));
        assert!(timers.del(old));
        assert!(!timers.del(old), "cancelled twice");
        let new = timers.add(at(t, 1), "new");
        assert_eq!(new.slot, old.slot, "the slab reuses the slot");
        assert!(!timers.del(old), "the old key does not match the new timer");
        assert!(timers.active(new));
        assert_eq!(fire(&mut timers, at(t, 1)), ["new"]);
        assert!(!timers.active(new), "fired");
    }

    #[test]
    fn a_due_timer_can_be_cancelled_until_it_fires() {
        let t = Instant::now();
        let mut timers = Timers::new();
        timers.add(at(t, 1), "first");
        let second = timers.add(at(t, 2), "second");
        timers.collect_due(at(t, 5));
        assert_eq!(timers.next_due(), Some("first"));
        assert!(timers.del(second));
        assert_eq!(timers.next_due(), None);
    }

    #[test]
    fn timers_left_due_merge_in_order_with_ones_set_later() {
        let t = Instant::now();
        let mut timers = Timers::new();
        timers.add(at(t, 2), "2");
        timers.add(at(t, 3), "3");
        timers.collect_due(at(t, 5));
        // Nothing fired (as after a panic); one more timer, earlier than both.
        timers.add(at(t, 1), "1");
        assert_eq!(timers.next_expiry(), Some(at(t, 1)));
        assert_eq!(fire(&mut timers, at(t, 5)), ["1", "2", "3"]);
    }

    #[test]
    fn cancelled_entries_do_not_pile_up_in_the_heap() {
        let t = Instant::now();
        let mut timers = Timers::new();
        for ms in 0..10_000 {
            let key = timers.add(at(t, ms + 1), "never");
            assert!(timers.del(key));
        }
        assert!(timers.heap.len() <= 64 + 1);
        timers.add(at(t, 1000), "kept");
        assert_eq!(timers.next_expiry(), Some(at(t, 1000)));
        assert_eq!(timers.take_all(), ["kept"]);
        assert!(timers.is_empty());
    }
}
