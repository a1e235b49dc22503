//! claim: a connection task of the branded server cannot keep the store open (`&mut` from `rw(cx)`) while it polls the child that writes the reply: the child needs `cx` too.
use companion::async_cells::branded::{BrandedFuture, CellExt, Executor, from_std, poll_fn};
use companion::async_cells::server::Store;
use companion::ghost::{GhostCell, GhostToken};
use std::rc::Rc;
use std::task::Poll;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

fn connection<'id>(store: Rc<GhostCell<'id, Store>>, mut stream: TcpStream) -> impl BrandedFuture<'id, Output = ()> {
    let mut write = Box::pin(from_std(async move { stream.write_all(b"NONE\n").await }));
    poll_fn(move |cx| {
        let open = store.rw(cx);
        open.answer("SET k v");
        if write.as_mut().poll(cx).is_pending() {
            return Poll::Pending;
        }
        open.answer("COUNT");
        Poll::Ready(())
    })
}

fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let stream = runtime.block_on(TcpStream::connect("127.0.0.1:7")).unwrap();
    GhostToken::new(|token| {
        let store = Rc::new(GhostCell::new(Store::default()));
        let mut executor = Executor::new(token);
        executor.spawn(connection(store, stream));
        runtime.block_on(executor.run_async());
    });
}
