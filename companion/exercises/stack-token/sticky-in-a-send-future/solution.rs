// A download that records each chunk in a log that belongs to one thread. The log
// is an `Rc`, so it travels in a `Sticky`. The executor that runs downloads may
// move them between its threads, so the future must be `Send`.

use companion::stack_token::{Sticky, poll_with_token};
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
    let (mut received, mut logged) = (0, 0);
    // A token that lived across an `.await` would make the future `!Send`. This
    // one is made afresh on every poll, on the thread that polls, and is gone
    // before the future can move.
    poll_with_token(move |token, cx| {
        if received == chunks {
            return Poll::Ready(logged);
        }
        // On any other thread than the log's, the log is out of reach.
        if let Ok(log) = log.try_get(token) {
            log.borrow_mut().push(received);
            logged += 1;
        }
        received += 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    })
}
