// A log whose lines end up in a buffer that belongs to one thread, its home.
//
// The buffer and the receiving end of a channel stay home together, in one
// `Sticky`; the sending end is in the `Log` itself (`Sender` is `Send + Sync`).
// A thread that is not home gets an error from `try_get` instead of the
// buffer, and sends its line instead. The home thread empties the channel
// into the buffer before each of its own lines, so the buffer keeps the
// order in which lines reached the log.

use companion::stack_token::{StackToken, Sticky, StickyError};
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::mpsc::{Receiver, Sender, channel};

pub struct Log {
    home: Sticky<(Rc<RefCell<Vec<String>>>, Receiver<String>)>,
    to_home: Sender<String>,
}

impl Log {
    /// A log that writes into `buffer`; the calling thread is its home.
    pub fn new(buffer: Rc<RefCell<Vec<String>>>) -> Self {
        let (to_home, incoming) = channel();
        Log { home: Sticky::new((buffer, incoming)), to_home }
    }

    pub fn write(&self, line: impl Into<String>, token: &StackToken) {
        match self.home.try_get(token) {
            Ok((buffer, incoming)) => {
                let mut buffer = buffer.borrow_mut();
                buffer.extend(incoming.try_iter());
                buffer.push(line.into());
            }
            // Fails only when the home thread has ended, with the receiver
            // dropped: no one is left to read the line.
            Err(_) => drop(self.to_home.send(line.into())),
        }
    }

    /// Moves the lines other threads wrote into the buffer; returns how many.
    pub fn sync(&self, token: &StackToken) -> Result<usize, StickyError> {
        let (buffer, incoming) = self.home.try_get(token)?;
        let mut buffer = buffer.borrow_mut();
        let before = buffer.len();
        buffer.extend(incoming.try_iter());
        Ok(buffer.len() - before)
    }
}
