//! The branded executor itself under loom: polled as a future by loom's
//! `block_on` (which waits as an outer runtime does, through the waker the
//! executor leaves in its inbox), with a task woken from a loom thread.
//! Each model prints how many interleavings it explored.

use super::{Executor, poll_fn};
use crate::async_cells::wake::loom_models::explore;
use crate::ghost::GhostToken;
use loom::sync::Arc;
use loom::sync::atomic::AtomicBool;
use loom::thread::{self, JoinHandle};
use std::cell::Cell;
use std::rc::Rc;
use std::sync::atomic::Ordering;
use std::task::Poll;

/// A task woken once from another thread: whether the wake lands before
/// the executor registers its outer waker, while it does, or after, the
/// executor's future is woken, polls the task again, and finishes.
#[test]
fn loom_the_embedded_executor_finishes_a_task_woken_from_a_thread() {
    explore("the_embedded_executor_finishes_a_task_woken_from_a_thread", || {
        GhostToken::new(|token| {
            let waker_thread: Rc<Cell<Option<JoinHandle<()>>>> = Rc::default();
            let polls = Rc::new(Cell::new(0));
            let mut executor = Executor::new(token);
            let (task_thread, task_polls) = (waker_thread.clone(), polls.clone());
            executor.spawn(poll_fn(move |cx| {
                task_polls.set(task_polls.get() + 1);
                if task_polls.get() == 2 {
                    return Poll::Ready(());
                }
                let waker = cx.waker().clone();
                task_thread.set(Some(thread::spawn(move || waker.wake())));
                Poll::Pending
            }));
            loom::future::block_on(executor.run_async());
            waker_thread.take().unwrap().join().unwrap();
            assert_eq!(polls.get(), 2);
            assert!(executor.is_empty());
        });
    });
}

/// A thread sets a flag and wakes the task, while the executor is already
/// polling the task again (the task woke itself too). Whether that poll
/// sees the flag or not, the thread's wake is not swallowed by it: a poll
/// that missed the flag is followed by another, and the executor finishes.
#[test]
fn loom_a_wake_racing_the_executors_poll_of_the_task_is_not_lost() {
    explore("a_wake_racing_the_executors_poll_of_the_task_is_not_lost", || {
        GhostToken::new(|token| {
            let waker_thread: Rc<Cell<Option<JoinHandle<()>>>> = Rc::default();
            let flag = Arc::new(AtomicBool::new(false));
            let mut executor = Executor::new(token);
            let task_thread = waker_thread.clone();
            let mut spawned = false;
            executor.spawn(poll_fn(move |cx| {
                if flag.load(Ordering::Relaxed) {
                    return Poll::Ready(());
                }
                if std::mem::replace(&mut spawned, true) {
                    return Poll::Pending;
                }
                let (waker, flag) = (cx.waker().clone(), flag.clone());
                task_thread.set(Some(thread::spawn(move || {
                    flag.store(true, Ordering::Relaxed);
                    waker.wake();
                })));
                // Polled again at once, racing the thread's store and wake.
                cx.waker().wake_by_ref();
                Poll::Pending
            }));
            loom::future::block_on(executor.run_async());
            waker_thread.take().unwrap().join().unwrap();
        });
    });
}
