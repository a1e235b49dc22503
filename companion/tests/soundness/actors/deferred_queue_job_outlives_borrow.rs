//! claim: a `Job` taken off an `InlineQueue` carries its closure's borrows too: it cannot be run after a local its closure borrows is gone.
use companion::actors::queue::InlineQueue;

fn main() {
    let mut log = Vec::new();
    let job = {
        let name = String::from("short-lived");
        let mut queue = InlineQueue::<Vec<String>>::new();
        queue.push(|log: &mut Vec<String>| log.push(name.clone()));
        queue.pop().unwrap()
    };
    job.run(&mut log);
}
