//! claim: a scoped thread cannot even read the runtime through `&Runtime` (its clock, a share's `ro`): the runtime is not `Sync`, so `&Runtime` is not `Send`.
use companion::actors::Runtime;
use std::time::Instant;

fn main() {
    Runtime::scope(Instant::now(), |rt| {
        let rt = &rt;
        std::thread::scope(|s| {
            s.spawn(move || rt.now());
        });
    });
}
