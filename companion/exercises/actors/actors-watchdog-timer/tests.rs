use companion::actors::{ActorOwn, Ret, Runtime, actor, call};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(1);

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// Runs a watchdog in virtual time: `kicks` are the instants (in ms from the
/// start) at which it is kicked; the clock then runs on to `until_ms`, firing
/// every timer on the way. Returns the expiries, in ms from the start, and
/// whether a timer is still set at the end.
fn drive(kicks: &[u64], until_ms: u64) -> (Vec<u64>, bool) {
    let start = Instant::now();
    Runtime::scope(start, |mut rt| {
        let dog: ActorOwn<'_, Watchdog<'_>> = actor!(rt, Watchdog::init(TIMEOUT), Ret::nop());
        rt.run(start, false);
        let mut events: Vec<u64> = kicks.to_vec();
        events.push(until_ms);
        for (i, &at_ms) in events.iter().enumerate() {
            let at = start + ms(at_ms);
            // Fire every timer due before `at`, each at its own instant.
            while let Some(due) = rt.next_expiry().filter(|&due| due <= at) {
                rt.run(due, false);
            }
            rt.run(at, false);
            if i < kicks.len() {
                call!([dog], kick());
                rt.run(at, false);
            }
        }
        let expiries = dog.query(&mut rt, |d, _| d.expiries.clone()).expect("the watchdog is ready");
        let armed = rt.next_expiry().is_some();
        (expiries.iter().map(|&t| (t - start).as_millis() as u64).collect(), armed)
    })
}

#[test]
fn kicked_in_time_it_never_expires() {
    let kicks: Vec<u64> = (1..=20).map(|i| i * 500).collect();
    let (expiries, armed) = drive(&kicks, 10_500);
    assert_eq!(expiries, [] as [u64; 0]);
    assert!(armed, "the last kick's timer is still set");
}

#[test]
fn left_alone_it_expires_once_a_timeout_after_the_last_kick() {
    let (expiries, armed) = drive(&[500, 1000, 1500, 2000, 2500, 3000], 60_000);
    assert_eq!(expiries, [4000]);
    assert!(!armed, "nothing is set after the expiry");
}

#[test]
fn never_kicked_it_expires_a_timeout_after_its_start() {
    let (expiries, _) = drive(&[], 5_000);
    assert_eq!(expiries, [1000]);
}

#[test]
fn a_kick_after_an_expiry_arms_it_again() {
    let (expiries, armed) = drive(&[5_000], 60_000);
    assert_eq!(expiries, [1000, 6000]);
    assert!(!armed);
}

#[test]
fn an_hour_of_kicks_leaves_one_timer() {
    // A kick every 900 ms for an hour, then silence: one expiry, at the end.
    let kicks: Vec<u64> = (1..=4000).map(|i| i * 900).collect();
    let (expiries, _) = drive(&kicks, 4_000_000);
    // Thousands of stray expiries would bury the other tests' output: show a few.
    assert!(
        expiries == [3_601_000],
        "expected one expiry, at 3601000 ms; got {} expiries, the first ones at {:?} ms",
        expiries.len(),
        &expiries[..expiries.len().min(5)],
    );
}
