//! claim: an `InlineQueue` keeps its closures as plain bytes, but its lifetime parameter still carries their borrows: a closure that borrows a local cannot stay queued after the local is gone.
use companion::actors::queue::InlineQueue;

fn main() {
    let mut queue = InlineQueue::<Vec<String>>::new();
    {
        let name = String::from("short-lived");
        queue.push(|log: &mut Vec<String>| log.push(name.clone()));
    }
    let mut log = Vec::new();
    queue.run_next(&mut log);
}
