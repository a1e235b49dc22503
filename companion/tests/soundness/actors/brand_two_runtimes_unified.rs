//! claim: two runtimes cannot be given one brand: each `Runtime::scope` makes a fresh one, so a function that wants the same `'id` for both refuses them.
use companion::actors::Runtime;
use std::time::Instant;

fn same_brand<'id>(_: &mut Runtime<'id>, _: &mut Runtime<'id>) {}

fn main() {
    let now = Instant::now();
    Runtime::scope(now, |mut a| {
        Runtime::scope(now, |mut b| {
            same_brand(&mut a, &mut b);
        });
    });
}
