//! Asking the main loop to stop: `Core::shutdown`, `ret_shutdown!`, and the
//! reason the loop takes. Stakker 0.2.16's checks of `ret_shutdown!`
//! (`src/test/macros.rs`, `src/test/actor.rs`) ported, and where this
//! runtime differs: the first request is the one kept.

use super::*;

#[test]
fn ret_shutdown_passes_its_cause_or_dropped() {
    let t = start();
    Runtime::scope(t, |mut rt| {
        let ret = ret_shutdown!(rt);
        assert!(rt.not_shutdown());
        ret.ret(StopCause::Stopped);
        assert!(rt.not_shutdown(), "the request is a queued call");
        rt.run(t, false);
        assert!(matches!(rt.shutdown_reason(), Some(StopCause::Stopped)));

        let ret = ret_shutdown!(rt);
        drop(ret);
        rt.run(t, false);
        assert!(matches!(rt.shutdown_reason(), Some(StopCause::Dropped)));
        assert!(rt.not_shutdown(), "the reason was taken");
        assert!(rt.shutdown_reason().is_none());
    });
}

#[test]
fn an_actor_with_ret_shutdown_as_its_notify_ends_the_loop_when_it_stops() {
    let (l, drops, t) = (log(), Rc::new(Cell::new(0)), start());
    Runtime::scope(t, |mut rt| {
        let a = actor!(rt, Probe::init("a", l.clone(), drops.clone()), ret_shutdown!(rt));
        rt.run(t, false);
        drop(a);
        assert!(rt.shutdown_reason().is_none());
        rt.run(t, false);
        assert!(matches!(rt.shutdown_reason(), Some(StopCause::Dropped)));

        let b = actor!(rt, Probe::init("b", l.clone(), drops.clone()), ret_shutdown!(rt));
        call!([b], finish());
        let mut runs = 0;
        while rt.not_shutdown() {
            rt.run(t, false);
            runs += 1;
        }
        assert_eq!(runs, 1);
        assert!(matches!(rt.shutdown_reason(), Some(StopCause::Stopped)));
    });
}

#[test]
fn the_first_request_is_kept_until_the_loop_takes_it() {
    let t = start();
    Runtime::scope(t, |mut rt| {
        rt.defer(|rt| rt.shutdown(StopCause::Failed("disk full".into())));
        rt.defer(|rt| rt.shutdown(StopCause::Stopped));
        rt.run(t, false);
        assert_eq!(rt.shutdown_reason().map(|c| c.to_string()).as_deref(), Some("failed: disk full"));
        rt.shutdown(StopCause::Stopped);
        assert!(matches!(rt.shutdown_reason(), Some(StopCause::Stopped)));
    });
}

#[test]
fn a_request_left_queued_when_the_runtime_goes_is_dropped() {
    let (l, drops, t) = (log(), Rc::new(Cell::new(0)), start());
    Runtime::scope(t, |mut rt| {
        let a = actor!(rt, Probe::init("a", l.clone(), drops.clone()), ret_shutdown!(rt));
        rt.run(t, false);
        drop(a); // its stop is queued, and stopping it queues a request
    });
    assert_eq!(drops.get(), 1);
}
