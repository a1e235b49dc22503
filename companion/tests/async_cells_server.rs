//! The `RefCell` twin of Part V's key-value server under real load: 100
//! clients on loopback at once, 100 lines each, every reply checked.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use companion::async_cells::server::{Store, client, refcell};
use tokio::net::TcpListener;

const CONNECTIONS: usize = 100;
const LINES: usize = 100;

#[test]
fn a_hundred_connections_of_a_hundred_lines_lose_nothing() {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let local = tokio::task::LocalSet::new();
    let store = Rc::new(RefCell::new(Store::default()));
    let load = local.block_on(&runtime, async {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let server = tokio::task::spawn_local(refcell::serve(listener, store.clone()));
        let load = tokio::time::timeout(Duration::from_secs(60), client::drive(address, CONNECTIONS, LINES))
            .await
            .expect("the load finishes within a minute")
            .unwrap();
        assert!(!server.is_finished(), "the server still accepts: {:?}", server.await);
        load
    });
    println!("the RefCell server: {load}");
    assert_eq!((load.connections, load.lines, load.lost, load.wrong), (CONNECTIONS, CONNECTIONS * LINES, 0, 0));
    let store = store.borrow();
    assert_eq!(store.requests(), (CONNECTIONS * LINES) as u64);
    for c in 0..CONNECTIONS {
        assert_eq!(store.get(&format!("c{c}")), Some(&*(LINES - 1).to_string()));
    }
}

#[test]
fn a_server_serves_a_second_load_after_the_first() {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let local = tokio::task::LocalSet::new();
    let store = Rc::new(RefCell::new(Store::default()));
    let loads = local.block_on(&runtime, async {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::task::spawn_local(refcell::serve(listener, store.clone()));
        [client::drive(address, 4, 10).await.unwrap(), client::drive(address, 4, 10).await.unwrap()]
    });
    for load in loads {
        assert_eq!((load.lines, load.lost, load.wrong), (40, 0, 0));
    }
    assert_eq!(store.borrow().requests(), 80);
}
