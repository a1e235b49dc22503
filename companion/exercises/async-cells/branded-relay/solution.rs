// A branded future that waits for a message from another thread and writes it
// into a log shared with other tasks. Each borrow of the log ends before the
// message is polled, so `cx` is free for the child.

use companion::async_cells::branded::{BrandedFuture, CellExt, Cx, FromStd, from_std};
use companion::ghost::GhostCell;
use futures::channel::oneshot;
use std::pin::Pin;
use std::rc::Rc;
use std::task::Poll;

pub type Log<'id> = Rc<GhostCell<'id, Vec<String>>>;

pub struct Relay<'id> {
    log: Log<'id>,
    message: FromStd<oneshot::Receiver<String>>,
    started: bool,
}

impl<'id> Relay<'id> {
    pub fn new(log: Log<'id>, message: oneshot::Receiver<String>) -> Self {
        Relay { log, message: from_std(message), started: false }
    }
}

impl<'id> BrandedFuture<'id> for Relay<'id> {
    type Output = usize;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Cx<'id, '_>) -> Poll<usize> {
        let this = &mut *self;
        if !this.started {
            // This borrow of `cx` ends with the statement.
            this.log.rw(cx).push(String::from("waiting"));
            this.started = true;
        }
        // `cx` is free: the child may have it.
        let message = match Pin::new(&mut this.message).poll(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(message) => message,
        };
        // Open the log again, now that the child is done with `cx`.
        let log = this.log.rw(cx);
        log.push(message.unwrap_or_else(|_| String::from("sender gone")));
        Poll::Ready(log.len())
    }
}
