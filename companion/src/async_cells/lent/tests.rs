//! Run-time adversarial tests of the lent owner: the executors it must run
//! on, combinators that make their own `Context`, hand-made `Context`s,
//! nested and re-entrant polls, panics, other threads, leaks, drops and
//! thread-local destructors.

#![forbid(unsafe_code)]

use super::{AsyncMarker, LentOwner, NotLent, try_with_owner, with_context_owner, with_owner};
use crate::testing::DropCounter;
use futures::{FutureExt, StreamExt};
use futures::executor::{LocalPool, block_on};
use futures::stream::FuturesUnordered;
use futures::task::LocalSpawnExt;
use qcell::TLCell;
use std::cell::Cell;
use std::future::{Future, poll_fn};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::{Pin, pin};
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::thread;

/// Each test runs on its own test thread, and each thread may have one owner
/// per marker, so tests may share markers; a test that needs two owners on
/// one thread uses a second marker.
struct Other;

/// Yields once: pending the first time, waking itself through the `Context`.
fn yield_now() -> impl Future<Output = ()> {
    let mut yielded = false;
    poll_fn(move |cx| {
        if std::mem::replace(&mut yielded, true) {
            Poll::Ready(())
        } else {
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    })
}

#[test]
fn runs_on_local_pool_with_many_tasks_and_awaits_between_borrows() {
    let owner = LentOwner::<AsyncMarker>::new();
    let tally = Rc::new(TLCell::new(0));
    let mut pool = LocalPool::new();
    for _ in 0..50 {
        let tally = tally.clone();
        pool.spawner()
            .spawn_local(owner.lend(async move {
                with_owner(|o| *tally.rw(o) += 1).await;
                yield_now().await;
                with_owner(|o| *tally.rw(o) += 1).await;
            }))
            .unwrap();
    }
    pool.run();
    assert_eq!(owner.with(|o| *tally.ro(o)), 100);
}

#[test]
fn runs_on_tokio_local_set_on_a_current_thread_runtime() {
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let local = tokio::task::LocalSet::new();
    let owner = LentOwner::<AsyncMarker>::new();
    let tally = Rc::new(TLCell::new(0));
    for _ in 0..50 {
        let tally = tally.clone();
        local.spawn_local(owner.lend(async move {
            with_owner(|o| *tally.rw(o) += 1).await;
            tokio::task::yield_now().await;
            with_owner(|o| *tally.rw(o) += 1).await;
        }));
    }
    local.block_on(&runtime, async {
        // The tasks run while this future waits; then it reads the tally in a
        // poll of its own `Lend`.
        while owner.lend(async { with_owner(|o| *tally.ro(o)).await }).await < 100 {
            tokio::task::yield_now().await;
        }
    });
    assert_eq!(owner.with(|o| *tally.ro(o)), 100);
}

#[test]
fn futures_unordered_children_get_nothing() {
    let owner = LentOwner::<AsyncMarker>::new();
    let cell = TLCell::new(0);
    let results: Vec<_> = block_on(owner.lend(async {
        let children: FuturesUnordered<_> = (0..3).map(|_| try_with_owner(|o| *cell.rw(o) += 1)).collect();
        children.collect().await
    }));
    assert_eq!(results, [Err(NotLent::NotInContext); 3]);
    assert_eq!(owner.with(|o| *cell.ro(o)), 0);
}

#[test]
fn a_lend_inside_futures_unordered_lends_to_its_own_child() {
    let owner = LentOwner::<AsyncMarker>::new();
    let cell = TLCell::new(0);
    block_on(async {
        let children: FuturesUnordered<_> =
            (0..3).map(|_| owner.lend(async { with_owner(|o| *cell.rw(o) += 1).await })).collect();
        children.collect::<Vec<()>>().await
    });
    assert_eq!(owner.with(|o| *cell.ro(o)), 3);
}

#[test]
fn lends_under_a_combinator_inside_a_lend_of_the_same_owner_lend_nothing() {
    let owner = LentOwner::<AsyncMarker>::new();
    let cell = TLCell::<AsyncMarker, _>::new(0);
    let results: Vec<_> = block_on(owner.lend(async {
        let children: FuturesUnordered<_> =
            (0..2).map(|_| owner.lend(try_with_owner(|o| *cell.rw(o) += 1))).collect();
        children.collect().await
    }));
    // The outer Lend holds the owner busy; the inner ones pass their polls
    // through, with FuturesUnordered's Context, which has no frame.
    assert_eq!(results, [Err(NotLent::NotInContext); 2]);
}

#[test]
fn join_and_select_pass_the_same_context_so_children_find_the_owner() {
    let owner = LentOwner::<AsyncMarker>::new();
    let cell = TLCell::new(Vec::new());
    block_on(owner.lend(async {
        futures::join!(
            async { with_owner(|o| cell.rw(o).push("a")).await },
            async {
                yield_now().await;
                with_owner(|o| cell.rw(o).push("b")).await
            },
        );
        let mut first = pin!(async { with_owner(|o| cell.rw(o).push("c")).await }.fuse());
        let mut never = pin!(std::future::pending::<()>().fuse());
        futures::select_biased! {
            () = first => {},
            () = never => {},
        }
    }));
    assert_eq!(owner.with(|o| cell.ro(o).clone()), ["a", "b", "c"]);
}

#[test]
fn a_context_made_by_hand_gets_nothing() {
    let owner = LentOwner::<AsyncMarker>::new();
    let cell = TLCell::<AsyncMarker, _>::new(0);
    let got = block_on(owner.lend(poll_fn(|_lent| {
        // A fresh Context, on a waker that is not the lending one.
        let mut fake = Context::from_waker(Waker::noop());
        Poll::Ready(with_context_owner(&mut fake, |o| *cell.rw(o) += 1))
    })));
    assert_eq!(got, Err(NotLent::NotInContext));
}

#[test]
fn a_cloned_lending_waker_carries_no_owner() {
    let owner = LentOwner::<AsyncMarker>::new();
    let cell = TLCell::<AsyncMarker, _>::new(0);
    let got = block_on(owner.lend(poll_fn(|cx| {
        let clone = cx.waker().clone();
        assert!(!clone.will_wake(cx.waker()), "a clone is the executor's waker, not the lending one");
        let mut from_clone = Context::from_waker(&clone);
        Poll::Ready(with_context_owner(&mut from_clone, |o| *cell.rw(o) += 1))
    })));
    assert_eq!(got, Err(NotLent::NotInContext));
}

#[test]
fn two_contexts_on_the_same_lending_waker_cannot_both_hold_the_owner() {
    let owner = LentOwner::<AsyncMarker>::new();
    let cell = TLCell::new(0);
    let (outer, inner) = block_on(owner.lend(poll_fn(|cx| {
        let lending: &Waker = cx.waker();
        let mut first = Context::from_waker(lending);
        let mut inner = None;
        let outer = with_context_owner(&mut first, |o| {
            *cell.rw(o) += 1;
            let mut second = Context::from_waker(lending);
            inner = Some(with_context_owner(&mut second, |o2: &mut qcell::TLCellOwner<AsyncMarker>| {
                *cell.rw(o2) += 100
            }));
        });
        Poll::Ready((outer, inner.unwrap()))
    })));
    assert_eq!((outer, inner), (Ok(()), Err(NotLent::InUse)));
    // After the outer closure, the owner is free again.
    assert_eq!(owner.with(|o| *cell.ro(o)), 1);
}

#[test]
fn nested_lends_of_one_owner_pass_through_and_the_outer_frame_lends() {
    let owner = LentOwner::<AsyncMarker>::new();
    let cell = TLCell::new(0);
    block_on(owner.lend(async {
        owner.lend(async { with_owner(|o| *cell.rw(o) += 1).await }).await;
        with_owner(|o| *cell.rw(o) += 1).await;
    }));
    assert_eq!(owner.with(|o| *cell.ro(o)), 2);
}

#[test]
fn nested_lends_of_two_markers_each_find_their_owner() {
    let first = LentOwner::<AsyncMarker>::new();
    let second = LentOwner::<Other>::new();
    let (a, b) = (TLCell::<AsyncMarker, _>::new(0), TLCell::<Other, _>::new(0));
    block_on(first.lend(second.lend(async {
        with_owner(|o| *a.rw(o) += 1).await;
        with_owner(|o| *b.rw(o) += 2).await;
        // Both at once: an accessor of one marker inside the other's closure
        // is reachable only through a hand-made Context, and finds the frame.
        poll_fn(|cx| {
            let lending = cx.waker();
            let done = with_context_owner(&mut Context::from_waker(lending), |oa| {
                with_context_owner(&mut Context::from_waker(lending), |ob| *a.rw(oa) += *b.ro(ob))
            });
            Poll::Ready(done)
        })
        .await
        .unwrap()
        .unwrap();
    })));
    assert_eq!(first.with(|o| *a.ro(o)), 3);
}

#[test]
fn with_inside_a_poll_is_refused() {
    let owner = LentOwner::<AsyncMarker>::new();
    let refused = block_on(owner.lend(async { owner.try_with(|_| ()) }));
    assert_eq!(refused, Err(NotLent::InUse));
    assert!(owner.try_with(|_| ()).is_ok());
}

#[test]
fn a_reentrant_poll_from_inside_an_accessor_lends_nothing() {
    let owner = LentOwner::<AsyncMarker>::new();
    let cell = TLCell::new(0);
    let inner = block_on(owner.lend(async {
        with_owner(|o| {
            *cell.rw(o) += 1;
            // A nested executor polls a Lend of the same owner while this
            // closure holds it: the owner is busy, the Lend passes through,
            // and the nested executor's Context has no frame.
            // (futures' `block_on` refuses to nest, so poll by hand.)
            let nested = pin!(owner.lend(async {
                try_with_owner(|o: &mut qcell::TLCellOwner<AsyncMarker>| *o.rw(&cell) += 1).await
            }));
            match nested.poll(&mut Context::from_waker(Waker::noop())) {
                Poll::Ready(got) => got,
                Poll::Pending => unreachable!("the accessor finishes in one poll"),
            }
        })
        .await
    }));
    assert_eq!(inner, Err(NotLent::NotInContext));
    assert_eq!(owner.with(|o| *cell.ro(o)), 1);
}

#[test]
fn with_outside_async_nests_and_is_refused() {
    let owner = LentOwner::<AsyncMarker>::new();
    let result = catch_unwind(AssertUnwindSafe(|| owner.with(|_| owner.with(|_| ()))));
    assert!(result.is_err());
    assert!(owner.try_with(|_| ()).is_ok());
}

#[test]
fn a_panic_inside_the_accessor_leaves_the_owner_lendable() {
    let owner = LentOwner::<AsyncMarker>::new();
    let cell = TLCell::new(0);
    let lend = owner.lend(async {
        with_owner(|o| {
            *cell.rw(o) += 1;
            panic!("inside the closure, holding the owner");
        })
        .await
    });
    let mut lend = Box::pin(lend);
    let failed = catch_unwind(AssertUnwindSafe(|| lend.as_mut().poll(&mut Context::from_waker(Waker::noop()))));
    assert!(failed.is_err());
    drop(lend);
    // Nothing published, nothing lost.
    assert_eq!(owner.with(|o| *cell.ro(o)), 1);
    block_on(owner.lend(async { with_owner(|o| *cell.rw(o) += 1).await }));
    assert_eq!(owner.with(|o| *cell.ro(o)), 2);
}

#[test]
fn a_panic_caught_inside_the_poll_lets_the_same_poll_lend_again() {
    let owner = LentOwner::<AsyncMarker>::new();
    let cell = TLCell::new(0);
    let after = block_on(owner.lend(poll_fn(|cx| {
        let caught = catch_unwind(AssertUnwindSafe(|| {
            with_context_owner(cx, |o: &mut qcell::TLCellOwner<AsyncMarker>| {
                *o.rw(&cell) += 1;
                panic!("caught by the same poll");
            })
        }));
        assert!(caught.is_err());
        Poll::Ready(with_context_owner(cx, |o| *cell.rw(o) += 1))
    })));
    assert_eq!(after, Ok(()));
    assert_eq!(owner.with(|o| *cell.ro(o)), 2);
}

#[test]
fn another_thread_with_the_lending_waker_gets_nothing_and_can_wake() {
    let owner = LentOwner::<AsyncMarker>::new();
    let polls = Cell::new(0);
    block_on(owner.lend(poll_fn(|cx| {
        polls.set(polls.get() + 1);
        if polls.get() == 2 {
            return Poll::Ready(());
        }
        let lending: &Waker = cx.waker();
        let found = thread::scope(|s| {
            s.spawn(|| {
                // That thread may have an owner of the same marker: refused
                // anyway, the frame belongs to another thread.
                let _its_own = LentOwner::<AsyncMarker>::new();
                let got = with_context_owner::<AsyncMarker, _>(&mut Context::from_waker(lending), |_| ());
                lending.wake_by_ref();
                got
            })
            .join()
            .unwrap()
        });
        assert_eq!(found, Err(NotLent::NotInContext));
        Poll::Pending
    })));
    assert_eq!(polls.get(), 2);
}

#[test]
fn tasks_dropped_while_pending_drop_their_futures_and_keep_the_owner() {
    let owner = LentOwner::<AsyncMarker>::new();
    let drops = Rc::new(Cell::new(0));
    let mut pool = LocalPool::new();
    for _ in 0..3 {
        let guard = DropCounter(drops.clone());
        pool.spawner()
            .spawn_local(owner.lend(async move {
                let _guard = guard;
                std::future::pending::<()>().await;
            }))
            .unwrap();
    }
    pool.run_until_stalled();
    drop(pool);
    assert_eq!(drops.get(), 3);
    assert!(owner.try_with(|_| ()).is_ok());
}

#[test]
#[cfg_attr(miri, ignore = "leaks on purpose, and Miri reports every leak as an error")]
fn a_leaked_lend_still_lends_only_during_its_polls() {
    struct Leaked;
    let owner = LentOwner::<Leaked>::new();
    let cell = Rc::new(TLCell::<Leaked, _>::new(0));
    let task_cell = cell.clone();
    let lend = owner.lend(async move {
        loop {
            with_owner(|o| *task_cell.rw(o) += 1).await;
            yield_now().await;
        }
    });
    let mut lend: Pin<&'static mut _> = Pin::static_mut(Box::leak(Box::new(lend)));
    let mut cx = Context::from_waker(Waker::noop());
    assert!(lend.as_mut().poll(&mut cx).is_pending());
    owner.with(|o| *cell.rw(o) += 10);
    assert!(lend.as_mut().poll(&mut cx).is_pending());
    assert_eq!(owner.with(|o| *cell.ro(o)), 12);
    // The leaked Lend keeps the owner's slot alive: this thread can make no
    // second `LentOwner<Leaked>`, even after dropping the handle.
    drop(owner);
    assert!(LentOwner::<Leaked>::try_new().is_none());
}

#[test]
fn a_lend_polled_from_a_thread_local_destructor() {
    type Report = std::sync::mpsc::Sender<Result<i32, NotLent>>;
    struct PollOnDrop(Option<(LentOwner<AsyncMarker>, Report)>);
    impl Drop for PollOnDrop {
        fn drop(&mut self) {
            let (owner, report) = self.0.take().unwrap();
            let cell = TLCell::<AsyncMarker, _>::new(41);
            let mut lend = pin!(owner.lend(async { try_with_owner(|o| { *cell.rw(o) += 1; *cell.ro(o) }).await }));
            let got = match lend.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
                Poll::Ready(got) => got,
                Poll::Pending => unreachable!("the accessor finishes in one poll"),
            };
            report.send(got).unwrap();
        }
    }
    thread_local!(static LATE: std::cell::RefCell<PollOnDrop> = const { std::cell::RefCell::new(PollOnDrop(None)) });
    let (report, result) = std::sync::mpsc::channel();
    thread::spawn(move || {
        let owner = LentOwner::<AsyncMarker>::new();
        LATE.with(|late| late.borrow_mut().0 = Some((owner, report)));
    })
    .join()
    .unwrap();
    assert_eq!(result.recv().unwrap(), Ok(42));
}

#[test]
fn owners_on_two_threads_are_independent() {
    let here = LentOwner::<AsyncMarker>::new();
    let cell = TLCell::new(1);
    let there = thread::spawn(|| {
        let owner = LentOwner::<AsyncMarker>::new();
        let cell = TLCell::new(10);
        block_on(owner.lend(async { with_owner(|o| *cell.rw(o) += 1).await }));
        owner.with(|o| *cell.ro(o))
    });
    block_on(here.lend(async { with_owner(|o| *cell.rw(o) += 1).await }));
    assert_eq!((here.with(|o| *cell.ro(o)), there.join().unwrap()), (2, 11));
}

#[test]
#[should_panic(expected = "no cell owner is lent to this poll's Context")]
fn with_owner_outside_a_lend_panics() {
    let cell = TLCell::<AsyncMarker, _>::new(0);
    block_on(with_owner(|o| *cell.rw(o) += 1));
}

/// Moving the owner out by value does not compile (`lent_owner_moved_out_of_closure`),
/// but `TLCellOwner` is `Default`, so `mem::take` on the lent `&mut` compiles:
/// it makes a second owner of the marker on this thread, which qcell refuses
/// at run time with a panic. The lent owner is untouched and lends again.
#[test]
fn taking_the_owner_out_of_the_accessor_is_refused_by_qcell() {
    let owner = LentOwner::<AsyncMarker>::new();
    let cell = TLCell::<AsyncMarker, u32>::new(1);
    let taken = catch_unwind(AssertUnwindSafe(|| {
        block_on(owner.lend(with_owner::<AsyncMarker, _, _>(|lent| drop(std::mem::take(lent)))))
    }));
    let message = taken.unwrap_err();
    let message = message.downcast_ref::<&str>().copied().unwrap_or_default();
    assert!(message.contains("Illegal to create two TLCellOwner"), "{message}");
    let read = block_on(owner.lend(with_owner::<AsyncMarker, _, _>(|lent| *cell.ro(lent))));
    assert_eq!(read, 1);
}
