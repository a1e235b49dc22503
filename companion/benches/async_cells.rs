//! Part V, measured: executors for branded and lent-owner futures, and one
//! cell access inside a poll.
//!
//! The "Measured" page of the async part is generated from this benchmark by
//! `ci/bench async_cells`.
//!
//! Group `async_cells/spawn_run`: one iteration spawns `TASKS` trivial tasks
//! on a fresh executor and runs it until all of them have finished.
//!
//! | id | executor and task |
//! |---|---|
//! | `branded` | `companion::async_cells::branded::Executor`, tasks `poll_fn` closures with one byte of state, as `async {}` has |
//! | `local_pool` | `futures::executor::LocalPool`, tasks `async {}` |
//! | `local_set` | tokio's `LocalSet` on a current-thread runtime, tasks `async {}` |
//! | `local_pool_lend` | `LocalPool`, tasks `owner.lend(async {})`: the lending adapter on every poll |
//!
//! Group `async_cells/wake_many`: one iteration spawns `WAKE_TASKS` tasks on
//! a fresh executor and runs them; each task is polled `POLLS` times and,
//! before each `Pending`, wakes itself `WAKES_PER_POLL` times through
//! `cx.waker().wake_by_ref()`, as a task woken by several sources between two
//! polls is. An executor that queues a task once per wake polls it once per
//! wake; one that queues it only if it is not queued already polls it once.
//!
//! | id | executor and task |
//! |---|---|
//! | `branded` | `companion::async_cells::branded::Executor`, a `poll_fn` closure |
//! | `local_pool` | `futures::executor::LocalPool`, the same closure as a `std::future::poll_fn` |
//!
//! Group `async_cells/spawn_child`: one iteration runs a fresh executor with
//! one parent task, which spawns `TASKS` trivial children from inside its
//! poll (one byte of state each); the children run after it.
//!
//! | id | executor and spawn |
//! |---|---|
//! | `branded` | `companion::async_cells::branded::Executor`, the parent spawns through a `Spawner` |
//! | `local_pool` | `futures::executor::LocalPool`, the parent spawns through a `LocalSpawner` |
//!
//! Group `async_cells/spawn_child_in_tokio`: the same, inside a tokio
//! current-thread runtime made once.
//!
//! | id | executor and spawn |
//! |---|---|
//! | `branded_in_tokio` | the branded executor as one future of the runtime (`block_on(executor.run_async())`), spawning through a `Spawner` |
//! | `local_set` | tokio's `LocalSet`, the parent spawns with `tokio::task::spawn_local` |
//!
//! Group `async_cells/reactor`: one iteration makes a loopback TCP listener,
//! a branded server task that echoes lines and a branded client task that
//! sends `ROUND_TRIPS` short lines, each after the answer to the one before;
//! both await tokio's sockets through `from_std`. The two rows differ only
//! in who drives tokio's reactor.
//!
//! | id | where the reactor runs |
//! |---|---|
//! | `embedded` | on the executor's thread: the executor is one future of a current-thread runtime (`block_on(executor.run_async())`) |
//! | `background` | on the worker of a multi-thread runtime with one worker; the executor runs with its own `block_on` on the bench thread, parks, and is woken from the worker |
//!
//! Group `async_cells/access`: one iteration is one poll of a future that
//! adds one to a counter in a cell and returns `Pending`; the future is
//! pinned and its context built once, before measuring.
//!
//! | id | the access |
//! |---|---|
//! | `rw_cx` | `*cell.rw(cx) += 1` on a `GhostCell`, in a branded future's poll |
//! | `refcell` | `*cell.borrow_mut() += 1` on a `RefCell`, in a std future's poll |
//! | `lent_access` | `with_context_owner(cx, \|o\| *cell.rw(o) += 1)` on a `TLCell`, in a poll under `Lend` (the lookup of the lent owner included), the access compiled into the `Lend`'s poll |
//! | `lent_access_dyn` | the same access in a future behind `Pin<&mut dyn Future>`, so its poll is a function of its own that the `Lend` calls through a vtable |
//!
//! Group `async_cells/server`: one iteration opens `CLIENTS` connections at
//! once to a key-value server on loopback and sends `CLIENT_LINES` lines on
//! each (`companion::async_cells::server::client::drive`), checking every
//! reply; the figure is per request. The servers and the clients run on one
//! tokio current-thread runtime, in one `LocalSet`, made once; the clients
//! are one task of the `LocalSet` (`spawn_local`) in every row, so a wake of
//! a server's task never polls the clients.
//!
//! | id | the server |
//! |---|---|
//! | `refcell_server` | `companion::async_cells::server::refcell`: its store in `Rc<RefCell<_>>`, its accept loop and connections tasks of the `LocalSet` |
//! | `branded_server` | `companion::async_cells::server::branded`: its store in a `GhostCell`, its accept loop and connections tasks of a branded executor, which runs as the future of the `LocalSet`'s `block_on` (`run_async`) until the clients' task is done |
//!
//! # What is and is not measured
//!
//! - Creating a tokio runtime is outside the measurement (each is made once);
//!   creating the `LocalSet`, the `LocalPool` and the branded executor is
//!   inside, once per 10^5 tasks.
//! - A task's allocation, its first poll, its completion and its release
//!   are all inside.
//! - Every task has one byte of state, so every row allocates every task: a
//!   zero-sized branded task would be boxed without an allocation.
//! - The access group measures the poll call too, which is the same in the
//!   first three rows (a pinned `poll_fn`, inlined). The counter stays in memory:
//!   criterion's `black_box` sees each poll's result, and the next iteration
//!   polls again through the same `&mut` future.
//! - The server group measures connecting, the sockets and the clients'
//!   own work as well as the server's: every contender shares them, so the
//!   rows differ by what their servers do.

use std::cell::RefCell;
use std::future::Future;
use std::hint::black_box;
use std::net::SocketAddr;
use std::pin::{Pin, pin};
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use companion::async_cells::branded::{self, BrandedFuture, CellExt, Cx, from_std};
use companion::async_cells::lent::{AsyncMarker, LentOwner, with_context_owner};
use companion::async_cells::server::{self, Store, client, refcell};
use companion::ghost::{GhostCell, GhostToken};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use futures::executor::LocalPool;
use futures::task::LocalSpawnExt;
use qcell::TLCell;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::runtime::Runtime;
use tokio::task::LocalSet;

const TASKS: u64 = 100_000;

/// The `server` group: clients connected at once, lines each sends.
const CLIENTS: usize = 10;
const CLIENT_LINES: usize = 100;

/// The `reactor` group: lines sent and echoed per iteration.
const ROUND_TRIPS: u64 = 100;

/// The `wake_many` group: how many tasks, polls per task, wakes per poll.
const WAKE_TASKS: u64 = 10_000;
const POLLS: u8 = 4;
const WAKES_PER_POLL: usize = 4;

fn spawn_run(c: &mut Criterion) {
    let mut group = c.benchmark_group("async_cells/spawn_run");
    group.throughput(Throughput::Elements(TASKS));
    group.sample_size(20);

    group.bench_function("branded", |b| {
        b.iter(|| {
            GhostToken::new(|token| {
                let mut executor = branded::Executor::new(token);
                for _ in 0..TASKS {
                    // One byte of state, as `async {}` has: a zero-sized task
                    // would be boxed without allocating, which no real task is.
                    let state = 0_u8;
                    executor.spawn(branded::poll_fn(move |_| {
                        black_box(state);
                        Poll::Ready(())
                    }));
                }
                executor.run();
            })
        })
    });

    group.bench_function("local_pool", |b| {
        b.iter(|| {
            let mut pool = LocalPool::new();
            let spawner = pool.spawner();
            for _ in 0..TASKS {
                spawner.spawn_local(async {}).unwrap();
            }
            pool.run();
        })
    });

    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    group.bench_function("local_set", |b| {
        b.iter(|| {
            let local = tokio::task::LocalSet::new();
            for _ in 0..TASKS {
                local.spawn_local(async {});
            }
            runtime.block_on(local);
        })
    });

    let owner = LentOwner::<AsyncMarker>::new();
    group.bench_function("local_pool_lend", |b| {
        b.iter(|| {
            let mut pool = LocalPool::new();
            let spawner = pool.spawner();
            for _ in 0..TASKS {
                spawner.spawn_local(owner.lend(async {})).unwrap();
            }
            pool.run();
        })
    });

    group.finish();
}

fn wake_many(c: &mut Criterion) {
    let mut group = c.benchmark_group("async_cells/wake_many");
    group.throughput(Throughput::Elements(WAKE_TASKS));
    group.sample_size(20);

    /// One poll of a `wake_many` task: `Ready` at the `POLLS`-th poll, else
    /// `WAKES_PER_POLL` wakes and `Pending`.
    fn step(polls: &mut u8, waker: &Waker) -> Poll<()> {
        *polls += 1;
        if *polls == POLLS {
            return Poll::Ready(());
        }
        for _ in 0..WAKES_PER_POLL {
            waker.wake_by_ref();
        }
        Poll::Pending
    }

    group.bench_function("branded", |b| {
        b.iter(|| {
            GhostToken::new(|token| {
                let mut executor = branded::Executor::new(token);
                for _ in 0..WAKE_TASKS {
                    let mut polls = 0_u8;
                    executor.spawn(branded::poll_fn(move |cx| step(&mut polls, cx.waker())));
                }
                executor.run();
            })
        })
    });

    group.bench_function("local_pool", |b| {
        b.iter(|| {
            let mut pool = LocalPool::new();
            let spawner = pool.spawner();
            for _ in 0..WAKE_TASKS {
                let mut polls = 0_u8;
                spawner.spawn_local(std::future::poll_fn(move |cx| step(&mut polls, cx.waker()))).unwrap();
            }
            pool.run();
        })
    });

    group.finish();
}

fn access(c: &mut Criterion) {
    let mut group = c.benchmark_group("async_cells/access");

    GhostToken::new(|mut token| {
        let cell = GhostCell::new(0_u64);
        let mut future = pin!(branded::poll_fn(|cx| {
            *cell.rw(cx) += 1;
            Poll::<()>::Pending
        }));
        let mut cx = Cx::new(&mut token, Waker::noop());
        group.bench_function("rw_cx", |b| b.iter(|| future.as_mut().poll(&mut cx)));
    });

    let cell = RefCell::new(0_u64);
    let mut future = pin!(std::future::poll_fn(|_| {
        *cell.borrow_mut() += 1;
        Poll::<()>::Pending
    }));
    let mut cx = Context::from_waker(Waker::noop());
    group.bench_function("refcell", |b| b.iter(|| future.as_mut().poll(&mut cx)));

    /// The poll of both lent rows: one access through the owner lent to `cx`.
    #[inline(always)]
    fn lent_increment(cell: &TLCell<AsyncMarker, u64>, cx: &mut Context<'_>) -> Poll<()> {
        black_box(with_context_owner(cx, |o| *cell.rw(o) += 1)).unwrap();
        Poll::Pending
    }

    let owner = LentOwner::<AsyncMarker>::new();
    let cell = TLCell::<AsyncMarker, _>::new(0_u64);
    let mut cx = Context::from_waker(Waker::noop());

    // The access compiled into the `Lend`'s poll, as a small `async` block's is.
    let mut future = pin!(owner.lend(std::future::poll_fn(|cx| lent_increment(&cell, cx))));
    group.bench_function("lent_access", |b| b.iter(|| future.as_mut().poll(&mut cx)));

    // The access behind a `dyn Future`: a poll of its own, called through the
    // vtable, as a large `async fn`'s may be.
    let inner = pin!(std::future::poll_fn(|cx| lent_increment(&cell, cx)));
    let inner: Pin<&mut dyn Future<Output = ()>> = inner;
    let mut future = pin!(owner.lend(inner));
    group.bench_function("lent_access_dyn", |b| b.iter(|| future.as_mut().poll(&mut cx)));

    group.finish();
}

/// Starts a server of the `server` group as a task of the benchmark's
/// `LocalSet`, on a loopback listener of its own; returns the address.
fn start(runtime: &Runtime, local: &LocalSet, serve: impl AsyncFnOnce(TcpListener) + 'static) -> SocketAddr {
    local.block_on(runtime, async {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::task::spawn_local(async move { serve(listener).await });
        address
    })
}

fn server(c: &mut Criterion) {
    let mut group = c.benchmark_group("async_cells/server");
    group.throughput(Throughput::Elements((CLIENTS * CLIENT_LINES) as u64));
    group.sample_size(20);

    // One runtime and one `LocalSet` for both servers: each waits on it
    // between iterations and runs while an iteration drives it.
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let local = LocalSet::new();
    let store = Rc::new(RefCell::new(Store::default()));
    let address = start(&runtime, &local, async move |listener| {
        refcell::serve(listener, store).await.unwrap();
    });
    group.bench_function("refcell_server", |b| {
        b.iter(|| {
            let load = local.block_on(&runtime, async {
                tokio::task::spawn_local(client::drive(address, CLIENTS, CLIENT_LINES)).await.unwrap().unwrap()
            });
            assert_eq!((load.lost, load.wrong), (0, 0), "refcell_server: {load}");
        })
    });

    // The branded executor borrows its brand's scope, so it cannot be a
    // `'static` task of the `LocalSet`: it runs as the future of each
    // iteration's `block_on`, and keeps its tasks in between.
    GhostToken::new(|token| {
        let listener = local.block_on(&runtime, TcpListener::bind("127.0.0.1:0")).unwrap();
        let address = listener.local_addr().unwrap();
        let store = Rc::new(GhostCell::new(Store::default()));
        let mut executor = branded::Executor::new(token);
        executor.spawn(server::branded::serve(listener, store, executor.spawner()));
        group.bench_function("branded_server", |b| {
            b.iter(|| {
                let load = local.block_on(&runtime, async {
                    let clients = tokio::task::spawn_local(client::drive(address, CLIENTS, CLIENT_LINES));
                    tokio::select! {
                        () = executor.run_async() => unreachable!("the server accepts until its listener fails"),
                        load = clients => load.unwrap().unwrap(),
                    }
                });
                assert_eq!((load.lost, load.wrong), (0, 0), "branded_server: {load}");
            })
        });
    });

    group.finish();
}

/// A branded task that spawns `TASKS` children through `spawner`, each with
/// one byte of state.
fn parent<'id, 'f>(spawner: branded::Spawner<'id, 'f>) -> impl BrandedFuture<'id, Output = ()> + 'f
where
    'id: 'f,
{
    branded::poll_fn(move |_| {
        for _ in 0..TASKS {
            let state = 0_u8;
            let child = branded::poll_fn(move |_| {
                black_box(state);
                Poll::Ready(())
            });
            if spawner.spawn(child).is_err() {
                unreachable!("the executor outlives its tasks");
            }
        }
        Poll::Ready(())
    })
}

fn spawn_child(c: &mut Criterion) {
    let mut group = c.benchmark_group("async_cells/spawn_child");
    group.throughput(Throughput::Elements(TASKS));
    group.sample_size(20);

    group.bench_function("branded", |b| {
        b.iter(|| {
            GhostToken::new(|token| {
                let mut executor = branded::Executor::new(token);
                executor.spawn(parent(executor.spawner()));
                executor.run();
            })
        })
    });

    group.bench_function("local_pool", |b| {
        b.iter(|| {
            let mut pool = LocalPool::new();
            let spawner = pool.spawner();
            let children = spawner.clone();
            spawner
                .spawn_local(async move {
                    for _ in 0..TASKS {
                        children.spawn_local(async {}).unwrap();
                    }
                })
                .unwrap();
            pool.run();
        })
    });

    group.finish();

    let mut group = c.benchmark_group("async_cells/spawn_child_in_tokio");
    group.throughput(Throughput::Elements(TASKS));
    group.sample_size(20);
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();

    group.bench_function("branded_in_tokio", |b| {
        b.iter(|| {
            GhostToken::new(|token| {
                let mut executor = branded::Executor::new(token);
                executor.spawn(parent(executor.spawner()));
                runtime.block_on(executor.run_async());
            })
        })
    });

    group.bench_function("local_set", |b| {
        b.iter(|| {
            let local = tokio::task::LocalSet::new();
            local.spawn_local(async {
                for _ in 0..TASKS {
                    tokio::task::spawn_local(async {});
                }
            });
            runtime.block_on(local);
        })
    });

    group.finish();
}

/// Spawns a branded echo server and a branded client that sends
/// `ROUND_TRIPS` lines over loopback, one at a time; the sockets are made
/// in the tasks' first poll, on the reactor of the runtime entered there.
fn spawn_echo_pair<'id>(executor: &mut branded::Executor<'id, '_>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let address = listener.local_addr().unwrap();
    executor.spawn(from_std(async move {
        let listener = tokio::net::TcpListener::from_std(listener).unwrap();
        let (mut stream, _) = listener.accept().await.unwrap();
        stream.set_nodelay(true).unwrap();
        let (read, mut write) = stream.split();
        let mut lines = BufReader::new(read).lines();
        while let Some(line) = lines.next_line().await.unwrap() {
            write.write_all(line.as_bytes()).await.unwrap();
            write.write_all(b"\n").await.unwrap();
        }
    }));
    executor.spawn(from_std(async move {
        let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
        stream.set_nodelay(true).unwrap();
        let (read, mut write) = stream.split();
        let mut lines = BufReader::new(read).lines();
        for _ in 0..ROUND_TRIPS {
            write.write_all(b"ping\n").await.unwrap();
            black_box(lines.next_line().await.unwrap().unwrap());
        }
    }));
}

fn reactor(c: &mut Criterion) {
    let mut group = c.benchmark_group("async_cells/reactor");
    group.throughput(Throughput::Elements(ROUND_TRIPS));
    group.sample_size(20);

    let current_thread = tokio::runtime::Builder::new_current_thread().enable_io().build().unwrap();
    group.bench_function("embedded", |b| {
        b.iter(|| {
            GhostToken::new(|token| {
                let mut executor = branded::Executor::new(token);
                spawn_echo_pair(&mut executor);
                current_thread.block_on(executor.run_async());
            })
        })
    });

    let background = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_io().build().unwrap();
    group.bench_function("background", |b| {
        let _in_runtime = background.enter();
        b.iter(|| {
            GhostToken::new(|token| {
                let mut executor = branded::Executor::new(token);
                spawn_echo_pair(&mut executor);
                executor.run();
            })
        })
    });

    group.finish();
}

criterion_group!(benches, spawn_run, wake_many, access, spawn_child, reactor, server);
criterion_main!(benches);
