//! The lifecycle events of the `log` feature, caught by a logger that keeps
//! each thread's records apart, so tests running side by side do not see
//! each other's.

use super::*;
use log::{Level, Log, Metadata, Record};

struct ThreadLogger;

thread_local! {
    static RECORDS: RefCell<Vec<(Level, String)>> = const { RefCell::new(Vec::new()) };
}

impl Log for ThreadLogger {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn log(&self, record: &Record<'_>) {
        if record.target() == "companion::actors" {
            RECORDS.with(|r| r.borrow_mut().push((record.level(), record.args().to_string())));
        }
    }
    fn flush(&self) {}
}

/// This thread's records so far, taken.
fn records() -> Vec<(Level, String)> {
    static INSTALL: std::sync::Once = std::sync::Once::new();
    INSTALL.call_once(|| {
        log::set_logger(&ThreadLogger).expect("no other logger in this test binary");
        log::set_max_level(log::LevelFilter::Trace);
    });
    RECORDS.with(|r| r.take())
}

#[test]
fn start_stop_and_failed_prep_are_logged_with_the_actor_s_id() {
    struct Port;
    impl Port {
        fn init<'id>(cx: &mut Cx<'id, '_, Self>, text: &str) -> Option<Self> {
            match text.parse::<u16>() {
                Ok(_) => Some(Port),
                Err(e) => {
                    cx.fail(e);
                    None
                }
            }
        }
    }
    records();
    let (l, drops, t) = (log(), Rc::new(Cell::new(0)), start());
    Runtime::scope(t, |mut rt| {
        let good = actor!(rt, Port::init("80"), Ret::nop());
        let bad = actor!(rt, Port::init("eighty"), Ret::nop());
        let probe = actor!(rt, Probe::init("p", l.clone(), drops.clone()), Ret::nop());
        rt.run(t, false);
        call!([probe], finish());
        drop(good.owned());
        good.kill("by the test");
        rt.run(t, false);
        let port = core::any::type_name::<Port>();
        let probe_type = core::any::type_name::<Probe<'_>>();
        assert_eq!(
            records(),
            [
                (Level::Debug, format!("actor {} {port}: started", good.id())),
                (Level::Warn, format!("actor {} {port}: stopped in prep: failed: invalid digit found in string", bad.id())),
                (Level::Debug, format!("actor {} {probe_type}: started", probe.id())),
                (Level::Debug, format!("actor {} {probe_type}: stopped: stopped", probe.id())),
                (Level::Warn, format!("actor {} {port}: stopped: killed: by the test", good.id())),
            ]
        );
        drop(bad);
        rt.run(t, false);
        assert!(records().is_empty(), "an actor stops once");
    });
}

#[test]
fn a_dropped_actor_is_logged_at_debug_and_a_panic_at_warn() {
    records();
    let t = start();
    Runtime::scope(t, |mut rt| {
        let quiet = ActorOwn::<u8>::new(&rt, Ret::nop());
        quiet.defer_prep(|_| Some(1));
        let loud = ActorOwn::<u8>::new(&rt, Ret::nop());
        loud.defer_prep(|_| panic!("in prep"));
        let id = (quiet.id(), loud.id());
        assert!(catch_unwind(AssertUnwindSafe(|| rt.run(t, false))).is_err());
        drop(quiet);
        rt.run(t, false);
        assert_eq!(
            records(),
            [
                (Level::Debug, format!("actor {} u8: started", id.0)),
                (Level::Warn, format!("actor {} u8: stopped in prep: panicked", id.1)),
                (Level::Debug, format!("actor {} u8: stopped: dropped", id.0)),
            ]
        );
    });
}
