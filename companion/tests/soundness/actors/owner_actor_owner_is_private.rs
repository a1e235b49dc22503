//! claim: the owner of actor state cannot be named outside the runtime: its module is private, so no code can make one, hold one, or open an actor cell with one.
use companion::actors::cell::ActorOwner;

fn main() {
    let _owner: ActorOwner<'static>;
}
