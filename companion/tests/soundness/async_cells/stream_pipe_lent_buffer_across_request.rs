//! claim: the story's StreamPipe bug, lent: `request_more(owner)` cannot run while the buffer is open.
use companion::async_cells::lent::{AsyncMarker, with_context_owner};
use companion::async_cells::story::stream_pipe::Buffer;
use futures_core::Stream;
use qcell::{TLCell, TLCellOwner};
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

struct StreamPipe {
    buffer: Rc<TLCell<AsyncMarker, Buffer<u32>>>,
    request_more: Rc<dyn Fn(&mut TLCellOwner<AsyncMarker>) -> bool>,
}

impl Stream for StreamPipe {
    type Item = u32;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u32>> {
        let this = self.get_mut();
        let next = with_context_owner(cx, |owner| {
            let buffer = this.buffer.rw(owner);
            if let Some(item) = buffer.items.pop_front() {
                return Poll::Ready(Some(item));
            }
            if buffer.end {
                return Poll::Ready(None);
            }
            (this.request_more)(owner);
            // Look again, in case the request delivered at once.
            match buffer.items.pop_front() {
                Some(item) => Poll::Ready(Some(item)),
                None => Poll::Pending,
            }
        });
        next.unwrap()
    }
}

fn main() {}
