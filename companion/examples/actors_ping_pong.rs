//! Two actors bounce a ball back and forth, N times.
//!
//! What it shows: the smallest complete program on `companion::actors`. Each
//! actor holds a handle to the other, every hit is a queued call
//! (`call!`), and the runtime delivers the calls one at a time with `&mut`
//! to the actor's state. When the rally is over, `Ping` answers through the
//! `Ret` it was given at creation, and the program reads both actors' counts
//! from outside with `query`.
//!
//! Run it with `cargo run -p companion --example actors_ping_pong`; its test
//! runs with `cargo test -p companion --example actors_ping_pong`.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Instant;

use companion::actors::{Actor, Cx, Ret, Runtime, actor, call};

// ANCHOR: actors
/// Serves the ball, and hits it again each time it comes back, until it has
/// come back `rounds` times.
struct Ping<'id> {
    pong: Actor<'id, Pong>,
    rounds: u32,
    hits: u32,
    done: Option<Ret<'id, u32>>,
}

/// Hits every ball back to whoever sent it.
struct Pong {
    hits: u32,
}

impl<'id> Ping<'id> {
    fn init(_: &mut Cx<'id, '_, Self>, pong: Actor<'id, Pong>, rounds: u32, done: Ret<'id, u32>) -> Option<Self> {
        Some(Ping { pong, rounds, hits: 0, done: Some(done) })
    }

    /// The ball comes back for the `returns`-th time (0: the serve).
    fn ball(&mut self, cx: &mut Cx<'id, '_, Self>, returns: u32) {
        if returns == self.rounds {
            // The rally is over: answer once.
            if let Some(done) = self.done.take() {
                done.ret(returns);
            }
            return;
        }
        self.hits += 1;
        call!([self.pong], ball(cx.this().clone(), returns));
    }
}

impl Pong {
    fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
        Some(Pong { hits: 0 })
    }

    fn ball<'id>(&mut self, _: &mut Cx<'id, '_, Self>, back: Actor<'id, Ping<'id>>, returns: u32) {
        self.hits += 1;
        call!([back], ball(returns + 1));
    }
}
// ANCHOR_END: actors

/// What one rally did.
#[derive(Debug, PartialEq, Eq)]
struct Summary {
    /// How often the ball came back, as `Ping` reported it.
    reported: u32,
    ping_hits: u32,
    pong_hits: u32,
}

// ANCHOR: run
fn run(rounds: u32) -> Summary {
    let now = Instant::now();
    Runtime::scope(now, |mut rt| {
        let reported = Rc::new(Cell::new(None));
        let r = reported.clone();
        let pong = actor!(rt, Pong::init(), Ret::nop());
        let done = Ret::new(move |last: Option<u32>| r.set(last));
        let ping = actor!(rt, Ping::init(pong.clone(), rounds, done), Ret::nop());
        call!([ping], ball(0));
        rt.run(now, false); // every hit is a queued call: one run plays the whole rally
        Summary {
            reported: reported.get().expect("Ping answers when the rally is over"),
            ping_hits: ping.query(&mut rt, |p, _| p.hits).expect("Ping is ready"),
            pong_hits: pong.query(&mut rt, |p, _| p.hits).expect("Pong is ready"),
        }
    })
}
// ANCHOR_END: run

fn main() {
    let rounds = 10;
    let summary = run(rounds);
    println!("ping-pong: the ball is to come back {rounds} times");
    println!("Ping hit it {} times, Pong {} times", summary.ping_hits, summary.pong_hits);
    println!("Ping reported {} returns", summary.reported);
    assert_eq!(summary, Summary { reported: rounds, ping_hits: rounds, pong_hits: rounds });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_rounds_are_ten_hits_each() {
        assert_eq!(run(10), Summary { reported: 10, ping_hits: 10, pong_hits: 10 });
    }

    #[test]
    fn one_round_is_a_serve_and_a_return() {
        assert_eq!(run(1), Summary { reported: 1, ping_hits: 1, pong_hits: 1 });
    }

    #[test]
    fn a_long_rally_runs_in_one_call_of_run() {
        assert_eq!(run(100_000), Summary { reported: 100_000, ping_hits: 100_000, pong_hits: 100_000 });
    }

    #[test]
    fn a_rally_of_zero_is_answered_at_once() {
        assert_eq!(run(0), Summary { reported: 0, ping_hits: 0, pong_hits: 0 });
    }
}
