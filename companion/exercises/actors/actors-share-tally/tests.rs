use companion::actors::{Ret, Runtime, Share, actor, call};
use std::time::Instant;

#[test]
fn two_counters_share_one_tally() {
    let now = Instant::now();
    Runtime::scope(now, |mut rt| {
        let tally = Share::new(Tally::default());
        let auditor = actor!(rt, Auditor::init(), Ret::nop());
        let a = actor!(rt, Counter::init(tally.clone(), auditor.clone(), 10), Ret::nop());
        let b = actor!(rt, Counter::init(tally.clone(), auditor.clone(), 10), Ret::nop());
        call!([a], add(4));
        call!([b], add(5));
        rt.run(now, false);
        assert_eq!(tally.ro(&rt).total, 9);
        assert_eq!(tally.ro(&rt).alerts, 0);
        assert_eq!(auditor.query(&mut rt, |au, _| au.seen.clone()), Some(vec![]));
    });
}

#[test]
fn going_over_the_limit_alerts_and_tells_the_auditor() {
    let now = Instant::now();
    Runtime::scope(now, |mut rt| {
        let tally = Share::new(Tally::default());
        let auditor = actor!(rt, Auditor::init(), Ret::nop());
        let a = actor!(rt, Counter::init(tally.clone(), auditor.clone(), 10), Ret::nop());
        let b = actor!(rt, Counter::init(tally.clone(), auditor.clone(), 10), Ret::nop());
        for (counter, n) in [(&a, 4), (&b, 5), (&a, 3), (&b, 1)] {
            call!([counter], add(n));
        }
        rt.run(now, false);
        let (total, alerts) = (tally.ro(&rt).total, tally.ro(&rt).alerts);
        assert_eq!((total, alerts), (13, 2));
        assert_eq!(auditor.query(&mut rt, |au, _| au.seen.clone()), Some(vec![12, 13]));
        // Each alert was acknowledged to the counter that raised it.
        assert_eq!(a.query(&mut rt, |c, _| c.acks), Some(1));
        assert_eq!(b.query(&mut rt, |c, _| c.acks), Some(1));
    });
}
