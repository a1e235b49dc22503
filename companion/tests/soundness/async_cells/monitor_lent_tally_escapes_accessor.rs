//! claim: the story's Monitor bug, lent: the tally cannot be carried out of `with_owner` to an `.await`.
use companion::async_cells::lent::{AsyncMarker, with_owner};
use companion::async_cells::story::monitor::{Monitor, SendAlert};
use qcell::TLCell;
use std::rc::Rc;

async fn receive(monitor: Rc<TLCell<AsyncMarker, Monitor>>, packet: Vec<u8>) {
    let tally = with_owner(|owner| monitor.rw(owner)).await;
    tally.packets += 1;
    if packet.is_empty() {
        SendAlert::new().await;
        tally.errors += 1;
    }
}

fn main() {
    let _ = receive;
}
