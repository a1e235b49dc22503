//! claim: the lent owner is `!Send`: it cannot be sent to another thread, where it would be a second owner of the marker.
use companion::async_cells::lent::{AsyncMarker, LentOwner};

fn main() {
    let owner = LentOwner::<AsyncMarker>::new();
    std::thread::spawn(move || drop(owner)).join().unwrap();
}
