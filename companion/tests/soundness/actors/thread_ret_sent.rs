//! claim: a `Ret` cannot move to another thread: its closure has no `Send` bound (it typically holds an actor handle), so neither has the `Ret`.
use companion::actors::Ret;

fn main() {
    let answer = Ret::<'_, u32>::new(|_| {});
    std::thread::spawn(move || answer.ret(1));
}
