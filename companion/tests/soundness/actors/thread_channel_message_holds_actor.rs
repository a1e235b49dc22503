//! claim: a channel's message cannot smuggle an actor handle to another thread: the handle is not `Send`, so neither is the message.
use companion::actors::{Actor, ActorOwn, Channel, Fwd, Ret, Runtime};
use std::time::Instant;

fn main() {
    Runtime::scope(Instant::now(), |mut rt| {
        let own = ActorOwn::<u32>::new(&rt, Ret::nop());
        let (channel, _guard) = Channel::new(&mut rt, Fwd::new(|_: Actor<'_, u32>| {}));
        std::thread::spawn(move || channel.send(own.clone()));
    });
}
