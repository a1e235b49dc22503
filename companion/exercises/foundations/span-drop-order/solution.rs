// A tiny tracer: a span records in a log when it closes, that is, when it is
// dropped, and names the span it was part of. `trace_request` opens one span for
// a request and one inside it for each query.

use std::cell::RefCell;

/// A unit of traced work. Dropping it records "NAME closed", or
/// "NAME closed (in PARENT)" for a span inside another.
pub struct Span<'a> {
    name: &'static str,
    parent: Option<&'a Span<'a>>,
    log: &'a RefCell<Vec<String>>,
}

impl<'a> Span<'a> {
    pub fn root(name: &'static str, log: &'a RefCell<Vec<String>>) -> Self {
        Span { name, parent: None, log }
    }

    pub fn child(&'a self, name: &'static str) -> Span<'a> {
        Span { name, parent: Some(self), log: self.log }
    }
}

impl Drop for Span<'_> {
    fn drop(&mut self) {
        let line = match self.parent {
            Some(parent) => format!("{} closed (in {})", self.name, parent.name),
            None => format!("{} closed", self.name),
        };
        self.log.borrow_mut().push(line);
    }
}

/// Traces a request that runs `queries`, each in a span inside the request's
/// span. Every span closes when the function returns.
pub fn trace_request(queries: &[&'static str], log: &RefCell<Vec<String>>) {
    // Locals are dropped in the reverse order of their declaration, and each
    // query span's `drop` reads its parent: the request must be declared first,
    // so that it is dropped last.
    let request = Span::root("request", log);
    let mut open = Vec::new();
    for &query in queries {
        open.push(request.child(query));
    }
}
