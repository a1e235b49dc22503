//! The server with its store in a `GhostCell`, on the branded executor
//! embedded in tokio's current-thread runtime: the same protocol as
//! [`refcell`](super::refcell), with every borrow of the store checked by the
//! compiler.
//!
//! The executor owns the [`GhostToken`](crate::ghost::GhostToken) and lends
//! it to one task's poll at a time. The accept task ([`serve`]) spawns one
//! [`Connection`] task per client through a [`Spawner`]; each connection
//! holds an `Rc` of the one `GhostCell<Store>` and opens it with
//! `store.rw(cx)` for one request. Both tasks reach tokio's sockets through
//! their poll functions (`poll_accept`, `poll_next_line`, `poll_write`),
//! given a `Context` made from `cx.waker()`: a branded task has no `async`
//! syntax, so it cannot `.await` them.
//!
//! The executor runs inside tokio through
//! [`Executor::run_async`](crate::async_cells::branded::Executor::run_async),
//! so tokio's reactor keeps running on the same thread and wakes the tasks.
//!
//! ```
//! use companion::async_cells::branded::Executor;
//! use companion::async_cells::server::{Store, branded, client};
//! use companion::ghost::{GhostCell, GhostToken};
//! use std::rc::Rc;
//!
//! let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
//! let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
//! let address = listener.local_addr().unwrap();
//! GhostToken::new(|token| {
//!     let store = Rc::new(GhostCell::new(Store::default()));
//!     let mut executor = Executor::new(token);
//!     executor.spawn(branded::serve(listener, store.clone(), executor.spawner()));
//!     let load = runtime.block_on(async {
//!         tokio::select! {
//!             () = executor.run_async() => unreachable!("the server accepts until its listener fails"),
//!             load = client::drive(address, 3, 10) => load.unwrap(),
//!         }
//!     });
//!     assert_eq!((load.lines, load.lost, load.wrong), (30, 0, 0));
//!     assert_eq!(store.borrow(executor.owner()).requests(), 30);
//! });
//! ```

#![forbid(unsafe_code)]

use std::io::{self, Write};
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, ready};

use tokio::io::{AsyncBufReadExt, AsyncWrite, BufReader, Lines};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};

use super::Store;
use crate::async_cells::branded::{BrandedFuture, CellExt, Cx, Spawner, poll_fn};
use crate::ghost::GhostCell;

/// The accept task: accepts connections on `listener` and spawns a
/// [`Connection`] task for each through `spawner`, until accepting fails or
/// the executor no longer takes tasks.
///
/// Spawn it on the executor that `spawner` belongs to, and run that executor
/// inside a tokio runtime with I/O enabled (with
/// [`run_async`](crate::async_cells::branded::Executor::run_async)). A
/// connection that fails ends alone; the others go on. `'id: 'f` because
/// the connection tasks, which the executor may keep for `'f`, hold cells of
/// brand `'id`.
// ANCHOR: serve
pub fn serve<'id: 'f, 'f>(
    listener: TcpListener,
    store: Rc<GhostCell<'id, Store>>,
    spawner: Spawner<'id, 'f>,
) -> impl BrandedFuture<'id, Output = ()> + use<'id, 'f> {
    poll_fn(move |cx| {
        let mut io = Context::from_waker(cx.waker());
        loop {
            let Ok((stream, _)) = ready!(listener.poll_accept(&mut io)) else { return Poll::Ready(()) };
            if spawner.spawn(Connection::new(stream, store.clone())).is_err() {
                return Poll::Ready(());
            }
        }
    })
}
// ANCHOR_END: serve

/// One connection: reads lines until the client closes its side, answers
/// each with the store opened for that line only, and ends.
///
/// Replies are collected in a buffer that is written out when no whole
/// request is already read, as the `RefCell` twin does: a client that sends
/// many lines at once gets its replies in few writes, one that waits for
/// each reply gets it at once, even if it has sent part of its next request.
// ANCHOR: connection
pub struct Connection<'id> {
    store: Rc<GhostCell<'id, Store>>,
    lines: Lines<BufReader<OwnedReadHalf>>,
    write: OwnedWriteHalf,
    /// Replies answered and not yet written, and how much of them is written.
    replies: Vec<u8>,
    written: usize,
}

impl<'id> Connection<'id> {
    /// A task that serves `stream` with `store`.
    pub fn new(stream: TcpStream, store: Rc<GhostCell<'id, Store>>) -> Self {
        let (read, write) = stream.into_split();
        Connection { store, lines: BufReader::new(read).lines(), write, replies: Vec::new(), written: 0 }
    }

    /// Serves until the client closes its side (`Ok`) or a socket fails.
    fn poll_serve(&mut self, cx: &mut Cx<'id, '_>) -> Poll<io::Result<()>> {
        // tokio's sockets take a std `Context`: the same waker, no owner.
        let mut io = Context::from_waker(cx.waker());
        loop {
            if !self.lines.get_ref().buffer().contains(&b'\n') {
                // Every whole request read so far is answered: send the
                // replies (a client may wait for them before it ends the
                // next request).
                while self.written < self.replies.len() {
                    let unsent = &self.replies[self.written..];
                    match ready!(Pin::new(&mut self.write).poll_write(&mut io, unsent))? {
                        0 => return Poll::Ready(Err(io::ErrorKind::WriteZero.into())),
                        n => self.written += n,
                    }
                }
                self.replies.clear();
                self.written = 0;
            }
            let Some(line) = ready!(Pin::new(&mut self.lines).poll_next_line(&mut io))? else {
                return Poll::Ready(Ok(()));
            };
            // The store is open for this statement only: `rw` borrows `cx`,
            // and nothing else can use `cx` until the borrow ends.
            let reply = self.store.rw(cx).answer(&line);
            writeln!(self.replies, "{reply}")?;
        }
    }
}

impl<'id> BrandedFuture<'id> for Connection<'id> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Cx<'id, '_>) -> Poll<()> {
        // A failed socket ends this connection alone.
        self.poll_serve(cx).map(|_| ())
    }
}
// ANCHOR_END: connection
