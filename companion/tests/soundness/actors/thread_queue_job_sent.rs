//! claim: a `Job` taken off an `InlineQueue` cannot move to another thread: its closure, stored as plain bytes, may hold an `Rc`, so the job is never `Send`.
use companion::actors::queue::InlineQueue;
use std::rc::Rc;

fn main() {
    let shared = Rc::new(1);
    let mut queue = InlineQueue::<u32>::new();
    queue.push(move |n: &mut u32| *n += *shared);
    let job = queue.pop().unwrap();
    std::thread::spawn(move || job.run(&mut 0));
}
