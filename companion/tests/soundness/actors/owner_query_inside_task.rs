//! claim: a task cannot borrow the runtime to open an actor's state: `spawn` already borrows the runtime mutably, and a task must live for `'id`, longer than any borrow of it (a task that owns the runtime through `Rc<RefCell<_>>` compiles, and the `RefCell` refuses it at every poll).
use companion::actors::{Cx, Ret, Runtime, actor};
use companion::async_cells::branded::poll_fn;
use std::task::Poll;
use std::time::Instant;

struct Counter {
    count: u32,
}

impl Counter {
    fn init<'id>(_: &mut Cx<'_, 'id, Self>) -> Option<Self> {
        Some(Counter { count: 0 })
    }
}

fn main() {
    let now = Instant::now();
    Runtime::scope(now, |mut rt| {
        let a = actor!(rt, Counter::init(), Ret::nop());
        let runtime = &mut rt;
        runtime.spawn(poll_fn(move |_| {
            a.query(runtime, |a, _| a.count += 1);
            Poll::Ready(())
        }));
    });
}
