//! The timer queue: a binary heap of expiries, with cancellation, and
//! timers whose expiry moves (max and min timers). Generic over what a
//! timer holds, so it knows nothing of the runtime.

#![forbid(unsafe_code)]

use core::cmp::Reverse;
use core::marker::PhantomData;
use std::collections::{BinaryHeap, VecDeque};
use std::time::Instant;

use slab::Slab;

use super::runtime::{Core, Runtime};

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

impl TimerKey<'_> {
    /// A key that matches no timer: sequence numbers start at 1.
    const NONE: Self = TimerKey { slot: 0, seq: 0, _brand: PhantomData };
}

/// Names a *max* timer: one whose expiry only ever moves later. Set and
/// moved with [`timer_max!`](crate::actors::timer_max), or
/// [`Core::timer_max_add`](super::Core::timer_max_add) and
/// [`Core::timer_max_upd`](super::Core::timer_max_upd). The default key
/// names no timer, so a field that starts as `MaxTimerKey::default()` makes
/// the first `timer_max!` set a new timer.
///
/// A max timer is the timer of "when things have been quiet for a while":
/// each event pushes the expiry later, and the call runs once the events
/// stop. Pushing it costs no heap operation: the new expiry is written
/// beside the timer's call, and only when the old expiry comes round is the
/// timer queued again, for the latest one.
///
/// # Example
///
/// ```
/// use companion::actors::{MaxTimerKey, Runtime};
/// use std::time::{Duration, Instant};
///
/// let start = Instant::now();
/// Runtime::scope(start, |mut rt| {
///     let key: MaxTimerKey<'_> = rt.timer_max_add(start + Duration::from_secs(1), |_| {});
///     assert!(rt.timer_max_upd(key, start + Duration::from_secs(5)));
///     assert!(rt.timer_max_upd(key, start + Duration::from_secs(2)), "earlier: ignored");
///     assert_eq!(rt.next_expiry(), Some(start + Duration::from_secs(5)));
///     assert!(!rt.timer_max_active(MaxTimerKey::default()));
/// });
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct MaxTimerKey<'id>(TimerKey<'id>);

impl Default for MaxTimerKey<'_> {
    fn default() -> Self {
        MaxTimerKey(TimerKey::NONE)
    }
}

/// Names a *min* timer: one whose expiry only ever moves earlier. Set and
/// moved with [`timer_min!`](crate::actors::timer_min), or
/// [`Core::timer_min_add`](super::Core::timer_min_add) and
/// [`Core::timer_min_upd`](super::Core::timer_min_upd). The default key
/// names no timer.
///
/// A min timer is the timer of a deadline that several parties may bring
/// forward: the earliest one wins. Moving it costs no heap operation either:
/// the new expiry is written beside the timer's call, and the timer is
/// noted as moved. Before the runtime next looks for due timers, each timer
/// moved since the last look is queued once at its latest expiry; the entry
/// at the old one is skipped when it comes round.
///
/// # Example
///
/// ```
/// use companion::actors::{MinTimerKey, Runtime};
/// use std::time::{Duration, Instant};
///
/// let start = Instant::now();
/// Runtime::scope(start, |mut rt| {
///     let key: MinTimerKey<'_> = rt.timer_min_add(start + Duration::from_secs(5), |_| {});
///     assert!(rt.timer_min_upd(key, start + Duration::from_secs(2)));
///     assert!(rt.timer_min_upd(key, start + Duration::from_secs(9)), "later: ignored");
///     assert_eq!(rt.next_expiry(), Some(start + Duration::from_secs(2)));
/// });
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct MinTimerKey<'id>(TimerKey<'id>);

impl Default for MinTimerKey<'_> {
    fn default() -> Self {
        MinTimerKey(TimerKey::NONE)
    }
}

/// A timer in the slab: its sequence number (the key's), when it expires
/// now, whether it is a min timer moved earlier than every entry it has in
/// the heap, and what it holds.
struct Entry<T> {
    seq: u64,
    expiry: Instant,
    moved_earlier: bool,
    call: T,
}

/// Expiries in a heap (earliest first, ties in the order set); what each
/// timer holds (`T`, the runtime's call) in a slab, so cancelling is a slab
/// removal. Keys carry the brand `'id`.
///
/// A heap entry is *live* if its slot still holds its sequence number and
/// its instant is not after the timer's expiry. A cancelled or fired
/// timer's entries are not live, nor is the entry a min timer left at its
/// old expiry when it moved earlier; they are skipped. A max timer that
/// moved later has one live entry, at an instant before its expiry: when
/// that entry comes round, the timer is queued again at its expiry. A min
/// timer that moved earlier is listed in `moved` until
/// [`queue_moved`](Self::queue_moved) gives it an entry at its expiry; every
/// method that reads the heap's order calls that first.
pub(super) struct Timers<'id, T> {
    heap: BinaryHeap<Reverse<(Instant, u64, usize)>>,
    calls: Slab<Entry<T>>,
    /// Min timers moved earlier since the heap was last read: `(seq, slot)`,
    /// each timer once, however often it moved.
    moved: Vec<(u64, usize)>,
    /// Timers found due by the current run, earliest first, not fired yet:
    /// still cancellable. Left here by a panic, they fire at the next run.
    due: VecDeque<(Instant, u64, usize)>,
    seq: u64,
    _brand: PhantomData<fn(&'id ()) -> &'id ()>,
}

impl<'id, T> Timers<'id, T> {
    pub(super) fn new() -> Self {
        Timers {
            heap: BinaryHeap::new(),
            calls: Slab::new(),
            moved: Vec::new(),
            due: VecDeque::new(),
            seq: 0,
            _brand: PhantomData,
        }
    }

    pub(super) fn add(&mut self, at: Instant, call: T) -> TimerKey<'id> {
        self.seq += 1;
        let seq = self.seq;
        let slot = self.calls.insert(Entry { seq, expiry: at, moved_earlier: false, call });
        self.heap.push(Reverse((at, seq, slot)));
        TimerKey { slot, seq, _brand: PhantomData }
    }

    pub(super) fn del(&mut self, key: TimerKey<'id>) -> bool {
        if !self.active(key) {
            return false;
        }
        drop(self.calls.remove(key.slot));
        self.compact();
        true
    }

    pub(super) fn active(&self, key: TimerKey<'id>) -> bool {
        self.entry(key.seq, key.slot).is_some()
    }

    /// The timer of a key, if it is still set.
    fn entry(&self, seq: u64, slot: usize) -> Option<&Entry<T>> {
        self.calls.get(slot).filter(|entry| entry.seq == seq)
    }

    /// Entries that are not live stay in the heap until they reach its top,
    /// and notes of moved min timers that were cancelled stay in `moved`
    /// until the heap is next read; keep both from piling up when timers are
    /// set, moved and cancelled in a loop. A live timer is noted once at
    /// most, so the notes kept number no more than the timers.
    fn compact(&mut self) {
        let most = 2 * self.calls.len() + 64;
        let calls = &self.calls;
        if self.heap.len() > most {
            self.heap.retain(|Reverse((at, seq, slot))| calls.get(*slot).is_some_and(|e| e.seq == *seq && *at <= e.expiry));
        }
        if self.moved.len() > most {
            self.moved.retain(|&(seq, slot)| calls.get(slot).is_some_and(|e| e.seq == seq));
        }
    }

    pub(super) fn add_max(&mut self, at: Instant, call: T) -> MaxTimerKey<'id> {
        MaxTimerKey(self.add(at, call))
    }

    /// Moves a max timer's expiry to `at` if that is later; `false` if the
    /// timer is no longer set. The heap is not touched.
    pub(super) fn upd_max(&mut self, key: MaxTimerKey<'id>, at: Instant) -> bool {
        let MaxTimerKey(key) = key;
        match self.calls.get_mut(key.slot) {
            Some(entry) if entry.seq == key.seq => {
                entry.expiry = entry.expiry.max(at);
                true
            }
            _ => false,
        }
    }

    pub(super) fn add_min(&mut self, at: Instant, call: T) -> MinTimerKey<'id> {
        MinTimerKey(self.add(at, call))
    }

    /// Moves a min timer's expiry to `at` if that is earlier, and notes the
    /// timer as moved (once); `false` if the timer is no longer set. The heap
    /// is not touched.
    pub(super) fn upd_min(&mut self, key: MinTimerKey<'id>, at: Instant) -> bool {
        let MinTimerKey(key) = key;
        match self.calls.get_mut(key.slot) {
            Some(entry) if entry.seq == key.seq => {
                if at < entry.expiry {
                    entry.expiry = at;
                    if !entry.moved_earlier {
                        entry.moved_earlier = true;
                        self.moved.push((key.seq, key.slot));
                    }
                }
                true
            }
            _ => false,
        }
    }

    /// Gives every min timer moved earlier since the last call an entry at
    /// its expiry. A timer cancelled or fired since it moved is skipped.
    fn queue_moved(&mut self) {
        if self.moved.is_empty() {
            return;
        }
        for (seq, slot) in self.moved.drain(..) {
            if let Some(entry) = self.calls.get_mut(slot).filter(|entry| entry.seq == seq) {
                entry.moved_earlier = false;
                self.heap.push(Reverse((entry.expiry, seq, slot)));
            }
        }
        self.compact();
    }

    /// The earliest live expiry, dropping dead entries on the way and
    /// queueing a max timer that moved later at its expiry: the earlier of
    /// the due list's first and the heap's top (a timer set after a panic,
    /// at an instant already past, can precede the due list).
    pub(super) fn next_expiry(&mut self) -> Option<Instant> {
        self.queue_moved();
        let mut due = None;
        while let Some(&(at, seq, slot)) = self.due.front() {
            if self.entry(seq, slot).is_some() {
                due = Some(at);
                break;
            }
            self.due.pop_front();
        }
        while let Some(Reverse((at, seq, slot))) = self.heap.peek().copied() {
            match self.entry(seq, slot).map(|entry| entry.expiry) {
                Some(expiry) if at == expiry => return Some(due.map_or(at, |d| d.min(at))),
                Some(expiry) if at < expiry => {
                    self.heap.pop();
                    self.heap.push(Reverse((expiry, seq, slot)));
                }
                _ => {
                    self.heap.pop();
                }
            }
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
        self.moved.clear();
        self.due.clear();
        self.calls.drain().map(|entry| entry.call).collect()
    }

    /// Moves every timer due at `now` from the heap to the due list, in
    /// order of expiry, merged with any left there by a panic. Entries that
    /// are not live are moved too, and skipped by [`next_due`](Self::next_due):
    /// looking each one up here would cost every timer a second lookup.
    ///
    /// Every run asks, and most runs find no timer due and none moved: that
    /// answer is inline, the moving is not.
    #[inline]
    pub(super) fn collect_due(&mut self, now: Instant) {
        let heap_due = self.heap.peek().is_some_and(|&Reverse((at, _, _))| at <= now);
        if heap_due || !self.moved.is_empty() || !self.due.is_empty() {
            self.move_due(now);
        }
    }

    #[inline(never)]
    fn move_due(&mut self, now: Instant) {
        self.queue_moved();
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
    ///
    /// An entry before its timer's expiry is a max timer that moved later
    /// (before or after it was found due): it is queued again at its expiry,
    /// in the due list if that is not after `now` (this run's), in the heap
    /// if it is. An entry after its timer's expiry is a min timer that moved
    /// earlier: due all the more, so it fires (if its entry at the new
    /// expiry was due too, that one came first and fired it, and this one
    /// finds the slot empty).
    #[inline]
    pub(super) fn next_due(&mut self, now: Instant) -> Option<T> {
        while let Some((at, seq, slot)) = self.due.pop_front() {
            let Some(expiry) = self.entry(seq, slot).map(|entry| entry.expiry) else { continue };
            if expiry > at {
                let entry = (expiry, seq, slot);
                if expiry <= now {
                    let place = self.due.partition_point(|queued| *queued < entry);
                    self.due.insert(place, entry);
                } else {
                    self.heap.push(Reverse(entry));
                }
                continue;
            }
            return Some(self.calls.remove(slot).call);
        }
        None
    }
}

/// Max and min timers, with the runtime. Their call runs with the whole
/// runtime, like [`Core::at`]'s; [`timer_max!`](crate::actors::timer_max)
/// and [`timer_min!`](crate::actors::timer_min) make it a method call.
impl<'id> Core<'id> {
    /// Sets a max timer that runs `f` at `at`, or later if
    /// [`timer_max_upd`](Self::timer_max_upd) moves it.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::Runtime;
    /// use std::cell::Cell;
    /// use std::rc::Rc;
    /// use std::time::{Duration, Instant};
    ///
    /// let start = Instant::now();
    /// Runtime::scope(start, |mut rt| {
    ///     let fired = Rc::new(Cell::new(false));
    ///     let f = fired.clone();
    ///     let key = rt.timer_max_add(start + Duration::from_secs(1), move |_| f.set(true));
    ///     rt.timer_max_upd(key, start + Duration::from_secs(3));
    ///     rt.run(start + Duration::from_secs(2), false);
    ///     assert!(!fired.get(), "moved to 3 s");
    ///     rt.run(start + Duration::from_secs(3), false);
    ///     assert!(fired.get());
    /// });
    /// ```
    pub fn timer_max_add(&mut self, at: Instant, f: impl FnOnce(&mut Runtime<'id>) + 'id) -> MaxTimerKey<'id> {
        self.timers_mut().add_max(at, Box::new(f))
    }

    /// Moves a max timer to `at` if that is later than its expiry, and
    /// returns `true`; returns `false`, and does nothing, if the timer has
    /// fired or been cancelled (or the key is the default one).
    pub fn timer_max_upd(&mut self, key: MaxTimerKey<'id>, at: Instant) -> bool {
        self.timers_mut().upd_max(key, at)
    }

    /// Cancels a max timer; `false` if it has already fired or been
    /// cancelled.
    pub fn timer_max_del(&mut self, key: MaxTimerKey<'id>) -> bool {
        self.timers_mut().del(key.0)
    }

    /// Whether a max timer is still set.
    pub fn timer_max_active(&self, key: MaxTimerKey<'id>) -> bool {
        self.timers().active(key.0)
    }

    /// Sets a min timer that runs `f` at `at`, or earlier if
    /// [`timer_min_upd`](Self::timer_min_upd) moves it.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::Runtime;
    /// use std::cell::Cell;
    /// use std::rc::Rc;
    /// use std::time::{Duration, Instant};
    ///
    /// let start = Instant::now();
    /// Runtime::scope(start, |mut rt| {
    ///     let fired = Rc::new(Cell::new(false));
    ///     let f = fired.clone();
    ///     let key = rt.timer_min_add(start + Duration::from_secs(10), move |_| f.set(true));
    ///     rt.timer_min_upd(key, start + Duration::from_secs(1));
    ///     rt.run(start + Duration::from_secs(1), false);
    ///     assert!(fired.get(), "moved to 1 s");
    /// });
    /// ```
    pub fn timer_min_add(&mut self, at: Instant, f: impl FnOnce(&mut Runtime<'id>) + 'id) -> MinTimerKey<'id> {
        self.timers_mut().add_min(at, Box::new(f))
    }

    /// Moves a min timer to `at` if that is earlier than its expiry, and
    /// returns `true`; returns `false`, and does nothing, if the timer has
    /// fired or been cancelled (or the key is the default one).
    pub fn timer_min_upd(&mut self, key: MinTimerKey<'id>, at: Instant) -> bool {
        self.timers_mut().upd_min(key, at)
    }

    /// Cancels a min timer; `false` if it has already fired or been
    /// cancelled.
    pub fn timer_min_del(&mut self, key: MinTimerKey<'id>) -> bool {
        self.timers_mut().del(key.0)
    }

    /// Whether a min timer is still set.
    pub fn timer_min_active(&self, key: MinTimerKey<'id>) -> bool {
        self.timers().active(key.0)
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
        core::iter::from_fn(|| timers.next_due(now)).collect()
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
        assert_eq!(timers.next_due(at(t, 5)), Some("first"));
        assert!(timers.del(second));
        assert_eq!(timers.next_due(at(t, 5)), None);
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
    fn a_min_timer_moved_earlier_in_a_loop_is_queued_once() {
        let t = Instant::now();
        let mut timers = Timers::new();
        let key = timers.add_min(at(t, 100_000), "min");
        for ms in (1..100_000).rev() {
            assert!(timers.upd_min(key, at(t, ms)));
        }
        assert_eq!((timers.heap.len(), timers.moved.len()), (1, 1), "the first entry, and one note");
        assert_eq!(timers.next_expiry(), Some(at(t, 1)));
        assert_eq!(timers.heap.len(), 2, "the old entry waits to be skipped");
        assert_eq!(fire(&mut timers, at(t, 1)), ["min"]);
        assert_eq!(timers.next_expiry(), None);
    }

    #[test]
    fn a_min_timer_moved_then_cancelled_leaves_its_slot_s_next_timer_alone() {
        let t = Instant::now();
        let mut timers = Timers::new();
        let old = timers.add_min(at(t, 10), "old");
        assert!(timers.upd_min(old, at(t, 1)));
        assert!(timers.del(old.0));
        let new = timers.add(at(t, 5), "new");
        assert_eq!(new.slot, old.0.slot, "the slab reuses the slot");
        assert_eq!(timers.next_expiry(), Some(at(t, 5)), "not the cancelled timer's 1 ms");
        assert_eq!(fire(&mut timers, at(t, 4)), [] as [&str; 0]);
        assert_eq!(fire(&mut timers, at(t, 5)), ["new"]);
    }

    #[test]
    fn min_timers_set_moved_and_cancelled_in_a_loop_do_not_pile_up_notes() {
        let t = Instant::now();
        let mut timers = Timers::new();
        // Far more timers than the bound below, and fewer under Miri, which is slow.
        let rounds = if cfg!(miri) { 1_000 } else { 100_000 };
        for _ in 0..rounds {
            let key = timers.add_min(at(t, 10), "min");
            assert!(timers.upd_min(key, at(t, 5)));
            assert!(timers.del(key.0));
        }
        assert!(timers.moved.len() <= 64 + 1, "{} notes of cancelled timers", timers.moved.len());
        assert!(timers.heap.len() <= 64 + 1);
        assert_eq!(timers.next_expiry(), None);
    }

    #[test]
    fn a_min_timer_moved_before_the_due_timers_are_collected_fires_at_its_new_expiry() {
        let t = Instant::now();
        let mut timers = Timers::new();
        let late = timers.add(at(t, 3), "3");
        let min = timers.add_min(at(t, 9), "min");
        assert!(timers.upd_min(min, at(t, 2)));
        assert!(timers.upd_min(min, at(t, 5)), "later: ignored");
        assert_eq!(fire(&mut timers, at(t, 3)), ["min", "3"]);
        assert!(!timers.active(late) && !timers.active(min.0));
        assert!(timers.is_empty());
    }

    #[test]
    fn a_max_timer_moved_later_keeps_one_entry() {
        let t = Instant::now();
        let mut timers = Timers::new();
        let key = timers.add_max(at(t, 1), "max");
        for ms in 2..1000 {
            assert!(timers.upd_max(key, at(t, ms)));
        }
        assert_eq!(timers.heap.len(), 1);
        assert_eq!(fire(&mut timers, at(t, 998)), [] as [&str; 0]);
        assert_eq!(timers.next_expiry(), Some(at(t, 999)));
        assert_eq!(fire(&mut timers, at(t, 999)), ["max"]);
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
