use std::cell::RefCell;

#[test]
fn queries_close_before_their_request() {
    let log = RefCell::new(Vec::new());
    trace_request(&["users", "orders"], &log);
    assert_eq!(
        *log.borrow(),
        ["users closed (in request)", "orders closed (in request)", "request closed"]
    );
}

#[test]
fn a_request_without_queries() {
    let log = RefCell::new(Vec::new());
    trace_request(&[], &log);
    assert_eq!(*log.borrow(), ["request closed"]);
}

#[test]
fn every_span_closes_exactly_once() {
    let log = RefCell::new(Vec::new());
    trace_request(&["a", "b", "c"], &log);
    assert_eq!(log.borrow().len(), 4);
}
