// A branded future that waits for a message from another thread and writes it
// into a log shared with other tasks. It logs "waiting" on its first poll and
// the message when it arrives, and returns the number of lines in the log.
// As written it does not compile: the log is kept open (`rw(cx)`) while the
// message is polled, and both need `cx` mutably. Make it compile, and keep
// what it logs.

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
        let log = this.log.rw(cx);
        if !this.started {
            log.push(String::from("waiting"));
            this.started = true;
        }
        match Pin::new(&mut this.message).poll(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(message) => {
                log.push(message.unwrap_or_else(|_| String::from("sender gone")));
                Poll::Ready(log.len())
            }
        }
    }
}
