//! claim: a lending adapter cannot be assembled by hand: `Lend`'s fields are private, so every `Lend` comes from a `LentOwner`.
use companion::async_cells::lent::{AsyncMarker, Lend};

#[allow(unreachable_code)]
fn main() {
    // `panic!()` stands in for the owner's slot, whose type is private too.
    let _fake: Lend<AsyncMarker, _> = Lend { slot: panic!(), future: std::future::ready(()) };
}
