//! A single-threaded executor for branded futures that owns the cell owner.

#![forbid(unsafe_code)]

use core::pin::{Pin, pin};
use core::task::Poll;
use std::collections::VecDeque;
use std::sync::Arc;

use slab::Slab;

use super::waker::{TaskKey, TaskWaker, WakeQueue};
use super::{BrandedFuture, Cx, Owner};
use crate::ghost::GhostToken;

/// A spawned task that has not finished.
struct Task<'id, 'f, O> {
    future: Pin<Box<dyn BrandedFuture<'id, O, Output = ()> + 'f>>,
    /// The number it was spawned with, the second half of its [`TaskKey`].
    spawned: u64,
    /// Made at its first poll, so that a task that finishes in its first
    /// poll reuses the waker of the previous one.
    waker: Option<Arc<TaskWaker>>,
}

/// Runs many branded tasks on one thread, lending them its owner one poll at
/// a time.
///
/// The executor *owns* the owner (a [`GhostToken<'id>`] unless `O` says
/// otherwise), so every task it runs shares one brand, and a task of another
/// executor (another brand) does not type-check. `'f` is how long the tasks
/// may borrow from their surroundings.
///
/// Tasks are woken through std's `Waker`, which is `Send + Sync`: a task may
/// hand a clone of `cx.waker()` to another thread and be woken from there.
/// [`run`](Self::run) then parks the thread until a wake arrives. A task
/// woken several times before it is polled again is polled once, and a
/// waker kept after its task finished wakes nothing.
///
/// The executor is `!Send`: its tasks are not required to be `Send`. Tasks
/// are spawned from outside, between runs or before `block_on`; a task has no
/// handle to spawn others (its `Cx` lends the owner, not the executor), so a
/// task that needs children runs them with [`join`](super::join) and
/// [`select`](super::select).
///
/// # Example
///
/// ```
/// use companion::async_cells::branded::{CellExt, Executor, poll_fn};
/// use companion::ghost::{GhostCell, GhostToken};
/// use std::rc::Rc;
/// use std::task::Poll;
///
/// GhostToken::new(|token| {
///     let hits = Rc::new(GhostCell::new(0));
///     let mut executor = Executor::new(token);
///     for _ in 0..100 {
///         let hits = hits.clone();
///         executor.spawn(poll_fn(move |cx| {
///             *hits.rw(cx) += 1;
///             Poll::Ready(())
///         }));
///     }
///     executor.run();
///     assert_eq!(*hits.borrow(executor.owner()), 100);
/// });
/// ```
pub struct Executor<'id, 'f, O = GhostToken<'id>> {
    owner: O,
    tasks: Slab<Task<'id, 'f, O>>,
    /// Keys of tasks to poll, each at most once: a task's waker queues it
    /// only if it is not queued already.
    ready: VecDeque<TaskKey>,
    /// Keys taken from `queue`, kept to reuse the allocation.
    woken: Vec<TaskKey>,
    /// Whether `block_on`'s future is to be polled.
    main_woken: bool,
    /// The waker of `block_on`'s future, made once and used by every call.
    main: Arc<TaskWaker>,
    /// The waker of the last task that finished, for the next task's first
    /// poll if no clone of it is left.
    spare: Option<Arc<TaskWaker>>,
    /// How many tasks were ever spawned: the next task's number.
    spawned: u64,
    queue: WakeQueue,
}

impl<'id, 'f, O: Owner<'id>> Executor<'id, 'f, O> {
    /// An executor that owns `owner` and runs on the current thread.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::branded::Executor;
    /// use companion::ghost::GhostToken;
    ///
    /// GhostToken::new(|token| {
    ///     let executor = Executor::new(token);
    ///     assert_eq!(executor.len(), 0);
    /// });
    /// ```
    pub fn new(owner: O) -> Self {
        let queue = WakeQueue::new();
        Executor {
            owner,
            tasks: Slab::new(),
            ready: VecDeque::new(),
            woken: Vec::new(),
            main_woken: false,
            main: TaskWaker::new(&queue, TaskKey::MAIN),
            spare: None,
            spawned: 0,
            queue,
        }
    }

    /// Adds a task; it is first polled by the next [`run`](Self::run),
    /// [`run_until_stalled`](Self::run_until_stalled) or
    /// [`block_on`](Self::block_on).
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::branded::{Executor, poll_fn};
    /// use companion::ghost::GhostToken;
    /// use std::task::Poll;
    ///
    /// GhostToken::new(|token| {
    ///     let mut executor = Executor::new(token);
    ///     executor.spawn(poll_fn(|_| Poll::Ready(())));
    ///     assert_eq!(executor.len(), 1);
    ///     executor.run();
    ///     assert_eq!(executor.len(), 0);
    /// });
    /// ```
    pub fn spawn<F>(&mut self, task: F)
    where
        F: BrandedFuture<'id, O, Output = ()> + 'f,
    {
        self.spawned += 1;
        let entry = self.tasks.vacant_entry();
        let key = TaskKey { slot: entry.key(), spawned: self.spawned };
        entry.insert(Task { future: Box::pin(task), spawned: self.spawned, waker: None });
        self.ready.push_back(key);
    }

    /// How many tasks have been spawned and have not finished.
    pub fn len(&self) -> usize {
        self.tasks.len()
    }

    /// Whether every spawned task has finished.
    pub fn is_empty(&self) -> bool {
        self.tasks.is_empty()
    }

    /// Drops every task that has not finished, keeping the owner: for a
    /// runtime that shuts down but still needs the owner afterwards.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::branded::{Executor, poll_fn};
    /// use companion::ghost::GhostToken;
    /// use std::task::Poll;
    ///
    /// GhostToken::new(|token| {
    ///     let mut executor = Executor::new(token);
    ///     executor.spawn(poll_fn(|_| Poll::Pending));
    ///     executor.clear();
    ///     assert!(executor.is_empty());
    /// });
    /// ```
    pub fn clear(&mut self) {
        // Taken out first: a task's `Drop` cannot reach the executor, but the
        // slab is left empty before any of them runs.
        let tasks = core::mem::take(&mut self.tasks);
        self.ready.clear();
        drop(tasks);
    }

    /// The owner, shared, between runs: to read the tasks' cells from the
    /// outside.
    pub fn owner(&self) -> &O {
        &self.owner
    }

    /// The owner, mutably, between runs: to write the tasks' cells from the
    /// outside.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::branded::Executor;
    /// use companion::ghost::{GhostCell, GhostToken};
    ///
    /// GhostToken::new(|token| {
    ///     let cell = GhostCell::new(1);
    ///     let mut executor = Executor::new(token);
    ///     *cell.borrow_mut(executor.owner_mut()) += 1;
    ///     assert_eq!(*cell.borrow(executor.owner()), 2);
    /// });
    /// ```
    pub fn owner_mut(&mut self) -> &mut O {
        &mut self.owner
    }

    /// Drops every task that has not finished and returns the owner.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::branded::{Executor, poll_fn};
    /// use companion::ghost::{GhostCell, GhostToken};
    /// use std::task::Poll;
    ///
    /// GhostToken::new(|token| {
    ///     let cell = GhostCell::new(0);
    ///     let mut executor = Executor::new(token);
    ///     executor.spawn(poll_fn(|_| Poll::Pending));
    ///     let token = executor.into_owner();
    ///     assert_eq!(*cell.borrow(&token), 0);
    /// });
    /// ```
    pub fn into_owner(self) -> O {
        self.owner
    }

    /// Polls every task that is ready, and every task that is woken while
    /// doing so, until none is ready. Returns how many tasks are left, all
    /// of them waiting for a wake.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::branded::{Executor, poll_fn};
    /// use companion::ghost::GhostToken;
    /// use std::cell::RefCell;
    /// use std::rc::Rc;
    /// use std::task::{Poll, Waker};
    ///
    /// GhostToken::new(|token| {
    ///     let parked: Rc<RefCell<Option<Waker>>> = Rc::default();
    ///     let mut executor = Executor::new(token);
    ///     let slot = parked.clone();
    ///     let mut first = true;
    ///     executor.spawn(poll_fn(move |cx| {
    ///         if std::mem::take(&mut first) {
    ///             *slot.borrow_mut() = Some(cx.waker().clone());
    ///             Poll::Pending
    ///         } else {
    ///             Poll::Ready(())
    ///         }
    ///     }));
    ///     assert_eq!(executor.run_until_stalled(), 1); // waiting for its wake
    ///     parked.borrow_mut().take().unwrap().wake();
    ///     assert_eq!(executor.run_until_stalled(), 0);
    /// });
    /// ```
    pub fn run_until_stalled(&mut self) -> usize {
        self.poll_ready();
        self.tasks.len()
    }

    /// Runs until every task has finished, parking the thread while all of
    /// them wait for a wake. Like any `block_on`, it never returns if a task
    /// waits for a wake that never comes.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::branded::{CellExt, Executor, poll_fn};
    /// use companion::ghost::{GhostCell, GhostToken};
    /// use std::rc::Rc;
    /// use std::task::Poll;
    ///
    /// GhostToken::new(|token| {
    ///     let done = Rc::new(GhostCell::new(false));
    ///     let mut executor = Executor::new(token);
    ///     let flag = done.clone();
    ///     executor.spawn(poll_fn(move |cx| {
    ///         let waker = cx.waker().clone();
    ///         if *flag.ro(cx) {
    ///             return Poll::Ready(());
    ///         }
    ///         *flag.rw(cx) = true;
    ///         // Woken from another thread; `run` parks until then.
    ///         std::thread::spawn(move || waker.wake());
    ///         Poll::Pending
    ///     }));
    ///     executor.run();
    ///     assert!(*done.borrow(executor.owner()));
    /// });
    /// ```
    pub fn run(&mut self) {
        loop {
            self.poll_ready();
            if self.tasks.is_empty() {
                return;
            }
            self.queue.park(None);
            self.take_woken();
        }
    }

    /// Runs `future` to completion on this thread, polling the spawned tasks
    /// alongside it, and returns its output. Tasks still pending when it
    /// finishes stay in the executor.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::branded::{CellExt, Executor, poll_fn};
    /// use companion::ghost::{GhostCell, GhostToken};
    /// use std::task::Poll;
    ///
    /// GhostToken::new(|token| {
    ///     let cell = GhostCell::new(20);
    ///     let mut executor = Executor::new(token);
    ///     let answer = executor.block_on(poll_fn(|cx| {
    ///         *cell.rw(cx) += 22;
    ///         Poll::Ready(*cell.ro(cx))
    ///     }));
    ///     assert_eq!(answer, 42);
    /// });
    /// ```
    pub fn block_on<F: BrandedFuture<'id, O>>(&mut self, future: F) -> F::Output {
        let mut future = pin!(future);
        self.main_woken = true;
        loop {
            if core::mem::take(&mut self.main_woken) {
                self.main.dequeue();
                let waker = self.main.as_waker();
                let mut cx = Cx::new(&mut self.owner, &waker);
                if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
                    return output;
                }
            }
            self.poll_ready();
            if !self.main_woken {
                self.queue.park(None);
                self.take_woken();
            }
        }
    }

    /// Polls ready tasks until none is ready and no wake is queued.
    fn poll_ready(&mut self) {
        loop {
            while let Some(key) = self.ready.pop_front() {
                self.poll_task(key);
            }
            if !self.take_woken() {
                return;
            }
        }
    }

    /// Moves queued wakes to the ready queue (a wake of `block_on`'s future
    /// sets `main_woken`); `false` if there were none.
    fn take_woken(&mut self) -> bool {
        if !self.queue.take_all(&mut self.woken) {
            return false;
        }
        for key in self.woken.drain(..) {
            if key == TaskKey::MAIN {
                self.main_woken = true;
            } else {
                self.ready.push_back(key);
            }
        }
        true
    }

    fn poll_task(&mut self, key: TaskKey) {
        // A late wake of a finished task (sent during its last poll, or by a
        // waker kept after it) finds no task, or a task with another number
        // in the reused slot: it polls nothing.
        let Some(task) = self.tasks.get_mut(key.slot).filter(|task| task.spawned == key.spawned) else { return };
        let waker = match &mut task.waker {
            Some(waker) => {
                waker.dequeue();
                waker
            }
            empty => empty.insert(TaskWaker::reuse(self.spare.take(), &self.queue, key)),
        };
        let waker = waker.as_waker();
        let mut cx = Cx::new(&mut self.owner, &waker);
        // No lock is held and no state is half-updated while user code runs:
        // a panic here leaves the task in place, and the executor usable.
        if task.future.as_mut().poll(&mut cx).is_ready() {
            let Task { future, waker, .. } = self.tasks.remove(key.slot);
            // The future first: it may hold a clone of its own waker.
            drop(future);
            self.spare = waker;
        }
    }
}
