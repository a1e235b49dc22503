//! The server with its store in `Rc<RefCell<Store>>`, on tokio's
//! current-thread runtime: what async Rust offers without cell owners.
//!
//! Each connection is a task of its own (`tokio::task::spawn_local`, so the
//! tasks may hold an `Rc`), and every task holds a clone of the one
//! `Rc<RefCell<Store>>`. A request borrows the store mutably for as long as
//! [`Store::answer`] runs, and the borrow ends before the reply is written:
//! a borrow still alive at an `.await` would make the next connection's
//! `borrow_mut` panic, and only running the program would tell.
//!
//! ```
//! use companion::async_cells::server::{Store, client, refcell};
//! use std::cell::RefCell;
//! use std::rc::Rc;
//!
//! let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
//! let local = tokio::task::LocalSet::new();
//! let store = Rc::new(RefCell::new(Store::default()));
//! let load = local.block_on(&runtime, async {
//!     let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
//!     let address = listener.local_addr().unwrap();
//!     tokio::task::spawn_local(refcell::serve(listener, store.clone()));
//!     client::drive(address, 3, 10).await.unwrap()
//! });
//! assert_eq!((load.lines, load.lost, load.wrong), (30, 0, 0));
//! assert_eq!(store.borrow().requests(), 30);
//! ```

use std::cell::RefCell;
use std::io;
use std::rc::Rc;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, BufWriter};
use tokio::net::{TcpListener, TcpStream};

use super::Store;

/// Accepts connections on `listener` and serves each in a task of its own,
/// until accepting fails.
///
/// Call it inside a tokio `LocalSet` (its connection tasks are
/// `spawn_local`ed, because they hold an `Rc`), on a runtime with I/O
/// enabled. A connection that fails ends alone; the others go on.
pub async fn serve(listener: TcpListener, store: Rc<RefCell<Store>>) -> io::Result<()> {
    loop {
        let (stream, _) = listener.accept().await?;
        tokio::task::spawn_local(connection(stream, store.clone()));
    }
}

/// One connection: reads lines until the client closes its side, answers
/// each, and closes.
///
/// Replies go through a buffer that is flushed when no whole request is
/// already read: a client that sends many lines at once gets its replies
/// in few writes, one that waits for each reply gets it at once, even if it
/// has sent part of its next request.
async fn connection(stream: TcpStream, store: Rc<RefCell<Store>>) -> io::Result<()> {
    let (read, write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    let mut replies = BufWriter::new(write);
    while let Some(line) = lines.next_line().await? {
        // The borrow lives for this statement only: no `.await` is inside it.
        let reply = store.borrow_mut().answer(&line);
        replies.write_all(format!("{reply}\n").as_bytes()).await?;
        if !lines.get_ref().buffer().contains(&b'\n') {
            replies.flush().await?;
        }
    }
    replies.flush().await?;
    replies.into_inner().shutdown().await
}
