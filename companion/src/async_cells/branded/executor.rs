//! A single-threaded executor for branded futures that owns the cell owner.

#![forbid(unsafe_code)]

use core::future::Future;
use core::pin::{Pin, pin};
use core::task::{Context, Poll, Waker};
use std::collections::VecDeque;
use std::rc::Rc;
use std::sync::Arc;

use pin_project_lite::pin_project;
use slab::Slab;

use super::spawner::{BoxedTask, Spawner, Spawns};
use super::waker::{TaskKey, TaskWaker, WakeQueue};
use super::{BrandedFuture, Cx, Owner};
use crate::ghost::GhostToken;

/// How many task polls one poll of [`RunAsync`] or [`BlockOnAsync`] makes at
/// most: then it wakes itself and returns `Pending`, so that the runtime it
/// runs in polls its other tasks and its I/O driver before it goes on.
const POLLS_PER_TURN: usize = 256;

/// A spawned task that has not finished.
struct Task<'id, 'f, O> {
    future: BoxedTask<'id, 'f, O>,
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
/// are spawned from outside with [`spawn`](Self::spawn), and from inside a
/// task through a [`Spawner`] (made by [`spawner`](Self::spawner)) that the
/// task keeps: the child is queued and polled after the parent's poll.
///
/// [`run`](Self::run) and [`block_on`](Self::block_on) drive the tasks on
/// this thread and park it while they wait. Inside another runtime (tokio's
/// current-thread runtime or `LocalSet`, `futures`' `LocalPool`), whose
/// reactor must keep running on this thread, await
/// [`run_async`](Self::run_async) or [`block_on_async`](Self::block_on_async)
/// instead: the executor is then one future of that runtime, woken by it.
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
    /// First, so that it is dropped first: a task dropped with the executor
    /// cannot spawn into it.
    spawns: SpawnQueue<'id, 'f, O>,
    /// Children taken from `spawns`, kept to reuse the allocation.
    adopting: Vec<BoxedTask<'id, 'f, O>>,
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
    /// Unparks this thread: left in the inbox by `run_until_stalled`, made
    /// at its first stall.
    unpark: Option<Waker>,
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
            spawns: SpawnQueue(Spawns::new(&queue)),
            adopting: Vec::new(),
            owner,
            tasks: Slab::new(),
            ready: VecDeque::new(),
            woken: Vec::new(),
            main_woken: false,
            main: TaskWaker::new(&queue, TaskKey::MAIN),
            spare: None,
            unpark: None,
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
        self.insert(Box::pin(task));
    }

    fn insert(&mut self, future: BoxedTask<'id, 'f, O>) {
        self.spawned += 1;
        let entry = self.tasks.vacant_entry();
        let key = TaskKey { slot: entry.key(), spawned: self.spawned };
        entry.insert(Task { future, spawned: self.spawned, waker: None });
        self.ready.push_back(key);
    }

    /// A handle for tasks to spawn other tasks onto this executor; see
    /// [`Spawner`].
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::branded::{CellExt, Executor, Spawner, poll_fn};
    /// use companion::ghost::{GhostCell, GhostToken};
    /// use std::rc::Rc;
    /// use std::task::Poll;
    ///
    /// /// Counts down from `n`, each step a task spawned by the one before.
    /// fn countdown<'id: 'f, 'f>(spawner: Spawner<'id, 'f>, left: Rc<GhostCell<'id, u32>>, n: u32) {
    ///     let next = spawner.clone();
    ///     spawner
    ///         .spawn(poll_fn(move |cx| {
    ///             *left.rw(cx) = n;
    ///             if n > 0 {
    ///                 countdown(next.clone(), left.clone(), n - 1);
    ///             }
    ///             Poll::Ready(())
    ///         }))
    ///         .unwrap();
    /// }
    ///
    /// GhostToken::new(|token| {
    ///     let left = Rc::new(GhostCell::new(u32::MAX));
    ///     let mut executor = Executor::new(token);
    ///     countdown(executor.spawner(), left.clone(), 1000);
    ///     executor.run();
    ///     assert_eq!(*left.borrow(executor.owner()), 0);
    /// });
    /// ```
    pub fn spawner(&self) -> Spawner<'id, 'f, O> {
        Spawner::new(&self.spawns.0)
    }

    /// How many tasks have been spawned and have not finished, counting the
    /// children queued by a [`Spawner`] and not polled yet.
    pub fn len(&self) -> usize {
        self.tasks.len() + self.spawns.0.len()
    }

    /// Whether every spawned task has finished.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Drops every task that has not finished, and every child queued by a
    /// [`Spawner`], keeping the owner: for a runtime that shuts down but
    /// still needs the owner afterwards. A task's `Drop` that spawns while
    /// this runs is refused, so the executor is empty when it returns.
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
        // Until `refusing` is dropped (after the tasks, or while a panic in
        // a task's `Drop` unwinds), a spawn is handed back to its caller.
        let refusing = self.spawns.0.refuse_while();
        // Taken out first: a task's `Drop` cannot reach the executor, but the
        // slab is left empty before any of them runs.
        let tasks = core::mem::take(&mut self.tasks);
        self.ready.clear();
        drop(tasks);
        drop(refusing);
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
    /// When tasks are left, the first wake after it returns unparks this
    /// thread: a loop of the caller's own that parks between two calls (with
    /// `std::thread::park_timeout`, say, until its next timer) wakes up for
    /// it. Like any unpark, it may also cut short a later, unrelated park.
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
        loop {
            self.poll_until_stalled();
            if self.tasks.is_empty() {
                return 0;
            }
            // The executor is `!Send`: this is the thread it always runs on.
            let unpark = self.unpark.get_or_insert_with(|| futures::task::waker(Arc::new(Unpark(std::thread::current()))));
            // `true`: a wake came after `poll_until_stalled` looked.
            if !self.queue.register(unpark) {
                return self.tasks.len();
            }
            self.take_woken();
        }
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
            self.poll_until_stalled();
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
            if let Poll::Ready(output) = self.poll_main(future.as_mut()) {
                return output;
            }
            self.poll_until_stalled();
            if !self.main_woken {
                self.queue.park(None);
                self.take_woken();
            }
        }
    }

    /// A future that runs the executor until every task has finished: the
    /// [`run`](Self::run) of an executor that is itself a task of another
    /// runtime, such as tokio's current-thread runtime, a `LocalSet` or
    /// `futures`' `LocalPool`.
    ///
    /// Where `run` parks the thread, the future leaves the outer runtime's
    /// waker in the executor's inbox and returns `Pending`, so the outer
    /// runtime keeps running its own tasks and its I/O driver on this
    /// thread, and a wake of any branded task (from this thread or another)
    /// wakes the future. It also returns `Pending`, waking itself, after
    /// every 256 task polls, so busy branded tasks do not starve the outer
    /// runtime. It borrows the executor mutably, and is `!Send` as the
    /// executor is: keep it on the thread, with `LocalSet::run_until` or a
    /// current-thread runtime's `block_on`, not `tokio::spawn`.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::branded::{BrandedFuture, CellExt, Executor, from_std, poll_fn};
    /// use companion::ghost::{GhostCell, GhostToken};
    /// use std::rc::Rc;
    /// use std::task::Poll;
    /// use std::time::Duration;
    ///
    /// let runtime = tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap();
    /// let _in_runtime = runtime.enter(); // a tokio timer is made inside its runtime
    /// GhostToken::new(|token| {
    ///     let woke = Rc::new(GhostCell::new(false));
    ///     let mut executor = Executor::new(token);
    ///     let flag = woke.clone();
    ///     // `Sleep` is `!Unpin`, and a `poll_fn` closure holds it by `&mut`: box it.
    ///     let mut nap = Box::pin(from_std(tokio::time::sleep(Duration::from_millis(5))));
    ///     executor.spawn(poll_fn(move |cx| {
    ///         if nap.as_mut().poll(cx).is_pending() {
    ///             return Poll::Pending;
    ///         }
    ///         *flag.rw(cx) = true;
    ///         Poll::Ready(())
    ///     }));
    ///     // The timer is tokio's, driven by the runtime while the executor waits.
    ///     runtime.block_on(executor.run_async());
    ///     assert!(*woke.borrow(executor.owner()));
    /// });
    /// ```
    pub fn run_async(&mut self) -> RunAsync<'_, 'id, 'f, O> {
        RunAsync { executor: self }
    }

    /// A future that runs `future` to completion, polling the spawned tasks
    /// alongside it, and gives its output: the [`block_on`](Self::block_on)
    /// of an executor that is itself a task of another runtime. It waits as
    /// [`run_async`](Self::run_async) does. Tasks still pending when
    /// `future` finishes stay in the executor.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::branded::{CellExt, Executor, poll_fn};
    /// use companion::ghost::{GhostCell, GhostToken};
    /// use futures::executor::LocalPool;
    /// use std::task::Poll;
    ///
    /// GhostToken::new(|token| {
    ///     let cell = GhostCell::new(20);
    ///     let mut executor = Executor::new(token);
    ///     let mut pool = LocalPool::new();
    ///     let answer = pool.run_until(executor.block_on_async(poll_fn(|cx| {
    ///         *cell.rw(cx) += 22;
    ///         Poll::Ready(*cell.ro(cx))
    ///     })));
    ///     assert_eq!(answer, 42);
    /// });
    /// ```
    pub fn block_on_async<F: BrandedFuture<'id, O>>(&mut self, future: F) -> BlockOnAsync<'_, 'id, 'f, O, F> {
        self.main_woken = true;
        BlockOnAsync { executor: self, future }
    }

    /// Polls `block_on`'s future if it was woken.
    fn poll_main<F: BrandedFuture<'id, O>>(&mut self, future: Pin<&mut F>) -> Poll<F::Output> {
        if !core::mem::take(&mut self.main_woken) {
            return Poll::Pending;
        }
        self.main.dequeue();
        let waker = self.main.as_waker();
        let mut cx = Cx::new(&mut self.owner, &waker);
        future.poll(&mut cx)
    }

    /// [`poll_ready`](Self::poll_ready) with no budget.
    fn poll_until_stalled(&mut self) {
        let mut unbounded = usize::MAX;
        self.poll_ready(&mut unbounded);
    }

    /// Polls ready tasks until none is ready, no child is queued and no wake
    /// is queued: returns `false` then. Returns `true` if it stopped because
    /// `budget` polls were made first.
    fn poll_ready(&mut self, budget: &mut usize) -> bool {
        // Set for the polls: a spawn meanwhile is adopted below, no need to
        // wake the executor. Left set by a panicking poll, reset by the next
        // call, and a stalled executor has always been through a full call.
        self.spawns.0.set_polling(true);
        let spent = loop {
            if let Some(key) = self.ready.front().copied() {
                if *budget == 0 {
                    break true;
                }
                *budget -= 1;
                self.ready.pop_front();
                self.poll_task(key);
                continue;
            }
            let adopted = self.adopt_spawned();
            if !self.take_woken() && !adopted {
                break false;
            }
        };
        self.spawns.0.set_polling(false);
        spent
    }

    /// Moves the children queued by spawners into the task slab, ready;
    /// `false` if there were none.
    fn adopt_spawned(&mut self) -> bool {
        if !self.spawns.0.take_all(&mut self.adopting) {
            return false;
        }
        let mut adopting = core::mem::take(&mut self.adopting);
        for future in adopting.drain(..) {
            self.insert(future);
        }
        self.adopting = adopting;
        true
    }

    /// Moves queued wakes to the ready queue (a wake of `block_on`'s future
    /// sets `main_woken`); `false` if there were none.
    fn take_woken(&mut self) -> bool {
        if !self.queue.take_all(&mut self.woken) {
            return false;
        }
        for key in self.woken.drain(..) {
            match key {
                TaskKey::MAIN => self.main_woken = true,
                // A spawn from outside the polls: `poll_ready` adopts it.
                TaskKey::SPAWNED => {}
                task => self.ready.push_back(task),
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

/// The executor's half of the spawn queue: closes it when the executor is
/// dropped, and drops the children nobody will poll.
struct SpawnQueue<'id, 'f, O>(Rc<Spawns<'id, 'f, O>>);

impl<O> Drop for SpawnQueue<'_, '_, O> {
    fn drop(&mut self) {
        self.0.refuse_while().forever();
    }
}

/// The future of [`Executor::run_async`]: ready when every task has
/// finished.
///
/// # Example
///
/// Driven by `futures`' `LocalPool`, with a wake from another thread:
///
/// ```
/// use companion::async_cells::branded::{Executor, poll_fn};
/// use companion::ghost::GhostToken;
/// use futures::executor::LocalPool;
/// use std::task::Poll;
///
/// GhostToken::new(|token| {
///     let mut executor = Executor::new(token);
///     let mut first = true;
///     executor.spawn(poll_fn(move |cx| {
///         if !std::mem::take(&mut first) {
///             return Poll::Ready(());
///         }
///         let waker = cx.waker().clone();
///         std::thread::spawn(move || waker.wake());
///         Poll::Pending
///     }));
///     LocalPool::new().run_until(executor.run_async());
///     assert!(executor.is_empty());
/// });
/// ```
#[must_use = "futures do nothing unless polled"]
pub struct RunAsync<'e, 'id, 'f, O = GhostToken<'id>> {
    executor: &'e mut Executor<'id, 'f, O>,
}

impl<'id, O: Owner<'id>> Future for RunAsync<'_, 'id, '_, O> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let executor = &mut *self.executor;
        let mut budget = POLLS_PER_TURN;
        loop {
            if executor.poll_ready(&mut budget) {
                cx.waker().wake_by_ref();
                return Poll::Pending;
            }
            if executor.tasks.is_empty() {
                return Poll::Ready(());
            }
            // Registered in the same critical section that finds the inbox
            // empty: a wake after `poll_ready` looked either is seen here, or
            // wakes `cx.waker()`.
            if !executor.queue.register(cx.waker()) {
                return Poll::Pending;
            }
            executor.take_woken();
        }
    }
}

pin_project! {
    /// The future of [`Executor::block_on_async`]: ready with the output of
    /// the future it was given.
    ///
    /// # Example
    ///
    /// Inside tokio's current-thread runtime, with a task spawned beside it:
    ///
    /// ```
    /// use companion::async_cells::branded::{CellExt, Executor, poll_fn};
    /// use companion::ghost::{GhostCell, GhostToken};
    /// use std::task::Poll;
    ///
    /// let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    /// GhostToken::new(|token| {
    ///     let cell = GhostCell::new(1);
    ///     let mut executor = Executor::new(token);
    ///     executor.spawn(poll_fn(|cx| Poll::Ready(*cell.rw(cx) *= 6)));
    ///     let seven = runtime.block_on(executor.block_on_async(poll_fn(|cx| {
    ///         if *cell.ro(cx) == 1 {
    ///             cx.waker().wake_by_ref(); // the task has not run yet
    ///             return Poll::Pending;
    ///         }
    ///         Poll::Ready(*cell.ro(cx) + 1)
    ///     })));
    ///     assert_eq!(seven, 7);
    /// });
    /// ```
    #[must_use = "futures do nothing unless polled"]
    pub struct BlockOnAsync<'e, 'id, 'f, O, F> {
        executor: &'e mut Executor<'id, 'f, O>,
        #[pin]
        future: F,
    }
}

impl<'id, O: Owner<'id>, F: BrandedFuture<'id, O>> Future for BlockOnAsync<'_, 'id, '_, O, F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        let (executor, mut future) = (this.executor, this.future);
        let mut budget = POLLS_PER_TURN;
        loop {
            if executor.main_woken {
                if budget == 0 {
                    cx.waker().wake_by_ref();
                    return Poll::Pending;
                }
                budget -= 1;
                if let Poll::Ready(output) = executor.poll_main(future.as_mut()) {
                    return Poll::Ready(output);
                }
            }
            if executor.poll_ready(&mut budget) {
                cx.waker().wake_by_ref();
                return Poll::Pending;
            }
            if executor.main_woken {
                continue;
            }
            if !executor.queue.register(cx.waker()) {
                return Poll::Pending;
            }
            executor.take_woken();
        }
    }
}

/// The waker `run_until_stalled` leaves in the inbox: it unparks the
/// executor's thread.
struct Unpark(std::thread::Thread);

impl futures::task::ArcWake for Unpark {
    fn wake_by_ref(arc_self: &Arc<Self>) {
        arc_self.0.unpark();
    }
}
