//! claim: `anon()` takes the owner it erases: the typed owner is gone, so it cannot be used, or cloned into a second owner, behind the erased one's back.
use companion::actors::{ActorOwn, Ret, Runtime};
use std::time::Instant;

fn main() {
    Runtime::scope(Instant::now(), |rt| {
        let own = ActorOwn::<u8>::new(&rt, Ret::nop());
        let anon = own.anon();
        let second = own.owned();
        drop((anon, second));
    });
}
