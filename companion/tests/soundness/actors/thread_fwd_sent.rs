//! claim: a `Fwd` cannot move to another thread: it is an `Rc` of a closure with no `Send` bound.
use companion::actors::Fwd;

fn main() {
    let out = Fwd::<'_, u32>::new(|_| {});
    std::thread::spawn(move || out.fwd(1));
}
