//! Queues of deferred calls: closures `FnOnce(&mut C)` run later, first in,
//! first out.
//!
//! [`InlineQueue`] is the one the runtime uses: it stores each closure *in
//! place*, in a fixed slot of three machine words next to one function
//! pointer, so pushing a call that captures an actor handle and a couple of
//! arguments allocates nothing (the queue's buffer grows once and is reused).
//! A closure that is larger than the slot, or more strictly aligned than a
//! word, is boxed and its box stored in the slot instead. [`BoxedQueue`] is
//! the plain design, one `Box<dyn FnOnce>` per call; it is the reference the
//! inline queue is tested against (same calls, same order, same drops) and
//! measured against.
//!
//! The inline queue's `unsafe` does three things: write a closure into a
//! slot, read it back out with the same type, and move waiting slots when
//! the ring grows. A slot is only ever read once, by the function pointer
//! stored with it, which was instantiated for the closure's own type. The
//! runtime takes a job off the ring before it runs it, so a closure that
//! pushes more calls (every actor call does) finds its own slot already
//! free, and has read the closure out of it before anything can reuse it; a
//! panicking closure leaves the queue as it was minus that one job.
//!
//! ```
//! use companion::actors::queue::InlineQueue;
//!
//! let mut queue = InlineQueue::<Vec<u32>>::new();
//! let mut log = Vec::new();
//! queue.push(|log: &mut Vec<u32>| log.push(1));
//! let big = [7u64; 8]; // 64 bytes: boxed inside the slot
//! queue.push(move |log: &mut Vec<u32>| log.push(big.len() as u32));
//! while queue.run_next(&mut log) {}
//! assert_eq!(log, [1, 8]);
//! ```

// `ci/miri` runs this module's tests under Stacked and Tree Borrows.

#[cfg(debug_assertions)]
use core::cell::Cell;
use core::cell::UnsafeCell;
use core::marker::PhantomData;
use core::mem::{ManuallyDrop, MaybeUninit, align_of, size_of};
use core::ptr;
use std::collections::VecDeque;

/// Three machine words: the space a closure gets in place.
type Slot = [MaybeUninit<usize>; 3];

/// The erased type of a slot's function: run the closure with `Some(cx)`, or
/// drop it with `None`. Either way the closure is read out exactly once.
type Shim<C> = unsafe fn(*mut Slot, Option<&mut C>);

/// A deferred call in a box of its own: what [`BoxedQueue`] stores, and
/// what a caller keeps when a call must be stored by type.
pub type BoxedCall<'a, C> = Box<dyn FnOnce(&mut C) + 'a>;

/// Whether `F` is stored in place (otherwise its box is).
const fn fits<F>() -> bool {
    size_of::<F>() <= size_of::<Slot>() && align_of::<F>() <= align_of::<Slot>()
}

/// # Safety
///
/// `slot` holds a value written by [`Entry::write`] for this `F` (an `F` in place,
/// or a `Box<F>`) that has not been read since.
unsafe fn shim<C, F: FnOnce(&mut C)>(slot: *mut Slot, cx: Option<&mut C>) {
    let f: F = if fits::<F>() {
        // SAFETY:
        // - by this function's contract, `slot` holds what `Entry::write` wrote
        //   for this `F`, unread;
        // - `fits::<F>()` is true, so `Entry::write` stored the `F` itself.
        unsafe { ptr::read(slot.cast::<F>()) }
    } else {
        // SAFETY: as above, and `fits::<F>()` is false, so `Entry::write`
        // stored a `Box<F>`.
        *unsafe { ptr::read(slot.cast::<Box<F>>()) }
    };
    if let Some(cx) = cx {
        f(cx);
    }
}

/// One deferred call taken out of an [`InlineQueue`]: run it with
/// [`run`](Self::run), or drop it to drop the closure unrun.
pub struct Job<'a, C> {
    shim: Shim<C>,
    slot: Slot,
    /// The closure's lifetime and auto traits: a job is `!Send` and `!Sync`
    /// whatever it holds, and drop check sees that dropping it may use `'a`.
    _closure: PhantomData<BoxedCall<'a, C>>,
}

impl<'a, C> Job<'a, C> {
    /// Runs the closure with `cx`.
    pub fn run(self, cx: &mut C) {
        let mut job = ManuallyDrop::new(self);
        // SAFETY:
        // - the slot was written by `Entry::write` and not read since;
        // - the `ManuallyDrop` keeps `Drop` from reading it a second time,
        //   also if the closure panics (it has been moved onto the shim's
        //   stack by then).
        unsafe { (job.shim)(&mut job.slot, Some(cx)) }
    }
}

impl<C> Drop for Job<'_, C> {
    fn drop(&mut self) {
        // SAFETY: a `Job` that is dropped was never run (`run` forgets it),
        // so its slot still holds the closure.
        unsafe { (self.shim)(&mut self.slot, None) }
    }
}

/// A queue entry: the function that reads the slot, and the slot. Plain
/// bytes: copying an entry moves the closure in it, and the queue's
/// `head .. tail` says which entries own one.
#[repr(C)]
struct Entry<C> {
    shim: MaybeUninit<Shim<C>>,
    slot: Slot,
}

impl<C> Clone for Entry<C> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<C> Copy for Entry<C> {}

impl<C> Entry<C> {
    const VACANT: Self = Entry { shim: MaybeUninit::uninit(), slot: [MaybeUninit::uninit(); 3] };

    /// Writes `f` into the entry, in place. An entry has no drop glue, so
    /// overwriting one drops nothing; the caller makes sure that the closure
    /// it held, if any, was read out first.
    #[inline(always)]
    fn write<F: FnOnce(&mut C)>(&mut self, f: F) {
        self.shim.write(shim::<C, F>);
        let at = (&raw mut self.slot).cast::<F>();
        if fits::<F>() {
            // SAFETY: `fits` says `F` fits the slot's size and alignment, and
            // `at` comes from `&mut self.slot`, valid for writes.
            unsafe { at.write(f) }
        } else {
            // SAFETY: a `Box<F>` is one word, word-aligned, and `at` is valid
            // for writes.
            unsafe { at.cast::<Box<F>>().write(Box::new(f)) }
        }
    }
}

/// A first-in, first-out queue of closures stored in place.
///
/// `C` is what a closure receives when it runs (the runtime, for the actor
/// runtime's queue); `'a` is how long the closures may borrow from their
/// surroundings. See the [module](self) for the layout.
///
/// The buffer is a ring of entries, each a function pointer and a slot of
/// three words. A push writes the closure into the next free slot, where it
/// stays until it runs: [`run_next`](Self::run_next) reads it out of the same
/// slot with the same type, so nothing is copied in between. The ring grows
/// by doubling, moving the waiting closures bitwise, as a `Vec` moves its
/// elements.
///
/// # Example
///
/// ```
/// use companion::actors::queue::InlineQueue;
///
/// let mut queue = InlineQueue::<u32>::new();
/// queue.push(|n: &mut u32| *n += 1);
/// queue.push(|n: &mut u32| *n *= 10);
/// assert_eq!(queue.len(), 2);
/// let mut n = 0;
/// while queue.run_next(&mut n) {}
/// assert_eq!(n, 10);
/// ```
pub struct InlineQueue<'a, C> {
    /// Always fully allocated; a power of two long, or empty. The entries
    /// `head .. tail` (counted without end, taken modulo the length) hold
    /// closures. Two counters rather than a start and a length: a push
    /// writes only `tail` and a take only `head`, so a call that queues the
    /// next one does not wait for the same word twice.
    ring: Vec<Entry<C>>,
    head: usize,
    tail: usize,
    _closure: PhantomData<BoxedCall<'a, C>>,
}

/// A closure taken off the queue's ring but not yet read: where it is, and
/// the function that reads it. Run at once, before the queue it came from
/// is touched again (the slot is free from the moment it was
/// taken, and a push may overwrite it or a growth move it).
struct Taken<C> {
    shim: Shim<C>,
    slot: *mut Slot,
}

impl<C> Taken<C> {
    /// Runs the closure.
    ///
    /// # Safety
    ///
    /// Called before anything touches the queue it was taken from again.
    #[inline(always)]
    unsafe fn run(self, cx: &mut C) {
        // SAFETY: the slot holds the closure `shim` was instantiated for,
        // not read since (the caller's contract and `take`'s).
        unsafe { (self.shim)(self.slot, Some(cx)) }
    }
}

impl<'a, C> InlineQueue<'a, C> {
    /// An empty queue; it allocates on its first push.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::queue::InlineQueue;
    /// assert!(InlineQueue::<()>::new().is_empty());
    /// ```
    pub fn new() -> Self {
        InlineQueue { ring: Vec::new(), head: 0, tail: 0, _closure: PhantomData }
    }

    /// Appends a call.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::queue::InlineQueue;
    ///
    /// let mut queue = InlineQueue::<String>::new();
    /// queue.push(|s: &mut String| s.push('a'));
    /// let mut s = String::new();
    /// queue.pop().unwrap().run(&mut s);
    /// assert_eq!(s, "a");
    /// ```
    #[inline]
    pub fn push(&mut self, f: impl FnOnce(&mut C) + 'a) {
        if self.tail.wrapping_sub(self.head) == self.ring.len() {
            self.grow_and_push(f);
        } else {
            self.push_within_capacity(f);
        }
    }

    /// [`push`](Self::push) into a full ring: out of line, so that a push
    /// that fits calls nothing and needs no registers kept across a call.
    #[cold]
    #[inline(never)]
    fn grow_and_push(&mut self, f: impl FnOnce(&mut C) + 'a) {
        self.grow();
        self.push_within_capacity(f);
    }

    /// Writes `f` into the entry at `tail`; the ring must have a free entry.
    #[inline(always)]
    fn push_within_capacity(&mut self, f: impl FnOnce(&mut C) + 'a) {
        debug_assert!(self.len() < self.ring.len(), "a push within capacity finds a free entry");
        let at = self.tail & (self.ring.len() - 1);
        // SAFETY: the ring has a free entry, so its length is not zero, and
        // it is a power of two, so `at` is in bounds.
        let entry = unsafe { self.ring.get_unchecked_mut(at) };
        // `at` is outside `head .. tail`: its closure, if it held one, was
        // read out when it was taken.
        entry.write(f);
        self.tail = self.tail.wrapping_add(1);
    }

    /// Doubles the ring (16 entries at first), moving the waiting closures
    /// to its start, in order.
    ///
    /// A growth that fails aborts the process, as a failed allocation does,
    /// instead of unwinding out of [`push`](Self::push) with the closure not
    /// yet stored: unwinding would drop it there, and its captures' `Drop`
    /// (an actor owner's defers a stop) would run while the runtime's borrow
    /// of this queue is alive. ("capacity overflow" is reachable on a 32-bit
    /// target, with 2^26 calls queued.)
    #[cold]
    fn grow(&mut self) {
        let cap = (self.ring.len() * 2).max(16);
        let mut ring: Vec<Entry<C>> = Vec::new();
        if ring.try_reserve_exact(cap).is_err() {
            std::process::abort();
        }
        let (old, len) = (self.ring.len(), self.len());
        // Copying an entry moves its closure; the old ring is freed without
        // dropping anything (`Entry` has no drop glue).
        ring.extend((0..len).map(|i| self.ring[self.head.wrapping_add(i) & (old - 1)]));
        ring.resize(cap, Entry::VACANT);
        self.ring = ring;
        self.head = 0;
        self.tail = len;
    }

    /// The oldest closure, off the ring but not read.
    #[inline(always)]
    fn take(&mut self) -> Option<Taken<C>> {
        if self.head == self.tail {
            return None;
        }
        let at = self.head & (self.ring.len() - 1);
        // SAFETY: the ring's length is a power of two, so `at` is in bounds.
        let entry = unsafe { self.ring.get_unchecked_mut(at) };
        // SAFETY: the entry at `head` holds a closure, whose shim `push` wrote.
        let shim = unsafe { entry.shim.assume_init() };
        let slot = &raw mut entry.slot;
        self.head = self.head.wrapping_add(1);
        Some(Taken { shim, slot })
    }

    /// Runs the oldest call with `cx`, reading it straight out of its slot;
    /// `false` if the queue is empty.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::queue::InlineQueue;
    ///
    /// let mut queue = InlineQueue::<Vec<u8>>::new();
    /// queue.push(|v: &mut Vec<u8>| v.push(1));
    /// let mut v = Vec::new();
    /// assert!(queue.run_next(&mut v));
    /// assert!(!queue.run_next(&mut v));
    /// assert_eq!(v, [1]);
    /// ```
    #[inline]
    pub fn run_next(&mut self, cx: &mut C) -> bool {
        let Some(taken) = self.take() else { return false };
        // SAFETY: run at once; the closure cannot reach this queue, which is
        // borrowed mutably until it returns.
        unsafe { taken.run(cx) };
        true
    }

    /// Takes the oldest call out, or `None` if the queue is empty. The job
    /// is moved out of the ring: for a caller that must run it after the
    /// queue has been touched again.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::queue::InlineQueue;
    ///
    /// let mut queue = InlineQueue::<()>::new();
    /// assert!(queue.pop().is_none());
    /// queue.push(|_: &mut ()| {});
    /// assert!(queue.pop().is_some());
    /// ```
    #[inline]
    pub fn pop(&mut self) -> Option<Job<'a, C>> {
        let taken = self.take()?;
        // SAFETY: read once, now, before the queue is touched again; the
        // bytes of the slot move the closure into the job.
        let slot = unsafe { taken.slot.read() };
        Some(Job { shim: taken.shim, slot, _closure: PhantomData })
    }

    /// How many calls wait.
    pub fn len(&self) -> usize {
        self.tail.wrapping_sub(self.head)
    }

    /// Whether no call waits.
    pub fn is_empty(&self) -> bool {
        self.head == self.tail
    }
}

impl<C> Drop for InlineQueue<'_, C> {
    /// Drops the closures that never ran, oldest first. One at a time, and
    /// off the ring before it is dropped: a closure's `Drop` cannot reach
    /// this queue (it is borrowed mutably here), so nothing moves meanwhile.
    /// If one of those `Drop`s panics, the rest are still dropped (as a
    /// `Vec` or the [`BoxedQueue`] would), while unwinding.
    fn drop(&mut self) {
        /// Drops what is left if a closure's `Drop` unwinds.
        struct Rest<'q, 'a, C>(&'q mut InlineQueue<'a, C>);
        impl<C> Drop for Rest<'_, '_, C> {
            fn drop(&mut self) {
                while let Some(job) = self.0.pop() {
                    drop(job);
                }
            }
        }
        let rest = Rest(self);
        while let Some(job) = rest.0.pop() {
            drop(job);
        }
        core::mem::forget(rest);
    }
}

impl<C> Default for InlineQueue<'_, C> {
    fn default() -> Self {
        Self::new()
    }
}

/// An [`InlineQueue`] shared by reference, pushed to and taken from through
/// `&self`: the runtime's queue of deferred calls, which handles reach from
/// places that have no runtime (the `Drop` of a handle, a forwarder).
///
/// The queue sits in an `UnsafeCell`, not a `RefCell`. Each function below
/// makes one `&mut` to it that ends before it returns, and runs no user code
/// meanwhile: a push moves the closure into the ring (and may allocate, which
/// runs only the global allocator; the one user of this type stores closures
/// that borrow for the runtime's brand, which is never `'static`, so no
/// static or thread local, and so no allocator, can reach it); a take moves a
/// job's function pointer out, and the job runs after the `&mut` has ended.
/// So two `&mut` never overlap, and the borrow flag a `RefCell` would check
/// on every push and every pop, twice on the path of every call, is not
/// needed. Debug builds check it all the same.
pub(super) struct SharedQueue<'a, C> {
    queue: UnsafeCell<InlineQueue<'a, C>>,
    #[cfg(debug_assertions)]
    in_use: Cell<bool>,
}

impl<'a, C> SharedQueue<'a, C> {
    pub(super) fn new() -> Self {
        SharedQueue {
            queue: UnsafeCell::new(InlineQueue::new()),
            #[cfg(debug_assertions)]
            in_use: Cell::new(false),
        }
    }

    /// Runs `f` with the queue. Private to this type: `f` is one of the
    /// functions below, none of which runs user code.
    #[inline(always)]
    fn with_queue<R>(&self, f: impl FnOnce(&mut InlineQueue<'a, C>) -> R) -> R {
        #[cfg(debug_assertions)]
        assert!(!self.in_use.replace(true), "the deferred-call queue was re-entered");
        // SAFETY: see the type's documentation: this `&mut` is the only one
        // alive, and it ends before `with_queue` returns.
        let result = f(unsafe { &mut *self.queue.get() });
        #[cfg(debug_assertions)]
        self.in_use.set(false);
        result
    }

    #[inline]
    pub(super) fn push(&self, f: impl FnOnce(&mut C) + 'a) {
        self.with_queue(|queue| queue.push(f));
    }

    /// Runs the oldest queued call with `cx`; `false` if none is queued.
    #[inline]
    pub(super) fn run_next(&self, cx: &mut C) -> bool {
        let Some(taken) = self.with_queue(|queue| queue.take()) else { return false };
        // SAFETY: run at once. The `&mut` to the queue has ended, so the call
        // may push; nothing touched the queue between the take and the read
        // of the slot, which the shim does first.
        unsafe { taken.run(cx) };
        true
    }

    /// Drops the oldest queued call unrun; `false` if none is queued. The
    /// call is moved out first, so its captures' `Drop` may push.
    pub(super) fn discard_next(&self) -> bool {
        let job = self.with_queue(|queue| queue.pop());
        let found = job.is_some();
        drop(job);
        found
    }

    pub(super) fn is_empty(&self) -> bool {
        self.with_queue(|queue| queue.is_empty())
    }
}

/// The same queue with one `Box<dyn FnOnce>` per call: the reference design
/// [`InlineQueue`] is tested and measured against.
///
/// # Example
///
/// ```
/// use companion::actors::queue::BoxedQueue;
///
/// let mut queue = BoxedQueue::<u32>::new();
/// queue.push(|n: &mut u32| *n += 2);
/// let mut n = 1;
/// while let Some(job) = queue.pop() {
///     job(&mut n);
/// }
/// assert_eq!(n, 3);
/// ```
pub struct BoxedQueue<'a, C> {
    jobs: VecDeque<BoxedCall<'a, C>>,
}

impl<'a, C> BoxedQueue<'a, C> {
    /// An empty queue.
    pub fn new() -> Self {
        BoxedQueue { jobs: VecDeque::new() }
    }

    /// Appends a call, boxing it.
    #[inline]
    pub fn push(&mut self, f: impl FnOnce(&mut C) + 'a) {
        self.jobs.push_back(Box::new(f));
    }

    /// Takes the oldest call out.
    #[inline]
    pub fn pop(&mut self) -> Option<BoxedCall<'a, C>> {
        self.jobs.pop_front()
    }

    /// How many calls wait.
    pub fn len(&self) -> usize {
        self.jobs.len()
    }

    /// Whether no call waits.
    pub fn is_empty(&self) -> bool {
        self.jobs.is_empty()
    }
}

impl<C> Default for BoxedQueue<'_, C> {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::DropCounter;
    use proptest::prelude::*;
    use std::cell::Cell;
    use std::panic::{AssertUnwindSafe, catch_unwind};
    use std::rc::Rc;

    #[test]
    fn small_and_large_and_overaligned_closures_run_in_order() {
        #[repr(align(32))]
        #[derive(Clone, Copy)]
        struct Wide(u8);
        let mut q = InlineQueue::<Vec<u64>>::new();
        let big = [3u64; 16];
        let wide = Wide(5);
        q.push(|v: &mut Vec<u64>| v.push(1));
        q.push(move |v: &mut Vec<u64>| v.push(big.iter().sum()));
        q.push(move |v: &mut Vec<u64>| v.push(u64::from(wide.0)));
        let mut v = Vec::new();
        while let Some(job) = q.pop() {
            job.run(&mut v);
        }
        assert_eq!(v, [1, 48, 5]);
    }

    #[test]
    fn drops_the_captures_of_unrun_jobs_exactly_once() {
        let drops = Rc::new(Cell::new(0));
        {
            let mut q = InlineQueue::<()>::new();
            for i in 0..10 {
                let small = DropCounter(drops.clone());
                let big = ([i; 8], DropCounter(drops.clone()));
                q.push(move |_: &mut ()| drop((small, big)));
            }
            q.pop().unwrap().run(&mut ());
            drop(q.pop().unwrap());
            assert_eq!(drops.get(), 4);
        }
        assert_eq!(drops.get(), 20);
    }

    #[test]
    fn a_job_that_pushes_while_running_and_one_that_panics() {
        let drops = Rc::new(Cell::new(0));
        let mut q = InlineQueue::<InlineQueue<'static, u32>>::new();
        let counter = DropCounter(drops.clone());
        q.push(move |inner: &mut InlineQueue<'static, u32>| {
            let _keep = counter;
            inner.push(|n: &mut u32| *n += 1);
            panic!("inside a job");
        });
        let mut inner = InlineQueue::new();
        let job = q.pop().unwrap();
        assert!(catch_unwind(AssertUnwindSafe(|| job.run(&mut inner))).is_err());
        assert_eq!(drops.get(), 1, "the capture is dropped once, while unwinding");
        assert_eq!(inner.len(), 1);
    }

    #[test]
    fn drops_the_rest_when_a_capture_s_drop_panics_in_the_queue_s_drop() {
        struct Bomb(Rc<Cell<usize>>, bool);
        impl Drop for Bomb {
            fn drop(&mut self) {
                self.0.set(self.0.get() + 1);
                if self.1 {
                    panic!("a capture's Drop panics");
                }
            }
        }
        let drops = Rc::new(Cell::new(0));
        let result = catch_unwind(AssertUnwindSafe(|| {
            let mut q = InlineQueue::<()>::new();
            for i in 0..5 {
                let bomb = Bomb(drops.clone(), i == 1);
                let big = [0u64; 4];
                if i % 2 == 0 {
                    q.push(move |_: &mut ()| drop(bomb));
                } else {
                    q.push(move |_: &mut ()| drop((bomb, big)));
                }
            }
        }));
        assert!(result.is_err());
        assert_eq!(drops.get(), 5, "every capture is dropped, like the boxed queue's");
    }

    /// One step of the model test.
    #[derive(Clone, Debug)]
    enum Op {
        /// Push a closure that fits the slot.
        Small(u64),
        /// Push a closure too large for the slot (boxed inside it), holding
        /// a drop counter.
        Large(u64),
        /// Take the oldest closure off and drop it unrun.
        Discard,
        /// Run the oldest closure, in place or moved out first.
        Run { in_place: bool },
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            4 => any::<u64>().prop_map(Op::Small),
            2 => any::<u64>().prop_map(Op::Large),
            1 => Just(Op::Discard),
            1 => any::<bool>().prop_map(|in_place| Op::Run { in_place }),
        ]
    }

    proptest! {
        // Few cases under Miri, which interprets every step.
        #![proptest_config(ProptestConfig {
            cases: if cfg!(miri) { 4 } else { 256 },
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        /// The inline queue and the boxed queue, given the same pushes (small
        /// and large closures) and the same takes, run the same calls in the
        /// same order and drop the same captures.
        #[test]
        fn runs_and_drops_like_the_boxed_queue(ops in prop::collection::vec(op(), 0..200)) {
            let drops_inline = Rc::new(Cell::new(0));
            let drops_boxed = Rc::new(Cell::new(0));
            let (mut inline_log, mut boxed_log) = (Vec::new(), Vec::new());
            let mut inline = InlineQueue::<Vec<u64>>::new();
            let mut boxed = BoxedQueue::<Vec<u64>>::new();
            for op in ops {
                match op {
                    Op::Small(value) => {
                        inline.push(move |log: &mut Vec<u64>| log.push(value));
                        boxed.push(move |log: &mut Vec<u64>| log.push(value));
                    }
                    Op::Large(value) => {
                        let (a, b) = ([value; 6], [value; 6]);
                        let (da, db) = (DropCounter(drops_inline.clone()), DropCounter(drops_boxed.clone()));
                        inline.push(move |log: &mut Vec<u64>| {
                            let _d = da;
                            log.push(a.iter().fold(0, |x, y| x ^ y))
                        });
                        boxed.push(move |log: &mut Vec<u64>| {
                            let _d = db;
                            log.push(b.iter().fold(0, |x, y| x ^ y))
                        });
                    }
                    Op::Discard => {
                        drop(inline.pop());
                        drop(boxed.pop());
                    }
                    Op::Run { in_place } => {
                        if in_place {
                            inline.run_next(&mut inline_log);
                        } else if let Some(job) = inline.pop() {
                            job.run(&mut inline_log);
                        }
                        if let Some(job) = boxed.pop() {
                            job(&mut boxed_log);
                        }
                    }
                }
                prop_assert_eq!(inline.len(), boxed.len());
            }
            while inline.run_next(&mut inline_log) {}
            while let Some(job) = boxed.pop() {
                job(&mut boxed_log);
            }
            prop_assert_eq!(inline_log, boxed_log);
            prop_assert_eq!(drops_inline.get(), drops_boxed.get());
        }
    }
}
