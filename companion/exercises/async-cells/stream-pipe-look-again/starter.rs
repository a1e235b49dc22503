// The story's StreamPipe as a real `futures_core::Stream`, with its buffer in a
// `TLCell` and the owner lent by a `Lend`. `request_more` moves the producer's
// next delivery into the buffer at once, if there is one, so after calling it
// `poll_next` looks at the buffer again. As written it does not compile: the
// buffer is still open when `request_more` needs the owner. Make it compile,
// and keep the second look (the tests count how often the stream is polled).

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

impl Stream for StreamPipe {
    type Item = u32;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u32>> {
        let this = self.get_mut();
        this.source.register(cx.waker());
        let next = with_context_owner(cx, |owner| {
            let buffer = this.buffer.rw(owner);
            if let Some(item) = buffer.items.pop_front() {
                return Poll::Ready(Some(item));
            }
            if buffer.end {
                return Poll::Ready(None);
            }
            (this.request_more)(owner);
            // Look again: the request may have delivered at once.
            if let Some(item) = buffer.items.pop_front() {
                return Poll::Ready(Some(item));
            }
            if buffer.end {
                return Poll::Ready(None);
            }
            Poll::Pending
        });
        next.expect("a StreamPipe is polled inside a Lend")
    }
}
