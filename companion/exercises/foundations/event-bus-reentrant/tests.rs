use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// A shared log of "handler:event" lines.
type Log = Rc<RefCell<Vec<String>>>;

/// A handler that logs "name:event" and does nothing else.
fn logger(log: &Log, name: &'static str) -> impl Fn(&Bus, &str) + 'static {
    let log = log.clone();
    move |_, event| log.borrow_mut().push(format!("{name}:{event}"))
}

fn lines(log: &Log) -> Vec<String> {
    log.borrow().clone()
}

/// Counts, in a shared counter, the drops of the handler it is moved into.
struct DropFlag(Rc<Cell<usize>>);

impl Drop for DropFlag {
    fn drop(&mut self) {
        self.0.set(self.0.get() + 1);
    }
}

#[test]
fn handlers_run_in_the_order_they_subscribed() {
    let (bus, log) = (Bus::new(), Log::default());
    bus.subscribe(logger(&log, "a"));
    bus.subscribe(logger(&log, "b"));
    bus.emit("1");
    bus.emit("2");
    assert_eq!(lines(&log), ["a:1", "b:1", "a:2", "b:2"]);
}

#[test]
fn a_handler_may_unsubscribe_itself() {
    let (bus, log) = (Bus::new(), Log::default());
    let own_id = Rc::new(Cell::new(None));
    let (id_seen, log_a) = (own_id.clone(), log.clone());
    let id = bus.subscribe(move |bus, event| {
        log_a.borrow_mut().push(format!("once:{event}"));
        assert!(bus.unsubscribe(id_seen.get().unwrap()), "it was subscribed");
    });
    own_id.set(Some(id));
    bus.subscribe(logger(&log, "b"));
    bus.emit("1");
    bus.emit("2");
    assert_eq!(lines(&log), ["once:1", "b:1", "b:2"]);
}

#[test]
fn a_handler_unsubscribed_during_a_delivery_is_not_called_for_it() {
    let (bus, log) = (Bus::new(), Log::default());
    let victim = Rc::new(Cell::new(None));
    let (target, log_a) = (victim.clone(), log.clone());
    bus.subscribe(move |bus, event| {
        log_a.borrow_mut().push(format!("a:{event}"));
        if let Some(id) = target.take() {
            bus.unsubscribe(id);
        }
    });
    victim.set(Some(bus.subscribe(logger(&log, "b"))));
    bus.subscribe(logger(&log, "c"));
    bus.emit("1");
    bus.emit("2");
    assert_eq!(lines(&log), ["a:1", "c:1", "a:2", "c:2"]);
}

#[test]
fn a_handler_subscribed_during_a_delivery_receives_only_later_events() {
    let (bus, log) = (Bus::new(), Log::default());
    let (done, log_a) = (Cell::new(false), log.clone());
    bus.subscribe(move |bus, event| {
        log_a.borrow_mut().push(format!("a:{event}"));
        if !done.replace(true) {
            bus.subscribe(logger(&log_a, "late"));
        }
    });
    bus.subscribe(logger(&log, "b"));
    bus.emit("1");
    bus.emit("2");
    assert_eq!(lines(&log), ["a:1", "b:1", "a:2", "b:2", "late:2"]);
}

#[test]
fn an_event_emitted_by_a_handler_comes_after_the_current_one() {
    let (bus, log) = (Bus::new(), Log::default());
    let log_a = log.clone();
    bus.subscribe(move |bus, event| {
        log_a.borrow_mut().push(format!("a:{event}"));
        if event == "ping" {
            bus.emit("pong");
        }
    });
    bus.subscribe(logger(&log, "b"));
    bus.emit("ping");
    assert_eq!(lines(&log), ["a:ping", "b:ping", "a:pong", "b:pong"]);
}

#[test]
fn events_emitted_during_deliveries_keep_the_order_they_were_emitted_in() {
    let (bus, log) = (Bus::new(), Log::default());
    let (log_a, log_b) = (log.clone(), log.clone());
    bus.subscribe(move |bus, event| {
        log_a.borrow_mut().push(format!("a:{event}"));
        if event == "go" {
            bus.emit("x");
            bus.emit("y");
        }
    });
    bus.subscribe(move |bus, event| {
        log_b.borrow_mut().push(format!("b:{event}"));
        if event == "x" {
            bus.emit("z");
        }
    });
    bus.emit("go");
    assert_eq!(lines(&log), ["a:go", "b:go", "a:x", "b:x", "a:y", "b:y", "a:z", "b:z"]);
    bus.emit("again");
    assert_eq!(lines(&log)[8..], ["a:again", "b:again"]);
}

#[test]
fn unsubscribe_says_whether_the_handler_was_subscribed() {
    let (bus, log) = (Bus::new(), Log::default());
    let id = bus.subscribe(logger(&log, "a"));
    assert!(bus.unsubscribe(id));
    assert!(!bus.unsubscribe(id));
    bus.emit("1");
    assert_eq!(lines(&log), [] as [&str; 0]);
}

#[test]
fn an_unsubscribed_handler_is_dropped() {
    let bus = Bus::new();
    let drops = Rc::new(Cell::new(0));
    let flag = DropFlag(drops.clone());
    let id = bus.subscribe(move |_, _| {
        let _owned_by_the_handler = &flag;
    });
    bus.emit("1");
    assert_eq!(drops.get(), 0);
    bus.unsubscribe(id);
    assert_eq!(drops.get(), 1, "dropped when unsubscribed, not when the bus goes");
}

#[test]
fn a_handler_that_unsubscribes_itself_is_dropped_when_emit_returns() {
    let bus = Bus::new();
    let drops = Rc::new(Cell::new(0));
    let flag = DropFlag(drops.clone());
    let own_id = Rc::new(Cell::new(None));
    let id_seen = own_id.clone();
    let id = bus.subscribe(move |bus, _| {
        let _owned_by_the_handler = &flag;
        bus.unsubscribe(id_seen.get().unwrap());
    });
    own_id.set(Some(id));
    bus.emit("1");
    assert_eq!(drops.get(), 1);
    bus.emit("2");
    assert_eq!(drops.get(), 1, "dropped once");
}
