//! claim: an `LCell`-flavour cell cannot be opened with a `Cx` that carries a `GhostToken`: `CellExt` ties each cell to its own owner type.
use companion::async_cells::branded::{AsyncCell, CellExt, Cx};
use companion::ghost::GhostToken;
use std::task::Waker;

fn main() {
    GhostToken::new(|mut token| {
        let cell = AsyncCell::new(0);
        let mut cx = Cx::new(&mut token, Waker::noop());
        *cell.rw(&mut cx) += 1;
    });
}
