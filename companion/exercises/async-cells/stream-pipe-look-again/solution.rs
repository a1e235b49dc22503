// The story's StreamPipe as a real `futures_core::Stream`, with its buffer in a
// `TLCell` and the owner lent by a `Lend`. The buffer's borrow of the owner ends
// before `request_more` takes the owner, and the second look opens it again.

use companion::async_cells::lent::{AsyncMarker, with_context_owner};
use companion::async_cells::story::stream_pipe::{Buffer, Delivery, Source};
use futures_core::Stream;
use qcell::{TLCell, TLCellOwner};
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

pub struct StreamPipe {
    buffer: Rc<TLCell<AsyncMarker, Buffer<u32>>>,
    source: Rc<Source<u32>>,
    request_more: Rc<dyn Fn(&mut TLCellOwner<AsyncMarker>) -> bool>,
}

impl StreamPipe {
    pub fn new(source: Source<u32>) -> Self {
        let buffer = Rc::new(TLCell::new(Buffer::new()));
        let source = Rc::new(source);
        let (feed, from) = (Rc::clone(&buffer), Rc::clone(&source));
        let request_more = Rc::new(move |owner: &mut TLCellOwner<AsyncMarker>| match from.take() {
            Delivery::Nothing => false,
            delivery => {
                feed.rw(owner).accept(delivery);
                true
            }
        });
        StreamPipe { buffer, source, request_more }
    }
}

/// What one look at the buffer found, with the borrow already over.
fn look(buffer: &mut Buffer<u32>) -> Poll<Option<u32>> {
    match buffer.items.pop_front() {
        Some(item) => Poll::Ready(Some(item)),
        None if buffer.end => Poll::Ready(None),
        None => Poll::Pending,
    }
}

impl Stream for StreamPipe {
    type Item = u32;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u32>> {
        let this = self.get_mut();
        this.source.register(cx.waker());
        let next = with_context_owner(cx, |owner| {
            // Each look borrows the owner for one call only.
            if let Poll::Ready(next) = look(this.buffer.rw(owner)) {
                return Poll::Ready(next);
            }
            (this.request_more)(owner);
            look(this.buffer.rw(owner))
        });
        next.expect("a StreamPipe is polled inside a Lend")
    }
}
