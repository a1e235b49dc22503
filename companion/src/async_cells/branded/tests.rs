//! Run-time tests of the branded design: the executor, its wakers (woken
//! from other threads, cloned, stale), spawning from tasks, combinators,
//! panics and drops.

#![forbid(unsafe_code)]

use super::{AsyncCell, BrandedFuture, CellExt, Cx, Executor, Spawner, from_std, join, poll_fn, select};
use crate::ghost::{GhostCell, GhostToken};
use crate::testing::DropCounter;
use futures::future::Either;
use qcell::LCellOwner;
use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::pin;
use std::rc::Rc;
use std::sync::mpsc;
use std::task::{Poll, Waker};
use std::thread;

/// How many wakes the cross-thread tests send: smaller under Miri.
const WAKES: usize = if cfg!(miri) { 20 } else { 1000 };

/// A task that is pending until it has been polled `polls` times, waking
/// itself through a *clone* of its waker, from a new thread each time.
fn woken_from_threads<'id>(
    tally: Rc<GhostCell<'id, usize>>,
    polls: usize,
) -> impl BrandedFuture<'id, Output = ()> {
    poll_fn(move |cx| {
        *tally.rw(cx) += 1;
        if *tally.ro(cx) == polls {
            return Poll::Ready(());
        }
        let waker = cx.waker().clone();
        thread::spawn(move || waker.wake());
        Poll::Pending
    })
}

#[test]
fn many_tasks_share_the_owner() {
    GhostToken::new(|token| {
        let tally = Rc::new(GhostCell::new(0));
        let mut executor = Executor::new(token);
        for i in 0..100 {
            let tally = tally.clone();
            executor.spawn(poll_fn(move |cx| {
                *tally.rw(cx) += i;
                Poll::Ready(())
            }));
        }
        executor.run();
        assert_eq!(*tally.borrow(executor.owner()), 4950);
        assert!(executor.is_empty());
    });
}

#[test]
fn a_task_woken_from_other_threads_finishes_and_run_parks_meanwhile() {
    GhostToken::new(|token| {
        let tally = Rc::new(GhostCell::new(0));
        let mut executor = Executor::new(token);
        executor.spawn(woken_from_threads(tally.clone(), 5));
        executor.run();
        assert_eq!(*tally.borrow(executor.owner()), 5);
    });
}

#[test]
fn waker_from_another_thread_never_loses_a_wake() {
    // One task, one waker on another thread that wakes it WAKES times, each
    // time waiting until the task has seen the previous wake. A lost wake
    // (one that lands between the executor's last look at the queue and its
    // `park`) would hang this test.
    GhostToken::new(|token| {
        let seen = Rc::new(GhostCell::new(0));
        let (to_waker, waker_inbox) = mpsc::channel::<Waker>();
        let mut executor = Executor::new(token);
        let task_seen = seen.clone();
        executor.spawn(poll_fn(move |cx| {
            *task_seen.rw(cx) += 1;
            if *task_seen.ro(cx) > WAKES {
                return Poll::Ready(());
            }
            to_waker.send(cx.waker().clone()).unwrap();
            Poll::Pending
        }));
        let waker_thread = thread::spawn(move || {
            for waker in waker_inbox {
                waker.wake();
            }
        });
        executor.run();
        waker_thread.join().unwrap();
        assert_eq!(*seen.borrow(executor.owner()), WAKES + 1);
    });
}

#[test]
fn the_borrowed_waker_works_from_a_scoped_thread_during_the_poll() {
    GhostToken::new(|token| {
        let polls = Rc::new(GhostCell::new(0));
        let mut executor = Executor::new(token);
        let task_polls = polls.clone();
        executor.spawn(poll_fn(move |cx| {
            *task_polls.rw(cx) += 1;
            if *task_polls.ro(cx) == 2 {
                return Poll::Ready(());
            }
            let waker: &Waker = cx.waker();
            // The borrowed waker itself, not a clone, crosses to the thread;
            // the thread clones it too, then both wake.
            thread::scope(|s| {
                s.spawn(|| {
                    let clone = waker.clone();
                    waker.wake_by_ref();
                    clone.wake();
                });
            });
            Poll::Pending
        }));
        executor.run();
        // Two wakes were queued, the task finished at the first; the second
        // is a stale wake of a finished task and is ignored.
        assert_eq!(*polls.borrow(executor.owner()), 2);
    });
}

#[test]
fn wakers_outlive_the_executor_harmlessly() {
    let waker = GhostToken::new(|token| {
        let mut kept = None;
        {
            let mut executor = Executor::new(token);
            executor.spawn(poll_fn(|cx| {
                kept = Some(cx.waker().clone());
                Poll::Ready(())
            }));
            executor.run();
        }
        kept.unwrap()
    });
    // Wakes a finished task of a dropped executor: queued and forgotten.
    waker.wake_by_ref();
    thread::spawn(move || waker.wake()).join().unwrap();
}

#[test]
fn tasks_dropped_while_pending_are_dropped_once() {
    let drops = Rc::new(Cell::new(0));
    GhostToken::new(|token| {
        let mut executor = Executor::new(token);
        for _ in 0..3 {
            let guard = DropCounter(drops.clone());
            executor.spawn(poll_fn(move |_| {
                let _keep = &guard;
                Poll::Pending
            }));
        }
        assert_eq!(executor.run_until_stalled(), 3);
        assert_eq!(drops.get(), 0);
        let token = executor.into_owner();
        assert_eq!(drops.get(), 3);
        // The owner came back whole.
        let cell = GhostCell::new(1);
        assert_eq!(*cell.borrow(&token), 1);
    });
}

#[test]
fn a_panic_mid_poll_leaves_the_executor_and_owner_usable() {
    GhostToken::new(|token| {
        let cell = Rc::new(GhostCell::new(0));
        let mut executor = Executor::new(token);
        let task_cell = cell.clone();
        let mut polls = 0;
        executor.spawn(poll_fn(move |cx| {
            polls += 1;
            let value = task_cell.rw(cx);
            *value += 1;
            if polls == 1 {
                cx.waker().wake_by_ref();
                panic!("first poll fails while holding a cell borrow");
            }
            Poll::Ready(())
        }));
        let first = catch_unwind(AssertUnwindSafe(|| executor.run()));
        assert!(first.is_err());
        // The task stayed in place and was woken before it panicked.
        assert_eq!(executor.len(), 1);
        executor.run();
        assert!(executor.is_empty());
        assert_eq!(*cell.borrow(executor.owner()), 2);
    });
}

#[test]
fn a_finishing_task_that_wakes_another_in_its_drop() {
    struct WakeOnDrop(Rc<RefCell<Option<Waker>>>);
    impl Drop for WakeOnDrop {
        fn drop(&mut self) {
            if let Some(waker) = self.0.borrow_mut().take() {
                waker.wake();
            }
        }
    }
    GhostToken::new(|token| {
        let parked: Rc<RefCell<Option<Waker>>> = Rc::default();
        let order = Rc::new(GhostCell::new(Vec::new()));
        let mut executor = Executor::new(token);
        let (slot, log) = (parked.clone(), order.clone());
        executor.spawn(poll_fn(move |cx| {
            if slot.borrow().is_none() && log.ro(cx).is_empty() {
                *slot.borrow_mut() = Some(cx.waker().clone());
                return Poll::Pending;
            }
            log.rw(cx).push("waiter");
            Poll::Ready(())
        }));
        let (guard, log) = (WakeOnDrop(parked.clone()), order.clone());
        executor.spawn(poll_fn(move |cx| {
            let _guard = &guard;
            log.rw(cx).push("finisher");
            Poll::Ready(())
        }));
        executor.run();
        assert_eq!(*order.borrow(executor.owner()), ["finisher", "waiter"]);
    });
}

#[test]
fn block_on_runs_spawned_tasks_alongside_and_is_woken_from_a_thread() {
    GhostToken::new(|token| {
        let cell = Rc::new(GhostCell::new(0));
        let mut executor = Executor::new(token);
        let task_cell = cell.clone();
        executor.spawn(poll_fn(move |cx| {
            *task_cell.rw(cx) += 10;
            Poll::Ready(())
        }));
        let main = woken_from_threads(cell.clone(), 13);
        executor.block_on(main);
        // 10 from the task, then the main future counted 11, 12, 13.
        assert_eq!(*cell.borrow(executor.owner()), 13);
    });
}

#[test]
fn join_and_select_poll_children_with_one_cx() {
    GhostToken::new(|token| {
        let log = GhostCell::new(Vec::new());
        let mut executor = Executor::new(token);
        let mut left_polls = 0;
        let left = poll_fn(|cx| {
            log.rw(cx).push('l');
            left_polls += 1;
            if left_polls == 3 {
                Poll::Ready('L')
            } else {
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        });
        let right = poll_fn(|cx| {
            log.rw(cx).push('r');
            Poll::Ready('R')
        });
        assert_eq!(executor.block_on(join(left, right)), ('L', 'R'));
        assert_eq!(log.borrow(executor.owner()).iter().collect::<String>(), "lrll");

        let pending_forever = poll_fn(|cx| {
            log.rw(cx).push('p');
            Poll::<()>::Pending
        });
        let ready = poll_fn(|cx| Poll::Ready(log.ro(cx).len()));
        assert!(matches!(executor.block_on(select(pending_forever, ready)), Either::Right(5)));
        let first = poll_fn(|_| Poll::Ready(1));
        let second = poll_fn(|_| Poll::Ready(2));
        assert!(matches!(executor.block_on(select(first, second)), Either::Left(1)));
    });
}

#[test]
#[should_panic(expected = "polled after it completed")]
fn join_polled_again_after_completion_panics() {
    GhostToken::new(|mut token| {
        let mut both = pin!(join(poll_fn(|_| Poll::Ready(1)), poll_fn(|_| Poll::Ready(2))));
        let mut cx = Cx::new(&mut token, Waker::noop());
        assert_eq!(both.as_mut().poll(&mut cx), Poll::Ready((1, 2)));
        let _ = both.as_mut().poll(&mut cx);
    });
}

#[test]
fn from_std_waits_for_a_channel_fed_by_a_thread() {
    GhostToken::new(|token| {
        let cell = GhostCell::new(0);
        let (send, receive) = futures::channel::oneshot::channel();
        let mut executor = Executor::new(token);
        let sender = thread::spawn(move || send.send(5).unwrap());
        let received = executor.block_on(poll_fn({
            let mut receive = from_std(receive);
            move |cx| match pin!(&mut receive).poll(cx) {
                Poll::Ready(value) => {
                    *cell.rw(cx) = value.unwrap();
                    Poll::Ready(*cell.ro(cx))
                }
                Poll::Pending => Poll::Pending,
            }
        }));
        sender.join().unwrap();
        assert_eq!(received, 5);
    });
}

#[test]
fn the_lcell_flavour_runs_the_same_executor_and_combinators() {
    LCellOwner::scope(|owner| {
        let count = Rc::new(AsyncCell::new(0_usize));
        let mut executor = Executor::new(owner);
        for _ in 0..4 {
            let count = count.clone();
            executor.spawn(poll_fn(move |cx: &mut Cx<'_, '_, LCellOwner<'_>>| {
                *count.rw(cx) += 1;
                Poll::Ready(())
            }));
        }
        executor.run();
        let both = join(poll_fn(|cx| Poll::Ready(*count.ro(cx))), poll_fn(|cx| Poll::Ready(*count.ro(cx) + 1)));
        assert_eq!(executor.block_on(both), (4, 5));
        assert_eq!(*executor.owner().ro(count.as_lcell()), 4);
    });
}

#[test]
fn a_cx_is_two_pointers_and_rw_is_the_cell_itself() {
    assert_eq!(size_of::<Cx<'static, 'static>>(), 2 * size_of::<usize>());
    GhostToken::new(|mut token| {
        let cell = GhostCell::new(3_u64);
        let mut cx = Cx::new(&mut token, Waker::noop());
        let address = cell.rw(&mut cx) as *mut u64;
        assert_eq!(address, cell.as_ptr());
    });
}

#[test]
fn a_task_woken_many_times_between_polls_is_polled_once() {
    GhostToken::new(|token| {
        let polls = Rc::new(GhostCell::new(0));
        let kept: Rc<RefCell<Option<Waker>>> = Rc::default();
        let mut executor = Executor::new(token);
        let (task_polls, slot) = (polls.clone(), kept.clone());
        executor.spawn(poll_fn(move |cx| {
            *task_polls.rw(cx) += 1;
            if *task_polls.ro(cx) == 1 {
                // Woken through the borrowed waker, through a clone, and from
                // another thread, all before the executor looks at its queue.
                for _ in 0..10 {
                    cx.waker().wake_by_ref();
                }
                let clone = cx.waker().clone();
                clone.wake_by_ref();
                thread::spawn(move || clone.wake()).join().unwrap();
                *slot.borrow_mut() = Some(cx.waker().clone());
            }
            Poll::<()>::Pending
        }));
        assert_eq!(executor.run_until_stalled(), 1);
        assert_eq!(*polls.borrow(executor.owner()), 2);
        // Woken many times between two runs: polled once more.
        let waker = kept.borrow_mut().take().unwrap();
        for _ in 0..10 {
            waker.wake_by_ref();
        }
        assert_eq!(executor.run_until_stalled(), 1);
        assert_eq!(*polls.borrow(executor.owner()), 3);
    });
}

#[test]
fn a_stale_waker_does_not_poll_the_task_that_reuses_its_slot() {
    GhostToken::new(|token| {
        let kept: Rc<RefCell<Option<Waker>>> = Rc::default();
        let mut executor = Executor::new(token);
        let slot = kept.clone();
        executor.spawn(poll_fn(move |cx| {
            *slot.borrow_mut() = Some(cx.waker().clone());
            Poll::Ready(())
        }));
        assert_eq!(executor.run_until_stalled(), 0);
        let stale = kept.borrow_mut().take().unwrap();
        // The next task takes the finished task's slot, and waits for a
        // wake that only its own waker may give.
        let polls = Rc::new(Cell::new(0));
        let task_polls = polls.clone();
        executor.spawn(poll_fn(move |_| {
            task_polls.set(task_polls.get() + 1);
            Poll::<()>::Pending
        }));
        assert_eq!(executor.run_until_stalled(), 1);
        assert_eq!(polls.get(), 1);
        stale.wake_by_ref();
        thread::spawn(move || stale.wake()).join().unwrap();
        assert_eq!(executor.run_until_stalled(), 1);
        assert_eq!(polls.get(), 1);
    });
}

/// A task that holds `guard` and waits forever.
fn pending_holding<'id, T>(guard: T) -> impl BrandedFuture<'id, Output = ()> {
    poll_fn(move |_| {
        let _keep = &guard;
        Poll::Pending
    })
}

/// Spawns `child` through `spawner` when dropped, and records whether the
/// spawn was accepted.
struct SpawnOnDrop<'id: 'f, 'f> {
    spawner: Spawner<'id, 'f>,
    child: Option<Box<dyn BrandedFuture<'id, Output = ()> + 'f>>,
    accepted: Rc<Cell<Option<bool>>>,
}

impl<'id: 'f, 'f> Drop for SpawnOnDrop<'id, 'f> {
    fn drop(&mut self) {
        let child = Box::into_pin(self.child.take().unwrap());
        self.accepted.set(Some(self.spawner.spawn(child).is_ok()));
    }
}

#[test]
fn a_child_spawned_during_a_poll_runs_after_that_poll_with_the_same_owner() {
    GhostToken::new(|token| {
        let cell = Rc::new(GhostCell::new(Vec::new()));
        let mut executor = Executor::new(token);
        let spawner = executor.spawner();
        let parent_cell = cell.clone();
        executor.spawn(poll_fn(move |cx| {
            // A cell borrow may stay open across a spawn: the spawn queues
            // the child, it does not poll it.
            let log = parent_cell.rw(cx);
            log.push("parent before");
            let child_cell = parent_cell.clone();
            spawner
                .spawn(poll_fn(move |cx| {
                    child_cell.rw(cx).push("child");
                    Poll::Ready(())
                }))
                .unwrap();
            log.push("parent after");
            Poll::Ready(())
        }));
        assert_eq!(executor.run_until_stalled(), 0);
        assert_eq!(*cell.borrow(executor.owner()), ["parent before", "parent after", "child"]);
    });
}

#[test]
fn children_may_borrow_what_the_executor_outlives() {
    let words = vec!["a", "b", "c"];
    let total = GhostToken::new(|token| {
        let lengths = GhostCell::new(0);
        let mut executor = Executor::new(token);
        let spawner = executor.spawner();
        let (words, lengths_ref) = (&words, &lengths);
        executor.spawn(poll_fn(move |_| {
            for word in words {
                spawner
                    .spawn(poll_fn(move |cx| {
                        *lengths_ref.rw(cx) += word.len();
                        Poll::Ready(())
                    }))
                    .unwrap();
            }
            Poll::Ready(())
        }));
        executor.run();
        *lengths.borrow(executor.owner())
    });
    assert_eq!(total, 3);
}

#[test]
fn len_counts_queued_children_and_spawns_from_outside_run_at_the_next_run() {
    GhostToken::new(|token| {
        let mut executor = Executor::new(token);
        let spawner = executor.spawner();
        for _ in 0..3 {
            spawner.spawn(poll_fn(|_| Poll::Ready(()))).unwrap();
        }
        executor.spawn(poll_fn(|_| Poll::Ready(())));
        assert_eq!(executor.len(), 4);
        assert_eq!(executor.run_until_stalled(), 0);
        assert!(executor.is_empty());
    });
}

#[test]
fn a_spawner_kept_past_the_executor_hands_the_task_back() {
    let drops = Rc::new(Cell::new(0));
    GhostToken::new(|token| {
        let executor = Executor::new(token);
        let spawner = executor.spawner();
        let kept = spawner.clone();
        drop(executor);
        let refused = kept.spawn(pending_holding(DropCounter(drops.clone()))).unwrap_err();
        assert_eq!(drops.get(), 0, "the task comes back in the error, not dropped");
        drop(refused.into_task());
        assert_eq!(drops.get(), 1);
        assert!(spawner.spawn(poll_fn(|_| Poll::Ready(()))).is_err());
    });
}

#[test]
fn children_queued_when_the_executor_is_dropped_are_dropped_once() {
    let drops = Rc::new(Cell::new(0));
    GhostToken::new(|token| {
        let executor = Executor::new(token);
        let spawner = executor.spawner();
        for _ in 0..3 {
            spawner.spawn(pending_holding(DropCounter(drops.clone()))).unwrap();
        }
        let token = executor.into_owner();
        assert_eq!(drops.get(), 3);
        assert!(spawner.spawn(poll_fn(|_| Poll::Ready(()))).is_err());
        let cell = GhostCell::new(5);
        assert_eq!(*cell.borrow(&token), 5);
    });
}

#[test]
fn a_spawn_from_a_drop_while_the_executor_is_dropped_is_refused() {
    let accepted = Rc::new(Cell::new(None));
    let drops = Rc::new(Cell::new(0));
    GhostToken::new(|token| {
        let mut executor = Executor::new(token);
        let guard = SpawnOnDrop {
            spawner: executor.spawner(),
            child: Some(Box::new(pending_holding(DropCounter(drops.clone())))),
            accepted: accepted.clone(),
        };
        executor.spawn(pending_holding(guard));
        assert_eq!(executor.run_until_stalled(), 1);
        drop(executor);
    });
    assert_eq!(accepted.get(), Some(false));
    assert_eq!(drops.get(), 1, "the refused child was dropped, once");
}

#[test]
fn a_spawn_from_a_drop_during_clear_is_refused_and_later_spawns_are_taken() {
    let accepted = Rc::new(Cell::new(None));
    let drops = Rc::new(Cell::new(0));
    GhostToken::new(|token| {
        let mut executor = Executor::new(token);
        let spawner = executor.spawner();
        let guard = SpawnOnDrop {
            spawner: spawner.clone(),
            child: Some(Box::new(pending_holding(DropCounter(drops.clone())))),
            accepted: accepted.clone(),
        };
        executor.spawn(pending_holding(guard));
        spawner.spawn(pending_holding(DropCounter(drops.clone()))).unwrap();
        assert_eq!(executor.run_until_stalled(), 2);
        executor.clear();
        assert_eq!(accepted.get(), Some(false));
        assert_eq!(drops.get(), 2);
        assert!(executor.is_empty());
        // `clear` refuses spawns only while it drops.
        spawner.spawn(poll_fn(|_| Poll::Ready(()))).unwrap();
        assert_eq!(executor.run_until_stalled(), 0);
    });
}

#[test]
fn a_spawn_from_the_drop_of_a_finished_task_is_taken_and_run() {
    GhostToken::new(|token| {
        let accepted = Rc::new(Cell::new(None));
        let ran = Rc::new(Cell::new(false));
        let mut executor = Executor::new(token);
        let child_ran = ran.clone();
        let guard = SpawnOnDrop {
            spawner: executor.spawner(),
            child: Some(Box::new(poll_fn(move |_| {
                child_ran.set(true);
                Poll::Ready(())
            }))),
            accepted: accepted.clone(),
        };
        executor.spawn(poll_fn(move |_| {
            let _guard = &guard;
            Poll::Ready(())
        }));
        executor.run();
        assert_eq!(accepted.get(), Some(true));
        assert!(ran.get());
    });
}

#[test]
fn a_task_that_spawns_itself_is_a_loop_not_a_recursion() {
    /// A task that spawns its successor, `left` more times.
    fn generation<'id, 'f>(spawner: Spawner<'id, 'f>, count: Rc<GhostCell<'id, u32>>, left: u32) -> impl BrandedFuture<'id, Output = ()> + 'f
    where
        'id: 'f,
    {
        poll_fn(move |cx| {
            *count.rw(cx) += 1;
            if left > 0 {
                let next = generation(spawner.clone(), count.clone(), left - 1);
                spawner.spawn(next).unwrap();
            }
            Poll::Ready(())
        })
    }
    // Deep enough to overflow a test thread's stack many times over if each
    // generation were polled from inside its parent's poll.
    const GENERATIONS: u32 = if cfg!(miri) { 1_000 } else { 1_000_000 };
    GhostToken::new(|token| {
        let count = Rc::new(GhostCell::new(0));
        let mut executor = Executor::new(token);
        executor.spawn(generation(executor.spawner(), count.clone(), GENERATIONS - 1));
        assert_eq!(executor.run_until_stalled(), 0);
        assert_eq!(*count.borrow(executor.owner()), GENERATIONS);
    });
}

#[test]
fn a_child_spawned_before_its_parent_panics_still_runs() {
    GhostToken::new(|token| {
        let ran = Rc::new(Cell::new(false));
        let mut executor = Executor::new(token);
        let (spawner, child_ran) = (executor.spawner(), ran.clone());
        executor.spawn(poll_fn(move |_| {
            let child_ran = child_ran.clone();
            spawner
                .spawn(poll_fn(move |_| {
                    child_ran.set(true);
                    Poll::Ready(())
                }))
                .unwrap();
            panic!("the parent fails after spawning");
        }));
        assert!(catch_unwind(AssertUnwindSafe(|| executor.run_until_stalled())).is_err());
        assert_eq!(executor.len(), 2);
        executor.clear();
        assert!(!ran.get(), "cleared with the parent");
        assert!(executor.is_empty());
    });
}

#[test]
fn a_wake_after_run_until_stalled_unparks_the_callers_thread() {
    GhostToken::new(|token| {
        let kept: Rc<RefCell<Option<Waker>>> = Rc::default();
        let mut executor = Executor::new(token);
        let slot = kept.clone();
        let mut first = true;
        executor.spawn(poll_fn(move |cx| {
            if !std::mem::take(&mut first) {
                return Poll::Ready(());
            }
            *slot.borrow_mut() = Some(cx.waker().clone());
            Poll::Pending
        }));
        assert_eq!(executor.run_until_stalled(), 1);
        let waker = kept.borrow_mut().take().unwrap();
        let waker_thread = thread::spawn(move || {
            thread::sleep(std::time::Duration::from_millis(10));
            waker.wake();
        });
        // The caller's own wait: only the wake can end it early.
        let patience = std::time::Duration::from_secs(10);
        let start = std::time::Instant::now();
        while executor.run_until_stalled() > 0 && start.elapsed() < patience {
            thread::park_timeout(patience);
        }
        assert!(start.elapsed() < patience, "the wake did not unpark the thread");
        assert!(executor.is_empty());
        waker_thread.join().unwrap();
    });
}
