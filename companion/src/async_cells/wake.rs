//! Waking a single-threaded runtime from any thread.
//!
//! Both runtimes of this crate, the branded executor of Part V and the actor
//! runtime of Part VI, run on one thread and own values that must stay there.
//! Other threads still need to reach them: a `Waker` cloned into a worker
//! thread, an I/O loop, a channel whose sender lives elsewhere. They do it in
//! one way, built from two pieces:
//!
//! * an [`Inbox<K>`]: keys posted from any thread, taken by the runtime's
//!   thread, and the one place the runtime waits. It waits either by parking
//!   its thread ([`Inbox::park`]) or, when it runs inside another runtime
//!   such as tokio, by leaving that runtime's `Waker` in the inbox
//!   ([`Inbox::register`]) and returning `Poll::Pending`. The key says what
//!   to do: which task to poll, which channel to drain.
//! * a [`Doorbell<K>`]: one key and a flag. Ringing it posts the key only if
//!   the flag was clear, so a task woken a thousand times between two polls
//!   is queued once, and the runtime [answers](Doorbell::answer) the bell
//!   (clears the flag) just before it acts on the key.
//!
//! # Why no wake is lost
//!
//! The inbox keeps its keys and its waiter (the parked thread, or the outer
//! runtime's `Waker`) behind one `Mutex`. The runtime looks for keys and
//! registers itself as the waiter in the same critical section; a poster
//! pushes its key and takes the waiter in one critical section, and wakes it
//! after unlocking. So a key posted before the runtime's look is seen by the
//! look, and a key posted after it finds the waiter registered. A thread
//! woken before it parks does not sleep: `Thread::unpark` leaves a token that
//! the next `park` consumes.
//!
//! A runtime also looks for keys on every run, and most runs find none. That
//! look ([`Inbox::take_all`]) first reads a flag that every post sets under
//! the lock, and takes the lock only if it is set. The flag can be stale only
//! for a post that nothing has ordered before the look, which is no
//! different from a post that comes just after it. A wait trusts the flag
//! only when it reads it set, and then returns at once: the flag is set with
//! a key and cleared only by the take that empties the inbox, so a key is
//! waiting (and a wait may return for no reason anyway). A wait that reads
//! it clear looks at the keys under the lock, as above.
//!
//! The doorbell's flag is swapped with `AcqRel` both ways: whatever a thread
//! wrote before it rang is visible to the runtime after it answers. A ring
//! between the runtime's taking the key and its answer finds the flag still
//! set and posts nothing, which is right: the answer comes next, and the
//! runtime acts after it, on the state the ring published.
//!
//! These arguments are checked by `loom`, which runs the models at the end of
//! this file in every interleaving (`RUSTFLAGS="--cfg loom" cargo test --lib
//! loom`).
//!
//! # After the runtime
//!
//! A handle may outlive its runtime: a waker kept by a thread that never
//! wakes it, a sender in a worker that is still sending. The runtime
//! [closes](Inbox::close) its inbox when it is dropped; a post after that is
//! refused and hands the key back, a doorbell rung after that stays rung and
//! posts nothing, a wait on it (a park, a registered waker) ends at once,
//! since no post can end it later, and the inbox's memory goes with the last
//! handle.
//!
//! # Example
//!
//! ```
//! use companion::async_cells::wake::{Doorbell, Inbox};
//! use std::sync::Arc;
//! use std::thread;
//!
//! let inbox = Arc::new(Inbox::new());
//! let bell = Arc::new(Doorbell::new(&inbox, 7_u32));
//! let worker = {
//!     let bell = bell.clone();
//!     thread::spawn(move || {
//!         bell.ring();
//!         bell.ring(); // still rung: posts nothing
//!     })
//! };
//! let mut keys = Vec::new();
//! while keys.is_empty() {
//!     inbox.park(None); // returns at once if a key is already there
//!     inbox.take_all(&mut keys);
//! }
//! worker.join().unwrap();
//! bell.answer();
//! assert_eq!(keys, [7]);
//! ```

#![forbid(unsafe_code)]

use core::mem;
use core::task::Waker;
use std::sync::{Arc, PoisonError};
use std::time::Duration;

#[cfg(loom)]
use loom::sync::{Mutex, MutexGuard, atomic::AtomicBool};
#[cfg(loom)]
use loom::thread::{self, Thread};
#[cfg(not(loom))]
use std::sync::{Mutex, MutexGuard, atomic::AtomicBool};
#[cfg(not(loom))]
use std::thread::{self, Thread};

use core::sync::atomic::Ordering;

/// Keys posted from any thread to one runtime, and the runtime's way to wait
/// for them. See the [module docs](self).
///
/// It keeps one waiter: a [`park`](Self::park) or a
/// [`register`](Self::register) replaces the waiter before it, which a post
/// no longer wakes. One runtime waits on it, from one place at a time.
pub struct Inbox<K> {
    state: Mutex<State<K>>,
    /// Whether `posted` may hold keys: set under the lock by every post,
    /// cleared under the lock by the take that empties it. A runtime looks
    /// for keys on every run, and most runs find none; this flag lets that
    /// look skip the lock, and lets a wait that comes while a key is waiting
    /// return without it.
    maybe_posted: AtomicBool,
}

struct State<K> {
    posted: Vec<K>,
    waiter: Waiter,
    closed: bool,
}

/// Who to wake when a key is posted: taken by the post that wakes it, so the
/// posts after it, until the runtime waits again, wake nobody.
enum Waiter {
    Nobody,
    Thread(Thread),
    Task(Waker),
}

impl Waiter {
    fn wake(self) {
        match self {
            Waiter::Nobody => {}
            Waiter::Thread(thread) => thread.unpark(),
            Waiter::Task(waker) => waker.wake(),
        }
    }
}

impl<K> Inbox<K> {
    /// An empty, open inbox that nobody waits on yet.
    pub fn new() -> Self {
        Inbox {
            state: Mutex::new(State { posted: Vec::new(), waiter: Waiter::Nobody, closed: false }),
            maybe_posted: AtomicBool::new(false),
        }
    }

    /// A panic while the lock is held (only an allocation failure can cause
    /// one: no user code runs under it) leaves the keys and the waiter
    /// consistent, so a poisoned lock is used as it is.
    fn lock(&self) -> MutexGuard<'_, State<K>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Posts `key` and wakes the runtime if it waits; from any thread.
    ///
    /// # Errors
    ///
    /// Hands `key` back if the inbox is [closed](Self::close): its runtime
    /// is gone.
    pub fn post(&self, key: K) -> Result<(), K> {
        let waiter = {
            let mut state = self.lock();
            if state.closed {
                return Err(key);
            }
            state.posted.push(key);
            self.maybe_posted.store(true, Ordering::Release);
            mem::replace(&mut state.waiter, Waiter::Nobody)
        };
        // Outside the lock: a waker may run any code, a post to this inbox
        // included.
        waiter.wake();
        Ok(())
    }

    /// Moves every posted key into `into`, in the order they were posted;
    /// `false` if there were none.
    ///
    /// When nothing was posted since the last take, this is one load, with
    /// no lock. A post that this look misses is one that nothing has ordered
    /// before it: the same as a post that comes just after it, which the
    /// next look sees, and which a wait ([`park`](Self::park),
    /// [`register`](Self::register)) that reads the flag clear sees under
    /// the lock.
    #[inline]
    pub fn take_all(&self, into: &mut Vec<K>) -> bool {
        self.may_hold_keys() && self.take_posted(into)
    }

    /// [`take_all`](Self::take_all) under the lock: out of line, so that
    /// the look that finds nothing stays a load and a branch.
    #[inline(never)]
    fn take_posted(&self, into: &mut Vec<K>) -> bool {
        let mut state = self.lock();
        self.maybe_posted.store(false, Ordering::Relaxed);
        if state.posted.is_empty() {
            return false;
        }
        into.append(&mut state.posted);
        true
    }

    /// Parks the calling thread until a key is posted or `timeout` passes,
    /// and returns at once if a key is waiting or the inbox is
    /// [closed](Self::close). Like `thread::park`, it may
    /// also return for no reason: look for keys, and park again.
    pub fn park(&self, timeout: Option<Duration>) {
        // A post not taken yet: return without the lock, which the thread
        // that posted may still hold for its next post.
        if self.may_hold_keys() || self.wait_with(Waiter::Thread(thread::current())) {
            return;
        }
        #[cfg(not(loom))]
        match timeout {
            Some(timeout) => thread::park_timeout(timeout),
            None => thread::park(),
        }
        // loom models no clock: its models park until a post wakes them.
        #[cfg(loom)]
        {
            let _ = timeout;
            thread::park();
        }
        // A timeout leaves this thread registered; the next post would
        // unpark it for nothing.
        let stale = mem::replace(&mut self.lock().waiter, Waiter::Nobody);
        drop(stale);
    }

    /// Leaves `waker` to be woken by the next post, unless a key is waiting
    /// already or the inbox is [closed](Self::close): then returns `true` and
    /// registers nothing. A runtime polled as a future calls it last, and
    /// returns `Poll::Pending` if it returns `false`.
    pub fn register(&self, waker: &Waker) -> bool {
        // As in `park`: a key is waiting, and no waiter is needed.
        self.may_hold_keys() || self.wait_with(Waiter::Task(waker.clone()))
    }

    /// `true` if keys are waiting or the inbox is closed (no post will ever
    /// come to end the wait); else `waiter` is registered.
    fn wait_with(&self, waiter: Waiter) -> bool {
        let previous = {
            let mut state = self.lock();
            if !state.posted.is_empty() || state.closed {
                return true;
            }
            mem::replace(&mut state.waiter, waiter)
        };
        // A waker's drop is user code too: not under the lock.
        drop(previous);
        false
    }

    /// Refuses every later post, and drops the keys that were not taken. A
    /// runtime closes its inbox when it is dropped.
    pub fn close(&self) {
        let (keys, waiter) = {
            let mut state = self.lock();
            state.closed = true;
            (mem::take(&mut state.posted), mem::replace(&mut state.waiter, Waiter::Nobody))
        };
        drop((keys, waiter));
    }

    /// Whether a key may be waiting: the flag that every post sets, read
    /// without the lock. A set flag means a key no take has reached yet
    /// (see [`park`](Self::park)).
    #[inline]
    pub(crate) fn may_hold_keys(&self) -> bool {
        self.maybe_posted.load(Ordering::Acquire)
    }

    /// Whether [`close`](Self::close) was called.
    pub fn is_closed(&self) -> bool {
        self.lock().closed
    }
}

impl<K> Default for Inbox<K> {
    fn default() -> Self {
        Inbox::new()
    }
}

/// One key of an [`Inbox`] and whether it is posted: rung from any thread,
/// answered on the runtime's. See the [module docs](self).
pub struct Doorbell<K> {
    inbox: Arc<Inbox<K>>,
    key: K,
    /// Set by the first ring after an answer, cleared by the answer: while it
    /// is set, the key is in the inbox (or being acted on) and a ring adds
    /// nothing.
    rung: AtomicBool,
}

impl<K: Copy> Doorbell<K> {
    /// A bell that posts `key` to `inbox`, not rung.
    pub fn new(inbox: &Arc<Inbox<K>>, key: K) -> Self {
        Doorbell { inbox: inbox.clone(), key, rung: AtomicBool::new(false) }
    }

    /// Posts the key unless the bell is rung and not answered yet; from any
    /// thread. Returns whether this ring posted it. Whatever the calling
    /// thread wrote before the ring is visible to the runtime after its
    /// [`answer`](Self::answer).
    pub fn ring(&self) -> bool {
        // A refused post (the runtime is gone) leaves the bell rung for good:
        // later rings post nothing either.
        !self.rung.swap(true, Ordering::AcqRel) && self.inbox.post(self.key).is_ok()
    }

    /// Clears the bell, on the runtime's thread, just before it acts on the
    /// key: a ring from now on posts the key again.
    pub fn answer(&self) {
        self.rung.swap(false, Ordering::AcqRel);
    }

    /// The key this bell posts.
    pub fn key(&self) -> K {
        self.key
    }

    /// Gives the bell a new key, and clears it: for a runtime that reuses a
    /// bell nobody else holds.
    pub fn reset(&mut self, key: K) {
        self.key = key;
        // `&mut self`: no other thread holds the bell, any order will do.
        self.rung.store(false, Ordering::Relaxed);
    }
}

#[cfg(all(test, loom))]
pub(crate) mod loom_models {
    //! Every interleaving of the posts, rings, waits and answers above, for
    //! the shapes the two runtimes use. Each model prints how many
    //! interleavings it explored.

    use super::{Doorbell, Inbox};
    use loom::sync::Arc as LoomArc;
    use loom::sync::atomic::AtomicUsize;
    use loom::thread;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize as Count, Ordering};
    use std::task::Poll;

    /// Runs `model` in every interleaving and prints their number; the
    /// branded executor's models use it too.
    pub(crate) fn explore(name: &str, model: impl Fn() + Sync + Send + 'static) {
        let runs = Arc::new(Count::new(0));
        let mut builder = loom::model::Builder::new();
        builder.preemption_bound = Some(3);
        builder.check({
            let runs = runs.clone();
            move || {
                runs.fetch_add(1, Ordering::Relaxed);
                model();
            }
        });
        println!("loom model {name}: {} interleavings", runs.load(Ordering::Relaxed));
    }

    /// A post from another thread wakes a thread that parks for it, whether
    /// it lands before the park, during it, or after it.
    #[test]
    fn loom_a_post_wakes_the_parked_thread() {
        explore("a_post_wakes_the_parked_thread", || {
            let inbox = Arc::new(Inbox::new());
            let poster = {
                let inbox = inbox.clone();
                thread::spawn(move || inbox.post(1_u8).unwrap())
            };
            let mut keys = Vec::new();
            while !inbox.take_all(&mut keys) {
                inbox.park(None);
            }
            assert_eq!(keys, [1]);
            poster.join().unwrap();
        });
    }

    /// Two posts in a row, each of which may land while the runtime takes
    /// the keys before it: the flag that lets a take skip the lock never
    /// hides a key, so the runtime, which takes and parks in turn, ends with
    /// both, in order.
    #[test]
    fn loom_a_post_during_a_take_is_taken_by_a_later_one() {
        explore("a_post_during_a_take_is_taken_by_a_later_one", || {
            let inbox = Arc::new(Inbox::new());
            let poster = {
                let inbox = inbox.clone();
                thread::spawn(move || {
                    inbox.post(1_u8).unwrap();
                    inbox.post(2).unwrap();
                })
            };
            let mut keys = Vec::new();
            while keys.len() < 2 {
                if !inbox.take_all(&mut keys) {
                    inbox.park(None);
                }
            }
            assert_eq!(keys, [1, 2]);
            poster.join().unwrap();
        });
    }

    /// A post from another thread wakes the outer runtime's `Waker` left by
    /// a runtime polled as a future.
    #[test]
    fn loom_a_post_wakes_the_registered_task() {
        explore("a_post_wakes_the_registered_task", || {
            let inbox = Arc::new(Inbox::new());
            let poster = {
                let inbox = inbox.clone();
                thread::spawn(move || inbox.post(1_u8).unwrap())
            };
            let mut keys = Vec::new();
            loom::future::block_on(std::future::poll_fn(|cx| {
                // `register` says whether a key came in since `take_all` looked.
                while !inbox.take_all(&mut keys) {
                    if !inbox.register(cx.waker()) {
                        return Poll::Pending;
                    }
                }
                Poll::Ready(())
            }));
            assert_eq!(keys, [1]);
            poster.join().unwrap();
        });
    }

    /// Two threads each write, then ring one bell; the runtime answers
    /// before it reads. Once both threads are done and the runtime has taken
    /// every key, it has read both last writes: no ring is lost, and a key is
    /// never queued twice at once.
    #[test]
    fn loom_a_doorbell_rung_from_two_threads_is_answered_with_both_writes() {
        explore("a_doorbell_rung_from_two_threads_is_answered_with_both_writes", || {
            let inbox = Arc::new(Inbox::new());
            let bell = Arc::new(Doorbell::new(&inbox, 0_u8));
            let writes = LoomArc::new([AtomicUsize::new(0), AtomicUsize::new(0)]);
            let ringers: Vec<_> = (0..2)
                .map(|me| {
                    let (bell, writes) = (bell.clone(), writes.clone());
                    thread::spawn(move || {
                        writes[me].store(1, Ordering::Relaxed);
                        bell.ring();
                    })
                })
                .collect();
            let mut keys = Vec::new();
            let mut seen = [0, 0];
            while seen != [1, 1] {
                if !inbox.take_all(&mut keys) {
                    inbox.park(None);
                    continue;
                }
                assert_eq!(keys.len(), 1, "a bell is queued once until it is answered");
                keys.clear();
                bell.answer();
                seen = [writes[0].load(Ordering::Relaxed), writes[1].load(Ordering::Relaxed)];
            }
            for ringer in ringers {
                ringer.join().unwrap();
            }
        });
    }

    /// A post racing the inbox's close either lands before it (and is
    /// dropped by it) or is refused: never kept in a closed inbox.
    #[test]
    fn loom_a_post_racing_close_is_dropped_or_refused() {
        explore("a_post_racing_close_is_dropped_or_refused", || {
            let inbox = Arc::new(Inbox::new());
            let poster = {
                let inbox = inbox.clone();
                thread::spawn(move || {
                    let _accepted_or_refused = inbox.post(1_u8);
                })
            };
            inbox.close();
            poster.join().unwrap();
            let mut keys = Vec::new();
            assert!(!inbox.take_all(&mut keys));
            assert!(inbox.post(2).is_err());
        });
    }
}
