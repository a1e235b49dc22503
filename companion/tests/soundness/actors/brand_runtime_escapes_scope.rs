//! claim: the runtime cannot be returned out of its scope: then two scopes' runtimes could meet with nothing left to tell their brands apart.
use companion::actors::Runtime;
use std::time::Instant;

fn main() {
    let now = Instant::now();
    let rt = Runtime::scope(now, |rt| rt);
    drop(rt);
}
