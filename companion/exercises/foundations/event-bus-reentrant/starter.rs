// An event bus: each event emitted is handed to every handler, in the order
// they subscribed. A handler is given the bus, and may subscribe, unsubscribe
// (itself too) or emit while it runs. Then:
// - a handler subscribed during a delivery gets only the later events;
// - a handler unsubscribed during a delivery is not called again, not even
//   for the rest of the event being delivered;
// - an event emitted during a delivery waits until the current one has
//   reached every handler: handlers never run inside one another, and events
//   are delivered in the order emitted;
// - an unsubscribed handler is dropped by the time the program's own call to
//   `emit` or `unsubscribe` returns.
// As written, `emit` keeps the handler list borrowed while handlers run: one
// that subscribes or unsubscribes panics with "already borrowed", and one
// that emits interrupts the current event. Redesign the bus, fields too.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SubscriptionId(u64);

type Handler = Rc<dyn Fn(&Bus, &str)>;

pub struct Bus {
    handlers: RefCell<Vec<(SubscriptionId, Handler)>>,
    next_id: Cell<u64>,
}

impl Bus {
    pub fn new() -> Self {
        Bus { handlers: RefCell::new(Vec::new()), next_id: Cell::new(0) }
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
        for (_, handler) in self.handlers.borrow().iter() {
            handler(self, event);
        }
    }
}

impl Default for Bus {
    fn default() -> Self {
        Self::new()
    }
}
