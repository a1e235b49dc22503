//! claim: a prep reply (`Ret::to_actor_prep`) carries the brand of the actor it finishes: one made for the outer runtime's actor cannot be passed to a method of the inner runtime's actor, which takes that runtime's `Ret` only.
use companion::actors::{ActorOwn, Cx, Ret, Runtime, actor};
use std::time::Instant;

struct Settings;

impl Settings {
    fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
        Some(Settings)
    }
    fn port<'id>(&mut self, _: &mut Cx<'id, '_, Self>, answer: Ret<'id, u16>) {
        answer.ret(8080);
    }
}

struct Server {
    port: u16,
}

fn main() {
    let now = Instant::now();
    Runtime::scope(now, |outer| {
        let server = ActorOwn::<Server>::new(&outer, Ret::nop());
        Runtime::scope(now, |mut inner| {
            let settings = actor!(inner, Settings::init(), Ret::nop());
            inner.run(now, false);
            settings.query(&mut inner, |settings, cx| {
                let answer = Ret::to_actor_prep(&server, |_cx, port| port.map(|port| Server { port }));
                settings.port(cx, answer);
            });
        });
    });
}
