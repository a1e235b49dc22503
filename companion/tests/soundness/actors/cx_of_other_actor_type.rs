//! claim: the `Cx` of one actor type is not the `Cx` of another: it names the actor it was made for, so it cannot stop (or answer for) a different actor.
use companion::actors::Cx;

struct Door;
struct Alarm;

fn shut_down<'id>(cx: &mut Cx<'id, '_, Alarm>) {
    cx.stop();
}

impl Door {
    fn open<'id>(&mut self, cx: &mut Cx<'id, '_, Self>) {
        shut_down(cx);
    }
}

fn main() {}
