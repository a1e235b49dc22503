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
//! `ci/miri` runs the queue's tests under Stacked and Tree Borrows.
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

use core::marker::PhantomData;
use core::mem::{ManuallyDrop, MaybeUninit, align_of, size_of};
use core::ptr;
use std::collections::VecDeque;

/// Three machine words: the space a closure gets in place.
type Slot = [MaybeUninit<usize>; 3];

/// The erased type of a slot's function: run the closure with `Some(cx)`, or
/// drop it with `None`. Either way the closure is read out exactly once.
type Shim<C> = unsafe fn(*mut Slot, Option<&mut C>);

/// A deferred call, boxed.
type Boxed<'a, C> = Box<dyn FnOnce(&mut C) + 'a>;

/// Whether `F` is stored in place (otherwise its box is).
const fn fits<F>() -> bool {
    size_of::<F>() <= size_of::<Slot>() && align_of::<F>() <= align_of::<Slot>()
}

/// # Safety
///
/// `slot` holds a value written by [`write_job::<C, F>`] (an `F` in place,
/// or a `Box<F>`) that has not been read since.
unsafe fn shim<C, F: FnOnce(&mut C)>(slot: *mut Slot, cx: Option<&mut C>) {
    // SAFETY: by this function's contract, `slot` holds what `write_job`
    // wrote for this `F`; `fits::<F>()` picks the same branch it picked.
    let f: F = unsafe {
        if fits::<F>() { ptr::read(slot.cast::<F>()) } else { *ptr::read(slot.cast::<Box<F>>()) }
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
    _closure: PhantomData<Boxed<'a, C>>,
}

impl<'a, C> Job<'a, C> {
    /// Runs the closure with `cx`.
    pub fn run(self, cx: &mut C) {
        let mut job = ManuallyDrop::new(self);
        // SAFETY: the slot was written by `write_job` and not read since; the
        // `ManuallyDrop` keeps `Drop` from reading it a second time, also if
        // the closure panics (it has been moved onto the shim's stack by then).
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

/// A queue entry: the function that reads the slot, and the slot.
#[repr(C)]
struct Entry<C> {
    shim: MaybeUninit<Shim<C>>,
    slot: Slot,
}

/// Writes `f` into `entry`, in place.
///
/// # Safety
///
/// `entry` is valid for writes and holds no closure that has not been read.
#[inline(always)]
unsafe fn write_job<C, F: FnOnce(&mut C)>(entry: *mut Entry<C>, f: F) {
    // SAFETY: `entry` is valid for writes (the caller's contract), and the
    // fields are written through raw pointers, so nothing is read. `fits`
    // says `F` fits the slot's size and alignment; a `Box<F>` is one word.
    unsafe {
        (&raw mut (*entry).shim).cast::<Shim<C>>().write(shim::<C, F>);
        let at = (&raw mut (*entry).slot).cast::<F>();
        if fits::<F>() {
            at.write(f);
        } else {
            at.cast::<Box<F>>().write(Box::new(f));
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
    _closure: PhantomData<Boxed<'a, C>>,
}

/// A closure taken off the queue's ring but not yet read: where it is, and
/// the function that reads it. Internal to the runtime, which runs it at
/// once, after the borrow of the queue has ended.
pub(super) struct Taken<C> {
    shim: Shim<C>,
    slot: *mut Slot,
}

impl<C> Taken<C> {
    /// Runs the closure, or drops it if `cx` is `None`.
    ///
    /// # Safety
    ///
    /// Called once, before anything touches the queue it was taken from
    /// again (the slot is free from the moment it was taken, and a push may
    /// overwrite it or a growth move it).
    #[inline(always)]
    pub(super) unsafe fn run(self, cx: Option<&mut C>) {
        // SAFETY: the slot holds the closure `shim` was instantiated for,
        // not read since (the caller's contract and `take`'s).
        unsafe { (self.shim)(self.slot, cx) }
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
            self.grow();
        }
        let at = self.tail & (self.ring.len() - 1);
        // SAFETY: `at` is in bounds, and outside `head .. tail`, so its
        // entry holds no unread closure.
        unsafe { write_job(self.ring.as_mut_ptr().add(at), f) };
        self.tail = self.tail.wrapping_add(1);
    }

    /// Doubles the ring (16 entries at first), moving the waiting closures
    /// to its start, in order.
    ///
    /// A growth that fails aborts, as a failed allocation does, instead of
    /// unwinding out of [`push`](Self::push) with the closure not yet
    /// stored: unwinding would drop it there, and its captures' `Drop` (an
    /// actor owner's defers a stop) would run while the runtime's borrow of
    /// this queue is alive. ("capacity overflow" is reachable on a 32-bit
    /// target, with 2^26 calls queued.)
    #[cold]
    fn grow(&mut self) {
        /// Turns an unwind out of the allocation into an abort.
        struct Abort;
        impl Drop for Abort {
            fn drop(&mut self) {
                panic!("the queue's ring could not grow; aborting");
            }
        }
        let abort = Abort;
        let cap = (self.ring.len() * 2).max(16);
        let mut ring: Vec<Entry<C>> = Vec::with_capacity(cap);
        core::mem::forget(abort);
        let (old, len) = (self.ring.len(), self.len());
        for i in 0..len {
            // SAFETY: entry `head + i` (modulo `old`) holds a closure; moving
            // its bytes moves the closure, and the old ring is freed without
            // dropping anything (`Entry` has no drop glue).
            unsafe {
                let from = self.ring.as_ptr().add(self.head.wrapping_add(i) & (old - 1));
                ring.as_mut_ptr().add(i).copy_from_nonoverlapping(from, 1);
            }
        }
        // SAFETY: an `Entry` is `MaybeUninit` fields only, valid uninitialised.
        unsafe { ring.set_len(cap) };
        self.ring = ring;
        self.head = 0;
        self.tail = len;
    }

    /// The oldest closure, off the ring but not read: see [`Taken::run`].
    #[inline(always)]
    pub(super) fn take(&mut self) -> Option<Taken<C>> {
        if self.head == self.tail {
            return None;
        }
        // SAFETY: `head` modulo the length is in bounds of the ring.
        let entry = unsafe { self.ring.as_mut_ptr().add(self.head & (self.ring.len() - 1)) };
        // SAFETY: the entry at `head` holds a closure, whose shim `push` wrote.
        let shim = unsafe { (*entry).shim.assume_init() };
        self.head = self.head.wrapping_add(1);
        // SAFETY: `entry` points into the ring, which is alive.
        let slot = unsafe { &raw mut (*entry).slot };
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
        match self.take() {
            // SAFETY: run at once; the closure cannot reach this queue, which
            // is borrowed mutably until it returns.
            Some(taken) => {
                unsafe { taken.run(Some(cx)) };
                true
            }
            None => false,
        }
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
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::queue::InlineQueue;
    ///
    /// let mut queue = InlineQueue::<()>::new();
    /// queue.push(|_: &mut ()| {});
    /// assert_eq!(queue.len(), 1);
    /// ```
    pub fn len(&self) -> usize {
        self.tail.wrapping_sub(self.head)
    }

    /// Whether no call waits.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::queue::InlineQueue;
    /// assert!(InlineQueue::<()>::new().is_empty());
    /// ```
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
                while let Some(taken) = self.0.take() {
                    // SAFETY: dropped at once, before the queue is touched again.
                    unsafe { taken.run(None) };
                }
            }
        }
        let rest = Rest(self);
        while let Some(taken) = rest.0.take() {
            // SAFETY: dropped at once, before the queue is touched again
            // (the guard touches it only after the shim has read the slot).
            unsafe { taken.run(None) };
        }
        core::mem::forget(rest);
    }
}

impl<C> Default for InlineQueue<'_, C> {
    fn default() -> Self {
        Self::new()
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
    jobs: VecDeque<Boxed<'a, C>>,
}

impl<'a, C> BoxedQueue<'a, C> {
    /// An empty queue.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::queue::BoxedQueue;
    /// assert!(BoxedQueue::<()>::new().is_empty());
    /// ```
    pub fn new() -> Self {
        BoxedQueue { jobs: VecDeque::new() }
    }

    /// Appends a call, boxing it.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::queue::BoxedQueue;
    ///
    /// let mut queue = BoxedQueue::<()>::new();
    /// queue.push(|_: &mut ()| {});
    /// assert_eq!(queue.len(), 1);
    /// ```
    #[inline]
    pub fn push(&mut self, f: impl FnOnce(&mut C) + 'a) {
        self.jobs.push_back(Box::new(f));
    }

    /// Takes the oldest call out.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::queue::BoxedQueue;
    ///
    /// let mut queue = BoxedQueue::<u8>::new();
    /// queue.push(|n: &mut u8| *n = 9);
    /// let mut n = 0;
    /// queue.pop().unwrap()(&mut n);
    /// assert_eq!(n, 9);
    /// ```
    #[inline]
    #[allow(clippy::type_complexity)] // spelled out: the public signature shows what a job is
    pub fn pop(&mut self) -> Option<Box<dyn FnOnce(&mut C) + 'a>> {
        self.jobs.pop_front()
    }

    /// How many calls wait.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::queue::BoxedQueue;
    /// assert_eq!(BoxedQueue::<()>::new().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.jobs.len()
    }

    /// Whether no call waits.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::queue::BoxedQueue;
    /// assert!(BoxedQueue::<()>::new().is_empty());
    /// ```
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

    /// The inline queue and the boxed queue, given the same pushes (small,
    /// large, over-aligned closures, nested pushes), log the same calls in
    /// the same order and drop the same captures.
    #[test]
    fn drops_and_runs_like_the_boxed_queue() {
        fn script(seed: u64) -> Vec<(u8, u64)> {
            let mut x = seed;
            (0..200)
                .map(|_| {
                    x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    ((x >> 61) as u8, x >> 40)
                })
                .collect()
        }
        #[derive(Default)]
        struct Log(Vec<u64>, usize);
        for seed in 0..20 {
            let drops_inline = Rc::new(Cell::new(0));
            let drops_boxed = Rc::new(Cell::new(0));
            let mut inline_log = Log::default();
            let mut boxed_log = Log::default();
            let mut inline = InlineQueue::<Log>::new();
            let mut boxed = BoxedQueue::<Log>::new();
            for (kind, value) in script(seed) {
                match kind {
                    0..=3 => {
                        inline.push(move |l: &mut Log| l.0.push(value));
                        boxed.push(move |l: &mut Log| l.0.push(value));
                    }
                    4 | 5 => {
                        let (a, b) = ([value; 6], [value; 6]);
                        let (da, db) = (DropCounter(drops_inline.clone()), DropCounter(drops_boxed.clone()));
                        inline.push(move |l: &mut Log| {
                            let _d = da;
                            l.0.push(a.iter().sum())
                        });
                        boxed.push(move |l: &mut Log| {
                            let _d = db;
                            l.0.push(b.iter().sum())
                        });
                    }
                    6 => {
                        drop(inline.pop());
                        drop(boxed.pop());
                    }
                    _ => {
                        // In place and moved out, in turns.
                        if value % 2 == 0 {
                            inline.run_next(&mut inline_log);
                        } else if let Some(job) = inline.pop() {
                            job.run(&mut inline_log);
                        }
                        if let Some(job) = boxed.pop() {
                            job(&mut boxed_log);
                        }
                        inline_log.1 += 1;
                        boxed_log.1 += 1;
                    }
                }
                assert_eq!(inline.len(), boxed.len());
            }
            while let Some(job) = inline.pop() {
                job.run(&mut inline_log);
            }
            while let Some(job) = boxed.pop() {
                job(&mut boxed_log);
            }
            assert_eq!(inline_log.0, boxed_log.0);
            assert_eq!(drops_inline.get(), drops_boxed.get());
        }
    }
}
