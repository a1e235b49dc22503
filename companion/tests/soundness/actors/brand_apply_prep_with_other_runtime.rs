//! claim: `apply_prep` writes the actor's state through the actor owner of the runtime it is given, so that runtime must be the actor's: the outer runtime's actor prepared with the inner runtime is refused.
use companion::actors::{ActorOwn, Ret, Runtime};
use std::time::Instant;

fn main() {
    let now = Instant::now();
    Runtime::scope(now, |outer| {
        let names = ActorOwn::<Vec<String>>::new(&outer, Ret::nop());
        Runtime::scope(now, |mut inner| {
            names.apply_prep(&mut inner, |_cx| Some(Vec::new()));
        });
    });
}
