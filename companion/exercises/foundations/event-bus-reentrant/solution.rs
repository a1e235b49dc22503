// An event bus whose handlers may subscribe, unsubscribe and emit while they
// run.
//
// No borrow of a `RefCell` is held while a handler runs: each borrow is taken,
// used and given back between two handler calls, so whatever a handler does
// to the bus finds every cell free. Three things make the rules hold:
// - `emit` only queues the event when a delivery is already running (the
//   `delivering` flag); the outermost `emit` delivers the queue in order;
// - each event is delivered to a copy of the handler list taken when its
//   delivery starts (the `Rc`s are cloned, not the handlers), so a handler
//   subscribed meanwhile is not in it;
// - before each call, the handler is looked up again in the real list, so a
//   handler unsubscribed meanwhile is skipped.
// A handler unsubscribed during a delivery is still in the copy: its last
// `Rc` goes when the copy does, once the event has been delivered.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SubscriptionId(u64);

type Handler = Rc<dyn Fn(&Bus, &str)>;

pub struct Bus {
    handlers: RefCell<Vec<(SubscriptionId, Handler)>>,
    next_id: Cell<u64>,
    /// Events emitted and not yet delivered, oldest first.
    queue: RefCell<VecDeque<String>>,
    /// True while an `emit` is delivering the queue.
    delivering: Cell<bool>,
}

impl Bus {
    pub fn new() -> Self {
        Bus {
            handlers: RefCell::new(Vec::new()),
            next_id: Cell::new(0),
            queue: RefCell::new(VecDeque::new()),
            delivering: Cell::new(false),
        }
    }

    pub fn subscribe(&self, handler: impl Fn(&Bus, &str) + 'static) -> SubscriptionId {
        let id = SubscriptionId(self.next_id.get());
        self.next_id.set(id.0 + 1);
        self.handlers.borrow_mut().push((id, Rc::new(handler)));
        id
    }

    /// Removes a handler; `false` if it was not subscribed.
    pub fn unsubscribe(&self, id: SubscriptionId) -> bool {
        let mut handlers = self.handlers.borrow_mut();
        let before = handlers.len();
        handlers.retain(|(subscribed, _)| *subscribed != id);
        handlers.len() < before
    }

    pub fn emit(&self, event: &str) {
        self.queue.borrow_mut().push_back(event.to_owned());
        if self.delivering.replace(true) {
            return; // the delivery in progress will reach it
        }
        loop {
            let Some(event) = self.queue.borrow_mut().pop_front() else { break };
            let recipients = self.handlers.borrow().clone();
            for (id, handler) in recipients {
                if self.is_subscribed(id) {
                    handler(self, &event);
                }
            }
        }
        self.delivering.set(false);
    }

    fn is_subscribed(&self, id: SubscriptionId) -> bool {
        self.handlers.borrow().iter().any(|(subscribed, _)| *subscribed == id)
    }
}

impl Default for Bus {
    fn default() -> Self {
        Self::new()
    }
}
