// The story's Monitor with `Rc<RefCell<_>>`. Every packet handler counts what it
// sees; a handler that finds a bad (empty) packet also sends an alert, which
// takes one round of the executor. As written, the tally stays borrowed while the
// alert is pending: the next handler to run panics with "already borrowed", and
// so does the alert itself when `send_alert` counts it, so even a single bad
// packet panics. Make `receive` correct without changing what it counts.

use futures::executor::LocalPool;
use futures::task::LocalSpawnExt;
use std::cell::RefCell;
use std::rc::Rc;
use std::task::Poll;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Monitor {
    pub packets: u64,
    pub errors: u64,
    pub alerts_sent: u64,
}

/// An alert handed to a slow sink: pending for one round of the executor.
pub async fn send_alert(monitor: &RefCell<Monitor>) {
    let mut sent = false;
    std::future::poll_fn(|cx| {
        if sent {
            return Poll::Ready(());
        }
        sent = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    })
    .await;
    monitor.borrow_mut().alerts_sent += 1;
}

pub async fn receive(monitor: Rc<RefCell<Monitor>>, packet: Vec<u8>) {
    let mut tally = monitor.borrow_mut();
    tally.packets += 1;
    if packet.is_empty() {
        tally.errors += 1;
        send_alert(&monitor).await;
    }
}

/// One task per packet on a `LocalPool`; returns the tallies.
pub fn run(packets: Vec<Vec<u8>>) -> Monitor {
    let monitor = Rc::new(RefCell::new(Monitor::default()));
    let mut pool = LocalPool::new();
    for packet in packets {
        pool.spawner().spawn_local(receive(Rc::clone(&monitor), packet)).unwrap();
    }
    pool.run();
    let tally = *monitor.borrow();
    tally
}
