// A download that records each chunk in a log that belongs to one thread. The log
// is an `Rc`, so it travels in a `Sticky`. The executor that runs downloads may
// move them between its threads, so the future must be `Send`. This version takes
// the log out of its `Sticky` once, when the future is made, and the compiler
// refuses it.

use companion::stack_token::Sticky;
use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use std::task::Poll;

/// The log of chunks received, readable only on the thread that made it.
pub type ChunkLog = Sticky<Rc<RefCell<Vec<usize>>>>;

/// Receives `chunks` chunks, one per poll, and appends the number of each chunk
/// to `log` when it is received on the log's thread. Returns how many chunks
/// were logged.
pub fn download(chunks: usize, log: ChunkLog) -> impl Future<Output = usize> + Send {
    companion::stack_token!(token);
    let log = Rc::clone(log.get(token));
    let mut received = 0;
    std::future::poll_fn(move |cx| {
        if received == chunks {
            return Poll::Ready(received);
        }
        log.borrow_mut().push(received);
        received += 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    })
}
