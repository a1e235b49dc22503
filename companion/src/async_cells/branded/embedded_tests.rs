//! Run-time tests of the executor driven as a future inside another runtime:
//! tokio's current-thread runtime and `LocalSet`, `futures`' `LocalPool`,
//! with tokio's timers and loopback sockets awaited through `from_std`, and
//! wakes from other threads.

#![forbid(unsafe_code)]

use super::{BrandedFuture, CellExt, Executor, from_std, poll_fn};
use crate::ghost::{GhostCell, GhostToken};
use futures::StreamExt;
use futures::channel::oneshot;
use futures::stream::FuturesUnordered;
use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::Poll;
use std::thread;
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::runtime::{Builder, Runtime};
use tokio::task::LocalSet;

/// A test that hangs fails after this long instead.
const PATIENCE: Duration = Duration::from_secs(10);

/// Awaits `future`; fails if it has not finished within [`PATIENCE`], or if
/// it finished only then: a timeout polls its future when the time is up, so
/// a lost wake shows as a finish at the limit.
async fn in_time<T>(future: impl Future<Output = T>) -> T {
    let start = Instant::now();
    let output = tokio::time::timeout(PATIENCE, future).await.expect("the executor hung");
    assert!(start.elapsed() < PATIENCE, "it finished only when the time limit polled it: a wake was lost");
    output
}

fn current_thread() -> Runtime {
    Builder::new_current_thread().enable_all().build().unwrap()
}

/// A branded task that awaits the std future `future` and stores its output
/// in `into`, through the owner.
fn store<'id, T: 'static>(
    into: Rc<GhostCell<'id, Option<T>>>,
    future: impl Future<Output = T> + 'static,
) -> impl BrandedFuture<'id, Output = ()> {
    let mut future = Box::pin(from_std(future));
    poll_fn(move |cx| {
        let Poll::Ready(output) = future.as_mut().poll(cx) else { return Poll::Pending };
        *into.rw(cx) = Some(output);
        Poll::Ready(())
    })
}

/// Runs `executor` to the end inside `runtime`, failing after [`PATIENCE`].
fn run_in<'id>(runtime: &Runtime, executor: &mut Executor<'id, '_>) {
    runtime.block_on(in_time(executor.run_async()));
}

#[test]
fn tokio_sleep_completes_with_the_executor_inside_a_current_thread_runtime() {
    let runtime = current_thread();
    let _in_runtime = runtime.enter();
    GhostToken::new(|token| {
        let slept = Rc::new(GhostCell::new(None));
        let mut executor = Executor::new(token);
        executor.spawn(store(slept.clone(), tokio::time::sleep(Duration::from_millis(20))));
        run_in(&runtime, &mut executor);
        assert_eq!(*slept.borrow(executor.owner()), Some(()));
    });
}

#[test]
fn the_executors_own_loop_never_drives_tokios_timers() {
    // What `run` or `block_on` would park on forever: the timer is tokio's,
    // and nothing drives tokio while the executor's thread waits in its own
    // loop. Shown without hanging: the task stays pending however long the
    // thread waits, until the executor is run inside the runtime.
    let runtime = current_thread();
    let _in_runtime = runtime.enter();
    GhostToken::new(|token| {
        let slept = Rc::new(GhostCell::new(None));
        let mut executor = Executor::new(token);
        executor.spawn(store(slept.clone(), tokio::time::sleep(Duration::from_millis(1))));
        assert_eq!(executor.run_until_stalled(), 1);
        thread::sleep(Duration::from_millis(20));
        assert_eq!(executor.run_until_stalled(), 1, "no wake came: tokio's driver did not run");
        run_in(&runtime, &mut executor);
        assert_eq!(*slept.borrow(executor.owner()), Some(()));
    });
}

#[test]
fn branded_tasks_talk_over_a_loopback_tcp_socket_inside_tokio() {
    let runtime = current_thread();
    let _in_runtime = runtime.enter();
    let listener = runtime.block_on(TcpListener::bind("127.0.0.1:0")).unwrap();
    let address = listener.local_addr().unwrap();
    GhostToken::new(|token| {
        let served = Rc::new(GhostCell::new(None));
        let answer = Rc::new(GhostCell::new(None));
        let mut executor = Executor::new(token);
        executor.spawn(store(served.clone(), async move {
            let (stream, _) = listener.accept().await.unwrap();
            let (read, mut write) = stream.into_split();
            let mut lines = BufReader::new(read).lines();
            let mut count = 0;
            while let Some(line) = lines.next_line().await.unwrap() {
                write.write_all(format!("{line}!\n").as_bytes()).await.unwrap();
                count += 1;
            }
            count
        }));
        executor.spawn(store(answer.clone(), async move {
            let stream = TcpStream::connect(address).await.unwrap();
            let (read, mut write) = stream.into_split();
            let mut lines = BufReader::new(read).lines();
            let mut echoed = Vec::new();
            for word in ["ghost", "cell"] {
                write.write_all(format!("{word}\n").as_bytes()).await.unwrap();
                echoed.push(lines.next_line().await.unwrap().unwrap());
            }
            echoed
        }));
        run_in(&runtime, &mut executor);
        assert_eq!(*served.borrow(executor.owner()), Some(2));
        assert_eq!(*answer.borrow(executor.owner()), Some(vec!["ghost!".to_string(), "cell!".to_string()]));
    });
}

#[test]
fn the_executor_runs_beside_tokio_tasks_on_a_local_set() {
    let runtime = current_thread();
    let local = LocalSet::new();
    GhostToken::new(|token| {
        let received = Rc::new(GhostCell::new(None));
        let (send, receive) = oneshot::channel();
        let mut executor = Executor::new(token);
        executor.spawn(store(received.clone(), receive));
        // A `!Send` tokio task on the same thread feeds the branded one.
        let message = Rc::new("from spawn_local");
        local.spawn_local(async move {
            tokio::time::sleep(Duration::from_millis(5)).await;
            send.send(*message).unwrap();
        });
        local.block_on(&runtime, in_time(executor.run_async()));
        assert_eq!(*received.borrow(executor.owner()), Some(Ok("from spawn_local")));
    });
}

#[test]
fn a_spawn_from_beside_the_executors_future_wakes_it() {
    // The executor waits on one task; the child that releases it is spawned
    // by another future of the same tokio task while the executor's future is
    // pending. A spawner, like the brand, is not `'static`, so that is where
    // it can be: `spawn_local` would not take it. The two futures are
    // children of a `FuturesUnordered`, which polls only the child that was
    // woken: had the spawn not woken the executor's future, it would wait.
    let runtime = current_thread();
    let local = LocalSet::new();
    GhostToken::new(|token| {
        let released = Rc::new(GhostCell::new(None));
        let (send, receive) = oneshot::channel::<u8>();
        let mut executor = Executor::new(token);
        executor.spawn(store(released.clone(), receive));
        let spawner = executor.spawner();
        let release = async move {
            tokio::time::sleep(Duration::from_millis(5)).await;
            let mut send = Some(send);
            spawner
                .spawn(poll_fn(move |_| {
                    send.take().unwrap().send(7).unwrap();
                    Poll::Ready(())
                }))
                .unwrap();
        };
        let side_by_side: FuturesUnordered<Pin<Box<dyn Future<Output = ()> + '_>>> =
            [Box::pin(executor.run_async()) as Pin<Box<dyn Future<Output = ()>>>, Box::pin(release)].into_iter().collect();
        local.block_on(&runtime, in_time(side_by_side.collect::<Vec<()>>()));
        assert_eq!(*released.borrow(executor.owner()), Some(Ok(7)));
    });
}

#[test]
fn a_busy_task_does_not_starve_the_runtime_around_the_executor() {
    // A branded task that wakes itself on every poll until a tokio timer has
    // fired. Without the executor yielding to tokio now and then, tokio's
    // driver would never run and the task would spin forever.
    let runtime = current_thread();
    let local = LocalSet::new();
    GhostToken::new(|token| {
        let fired = Rc::new(Cell::new(false));
        let spins = Rc::new(GhostCell::new(0_u64));
        let mut executor = Executor::new(token);
        let (task_fired, task_spins) = (fired.clone(), spins.clone());
        executor.spawn(poll_fn(move |cx| {
            if task_fired.get() {
                return Poll::Ready(());
            }
            *task_spins.rw(cx) += 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }));
        local.spawn_local(async move {
            tokio::time::sleep(Duration::from_millis(5)).await;
            fired.set(true);
        });
        local.block_on(&runtime, in_time(executor.run_async()));
        assert!(*spins.borrow(executor.owner()) > 0);
    });
}

#[test]
fn a_wake_from_a_std_thread_reaches_the_embedded_executor() {
    let runtime = current_thread();
    GhostToken::new(|token| {
        let polls = Rc::new(GhostCell::new(0));
        let mut executor = Executor::new(token);
        let (task_polls, waker_thread) = (polls.clone(), Rc::new(Cell::new(None)));
        let task_waker_thread = waker_thread.clone();
        executor.spawn(poll_fn(move |cx| {
            *task_polls.rw(cx) += 1;
            if *task_polls.ro(cx) == 2 {
                return Poll::Ready(());
            }
            let waker = cx.waker().clone();
            task_waker_thread.set(Some(thread::spawn(move || {
                thread::sleep(Duration::from_millis(10));
                waker.wake();
            })));
            Poll::Pending
        }));
        run_in(&runtime, &mut executor);
        waker_thread.take().unwrap().join().unwrap();
        assert_eq!(*polls.borrow(executor.owner()), 2);
    });
}

#[test]
fn block_on_async_inside_tokio_and_run_async_inside_a_local_pool() {
    let runtime = current_thread();
    let _in_runtime = runtime.enter();
    GhostToken::new(|token| {
        let tally = Rc::new(GhostCell::new(0));
        let mut executor = Executor::new(token);
        let task_tally = tally.clone();
        executor.spawn(poll_fn(move |cx| {
            *task_tally.rw(cx) += 1;
            Poll::Ready(())
        }));
        let mut nap = Box::pin(from_std(tokio::time::sleep(Duration::from_millis(5))));
        let main_tally = tally.clone();
        let out = runtime.block_on(executor.block_on_async(poll_fn(move |cx| {
            if nap.as_mut().poll(cx).is_pending() {
                return Poll::Pending;
            }
            Poll::Ready(*main_tally.ro(cx) * 10)
        })));
        assert_eq!(out, 10);

        let received = Rc::new(GhostCell::new(None));
        let (send, receive) = oneshot::channel();
        executor.spawn(store(received.clone(), receive));
        let sender = thread::spawn(move || send.send(3).unwrap());
        futures::executor::LocalPool::new().run_until(executor.run_async());
        sender.join().unwrap();
        assert_eq!(*received.borrow(executor.owner()), Some(Ok(3)));
    });
}
