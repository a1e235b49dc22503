//! claim: a share cannot move to another thread: it is an `Rc` of a cell whose owner stays in the runtime's thread.
use companion::actors::Share;

fn main() {
    let tally = Share::<'_, u32>::new(0);
    std::thread::spawn(move || tally.strong_count());
}
