//! claim: no other type can become a share owner: `ShareOwner` is sealed, so only the runtime, its core, an actor's `Cx` and a task's poll context, which all reach the one share token, open shares.
use companion::actors::{Share, ShareOwner};

struct Forger;

impl<'id> ShareOwner<'id> for Forger {}

fn main() {
    let tally = Share::new(0);
    *tally.rw(&mut Forger) += 1;
}
