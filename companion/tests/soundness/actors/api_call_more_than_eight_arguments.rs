//! claim: `call!` takes at most eight arguments besides `cx`, and says so, with what to do instead, rather than failing inside its expansion.
use companion::actors::{Cx, Ret, Runtime, actor, call};
use std::time::Instant;

struct Sum(u32);

impl Sum {
    fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
        Some(Sum(0))
    }
    #[allow(clippy::too_many_arguments)]
    fn add<'id>(&mut self, _: &mut Cx<'id, '_, Self>, a: u32, b: u32, c: u32, d: u32, e: u32, f: u32, g: u32, h: u32, i: u32) {
        self.0 += a + b + c + d + e + f + g + h + i;
    }
}

fn main() {
    Runtime::scope(Instant::now(), |rt| {
        let sum = actor!(rt, Sum::init(), Ret::nop());
        call!([sum], add(1, 2, 3, 4, 5, 6, 7, 8, 9));
    });
}
