//! claim: the story's Monitor bug, lent: the accessor's closure is synchronous, so it cannot await the alert.
use companion::async_cells::lent::{AsyncMarker, with_owner};
use companion::async_cells::story::monitor::{Monitor, SendAlert};
use qcell::TLCell;
use std::rc::Rc;

async fn receive(monitor: Rc<TLCell<AsyncMarker, Monitor>>, packet: Vec<u8>) {
    with_owner(|owner| {
        let tally = monitor.rw(owner);
        tally.packets += 1;
        if packet.is_empty() {
            SendAlert::new().await;
            tally.errors += 1;
        }
    })
    .await;
}

fn main() {
    let _ = receive;
}
