//! Part V's key-value server under real load, both versions: the branded one
//! (its store in a `GhostCell`, on the branded executor inside tokio) and its
//! `RefCell` twin (on tokio's `LocalSet`). Each is started on an ephemeral
//! loopback port and driven by 100 clients at once, 100 lines each, every
//! reply checked. `cargo test --test async_cells_server -- --nocapture`
//! prints the figures.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use std::time::Duration;

use companion::async_cells::branded::Executor;
use companion::async_cells::server::client::{self, Load};
use companion::async_cells::server::{Store, branded, refcell};
use companion::ghost::{GhostCell, GhostToken};
use tokio::net::TcpListener;
use tokio::runtime::Runtime;
use tokio::task::LocalSet;

const CONNECTIONS: usize = 100;
const LINES: usize = 100;

/// A load that hangs fails after this long instead.
const PATIENCE: Duration = Duration::from_secs(60);

fn current_thread() -> Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

/// Drives the server listening at `address` with `connections` clients of
/// `lines` lines, failing after [`PATIENCE`].
async fn drive(address: std::net::SocketAddr, connections: usize, lines: usize) -> Load {
    tokio::time::timeout(PATIENCE, client::drive(address, connections, lines))
        .await
        .expect("the load finishes within a minute")
        .unwrap()
}

/// Checks the load's figures and the store it left: every client's key
/// holds its last line's value, and every line was counted once.
fn check(name: &str, load: Load, store: &Store, loads: usize) {
    println!("the {name} server: {load}");
    assert_eq!((load.connections, load.lines, load.lost, load.wrong), (CONNECTIONS, CONNECTIONS * LINES, 0, 0));
    assert_eq!(store.requests(), (loads * CONNECTIONS * LINES) as u64);
    for c in 0..CONNECTIONS {
        assert_eq!(store.get(&format!("c{c}")), Some(&*(LINES - 1).to_string()));
    }
}

/// Runs `load` beside the branded server on `runtime`: the executor runs
/// while the load does, and stops (keeping its tasks) when the load is done.
fn beside_branded<'id, T>(runtime: &Runtime, executor: &mut Executor<'id, '_>, load: impl Future<Output = T>) -> T {
    runtime.block_on(async {
        tokio::select! {
            () = executor.run_async() => panic!("the branded server stopped accepting"),
            done = load => done,
        }
    })
}

#[test]
fn the_branded_server_loses_no_line_of_a_hundred_connections() {
    let runtime = current_thread();
    let listener = runtime.block_on(TcpListener::bind("127.0.0.1:0")).unwrap();
    let address = listener.local_addr().unwrap();
    GhostToken::new(|token| {
        let store = Rc::new(GhostCell::new(Store::default()));
        let mut executor = Executor::new(token);
        executor.spawn(branded::serve(listener, store.clone(), executor.spawner()));
        let load = beside_branded(&runtime, &mut executor, drive(address, CONNECTIONS, LINES));
        check("branded", load, store.borrow(executor.owner()), 1);
        // Every connection task ended with its client; the accept task is left.
        assert_eq!(executor.len(), 1);
    });
}

#[test]
fn the_refcell_server_loses_no_line_of_a_hundred_connections() {
    let runtime = current_thread();
    let local = LocalSet::new();
    let store = Rc::new(RefCell::new(Store::default()));
    let load = local.block_on(&runtime, async {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let server = tokio::task::spawn_local(refcell::serve(listener, store.clone()));
        let load = drive(address, CONNECTIONS, LINES).await;
        assert!(!server.is_finished(), "the server still accepts: {:?}", server.await);
        load
    });
    check("RefCell", load, &store.borrow(), 1);
}

#[test]
fn both_servers_serve_a_second_load_after_the_first() {
    let runtime = current_thread();
    let listener = runtime.block_on(TcpListener::bind("127.0.0.1:0")).unwrap();
    let address = listener.local_addr().unwrap();
    GhostToken::new(|token| {
        let store = Rc::new(GhostCell::new(Store::default()));
        let mut executor = Executor::new(token);
        executor.spawn(branded::serve(listener, store.clone(), executor.spawner()));
        for _ in 0..2 {
            let load = beside_branded(&runtime, &mut executor, drive(address, 4, 10));
            assert_eq!((load.lines, load.lost, load.wrong), (40, 0, 0));
        }
        assert_eq!(store.borrow(executor.owner()).requests(), 80);
    });

    let local = LocalSet::new();
    let store = Rc::new(RefCell::new(Store::default()));
    let loads = local.block_on(&runtime, async {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::task::spawn_local(refcell::serve(listener, store.clone()));
        [drive(address, 4, 10).await, drive(address, 4, 10).await]
    });
    for load in loads {
        assert_eq!((load.lines, load.lost, load.wrong), (40, 0, 0));
    }
    assert_eq!(store.borrow().requests(), 80);
}

/// Sends one whole request and the start of the next in one write, then
/// waits for the first reply: a client that splits its requests across
/// writes must not wait for ever for a reply the server keeps buffered.
async fn first_reply_while_the_next_request_is_partial(address: std::net::SocketAddr) -> String {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let (read, mut write) = stream.into_split();
    write.write_all(b"SET k v\nGET").await.unwrap();
    let mut replies = BufReader::new(read).lines();
    let reply = tokio::time::timeout(Duration::from_secs(5), replies.next_line()).await;
    reply.expect("the reply arrives before the next request is whole").unwrap().unwrap()
}

#[test]
fn both_servers_answer_a_request_followed_by_part_of_the_next() {
    let runtime = current_thread();
    let listener = runtime.block_on(TcpListener::bind("127.0.0.1:0")).unwrap();
    let address = listener.local_addr().unwrap();
    GhostToken::new(|token| {
        let store = Rc::new(GhostCell::new(Store::default()));
        let mut executor = Executor::new(token);
        executor.spawn(branded::serve(listener, store.clone(), executor.spawner()));
        let reply = beside_branded(&runtime, &mut executor, first_reply_while_the_next_request_is_partial(address));
        assert_eq!(reply, "NONE");
    });

    let local = LocalSet::new();
    let store = Rc::new(RefCell::new(Store::default()));
    let reply = local.block_on(&runtime, async {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::task::spawn_local(refcell::serve(listener, store.clone()));
        first_reply_while_the_next_request_is_partial(address).await
    });
    assert_eq!(reply, "NONE");
}
