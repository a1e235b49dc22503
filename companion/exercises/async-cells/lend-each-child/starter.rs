// Jobs run concurrently in a `FuturesUnordered`; each one yields once, then adds
// its weight to a tally kept in a `TLCell`. `run_jobs` lends the owner to the
// whole thing and panics: `FuturesUnordered` polls its children with a
// `Context` of its own, which carries no owner. Make every job find the owner.

use companion::async_cells::lent::{AsyncMarker, LentOwner, with_owner};
use futures::StreamExt;
use futures::executor::block_on;
use futures::stream::FuturesUnordered;
use qcell::TLCell;
use std::task::Poll;

pub type Tally = TLCell<AsyncMarker, u32>;

/// Pending once (waking itself), then ready: other jobs run in between.
async fn yield_once() {
    let mut yielded = false;
    std::future::poll_fn(|cx| {
        if yielded {
            return Poll::Ready(());
        }
        yielded = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    })
    .await
}

pub async fn job(tally: &Tally, weight: u32) {
    yield_once().await;
    with_owner(|owner| *tally.rw(owner) += weight).await;
}

/// Runs one job per weight, all at once, and returns the tally.
pub fn run_jobs(owner: &LentOwner<AsyncMarker>, tally: &Tally, weights: &[u32]) -> u32 {
    block_on(owner.lend(async {
        let jobs: FuturesUnordered<_> = weights.iter().map(|&weight| job(tally, weight)).collect();
        jobs.collect::<Vec<()>>().await;
    }));
    owner.with(|owner| *tally.ro(owner))
}
