//! claim: an `InlineQueue` cannot move to another thread: the closures in its ring are plain bytes that may hold an `Rc`, so the queue is never `Send`.
use companion::actors::queue::InlineQueue;
use std::rc::Rc;

fn main() {
    let shared = Rc::new(1);
    let mut queue = InlineQueue::<u32>::new();
    queue.push(move |n: &mut u32| *n += *shared);
    std::thread::spawn(move || {
        while queue.run_next(&mut 0) {}
    });
}
