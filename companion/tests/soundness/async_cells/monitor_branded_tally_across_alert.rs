//! claim: the story's Monitor bug, branded: the tally cannot stay open while the alert is polled.
use companion::async_cells::branded::{BrandedFuture, CellExt, Executor, from_std, poll_fn};
use companion::async_cells::story::monitor::{Monitor, SendAlert};
use companion::ghost::{GhostCell, GhostToken};
use std::pin::Pin;
use std::rc::Rc;
use std::task::Poll;

fn receive<'id>(monitor: Rc<GhostCell<'id, Monitor>>, packet: Vec<u8>) -> impl BrandedFuture<'id, Output = ()> {
    let mut alert = from_std(SendAlert::new());
    poll_fn(move |cx| {
        let tally = monitor.rw(cx);
        tally.packets += 1;
        if packet.is_empty() {
            if Pin::new(&mut alert).poll(cx).is_pending() {
                return Poll::Pending;
            }
            tally.errors += 1;
        }
        Poll::Ready(())
    })
}

fn main() {
    GhostToken::new(|token| {
        let monitor = Rc::new(GhostCell::new(Monitor::default()));
        let mut executor = Executor::new(token);
        executor.spawn(receive(monitor.clone(), vec![]));
        executor.spawn(receive(monitor, vec![1]));
        executor.run();
    });
}
