//! claim: the story's StreamPipe bug, branded: `request_more(cx)` cannot run while the buffer is open.
use companion::async_cells::branded::{CellExt, Cx};
use companion::async_cells::story::stream_pipe::Buffer;
use companion::ghost::GhostCell;
use std::rc::Rc;
use std::task::Poll;

struct StreamPipe<'id> {
    buffer: Rc<GhostCell<'id, Buffer<u32>>>,
    request_more: Rc<dyn Fn(&mut Cx<'id, '_>) -> bool + 'id>,
}

impl<'id> StreamPipe<'id> {
    fn poll_next(&mut self, cx: &mut Cx<'id, '_>) -> Poll<Option<u32>> {
        let buffer = self.buffer.rw(cx);
        if let Some(item) = buffer.items.pop_front() {
            return Poll::Ready(Some(item));
        }
        if buffer.end {
            return Poll::Ready(None);
        }
        (self.request_more)(cx);
        // Look again, in case the request delivered at once.
        match buffer.items.pop_front() {
            Some(item) => Poll::Ready(Some(item)),
            None => Poll::Pending,
        }
    }
}

fn main() {}
