//! The routes by which a token outlives the frame that made it, each tried
//! against `Sticky` and shown to be closed.
//!
//! Every route keeps a token, and a reference taken through it, alive in a
//! future across a suspension point, and lets the thread's thread-local
//! destructors run before the reference is used. Under a design that freed
//! the thread's values when its registry was destroyed, each read below
//! would be a use after free; `registry::tokens_at_teardown` shows that a
//! token was alive at that moment. The registry now waits for the last token,
//! so every read sees the value intact, and the value is dropped exactly
//! once, after the read, on its own thread.

use super::{Sticky, StickyError, poll_with_token, registry};
use crate::testing::yield_once;
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, OnceLock};
use std::task::{Context, Poll, Waker};
use std::thread;

type Log = Arc<Mutex<Vec<String>>>;

fn new_log() -> Log {
    Arc::new(Mutex::new(Vec::new()))
}

fn note(log: &Log, event: impl Into<String>) {
    log.lock().unwrap().push(event.into());
}

/// A thread-bound value that records its own drop.
struct Witness {
    text: String,
    log: Log,
}

impl Drop for Witness {
    fn drop(&mut self) {
        note(&self.log, "value dropped");
    }
}

/// Reads through a reference when it is dropped: a `Drop` guard inside a
/// future runs when the future is dropped, whether or not it finished.
struct ReadOnDrop<'a> {
    witness: &'a Witness,
}

impl Drop for ReadOnDrop<'_> {
    fn drop(&mut self) {
        note(&self.witness.log, format!("guard read {:?}", self.witness.text));
    }
}

/// The future of the routes: takes a reference through a token, suspends,
/// then reads through it; a guard reads through it again when the future
/// is dropped.
async fn holds_across_await(sticky: &'static Sticky<Witness>) {
    crate::stack_token!(token);
    let witness: &Witness = sticky.get(token);
    let _guard = ReadOnDrop { witness };
    yield_once().await;
    note(&witness.log, format!("future read {:?}", witness.text));
}

fn poll_once(future: Pin<&mut dyn Future<Output = ()>>) -> Poll<()> {
    future.poll(&mut Context::from_waker(Waker::noop()))
}

/// What a thread-local's destructor does with the half-run future it keeps.
#[derive(Clone, Copy)]
enum Ending {
    /// Polls it to completion.
    Finish,
    /// Drops it without another poll; only the guard reads.
    Drop,
}

struct Parked {
    future: Option<Pin<Box<dyn Future<Output = ()>>>>,
    ending: Ending,
    log: Log,
}

impl Drop for Parked {
    fn drop(&mut self) {
        let tokens = registry::tokens_at_teardown();
        note(&self.log, format!("registry torn down with {tokens:?} live tokens"));
        match (self.future.take(), self.ending) {
            (Some(mut future), Ending::Finish) => assert!(poll_once(future.as_mut()).is_ready()),
            (future, _) => drop(future),
        }
        note(&self.log, "future gone");
    }
}

thread_local! {
    static PARKED: RefCell<Option<Parked>> = const { RefCell::new(None) };
}

/// Runs a thread that calls `setup` with the log, polls the future once,
/// parks it in `PARKED` (touched first, so destroyed after the registry), and
/// exits. Returns the log.
fn run_parked(
    ending: Ending,
    sticky: &'static OnceLock<Sticky<Witness>>,
    setup: impl FnOnce(&Log) + Send + 'static,
) -> Vec<String> {
    let log = new_log();
    let thread_log = log.clone();
    thread::spawn(move || {
        PARKED.with(|_| ()); // registered before the registry: destroyed after it
        setup(&thread_log);
        let sticky = sticky.get_or_init(|| {
            Sticky::new(Witness {
                text: String::from("intact"),
                log: thread_log.clone(),
            })
        });
        let mut future: Pin<Box<dyn Future<Output = ()>>> = Box::pin(holds_across_await(sticky));
        assert!(poll_once(future.as_mut()).is_pending());
        PARKED.with(|parked| {
            *parked.borrow_mut() = Some(Parked {
                future: Some(future),
                ending,
                log: thread_log,
            })
        });
    })
    .join()
    .unwrap();
    log.lock().unwrap().clone()
}

#[test]
fn a_future_polled_after_the_registry_reads_an_intact_value() {
    static HANDLE: OnceLock<Sticky<Witness>> = OnceLock::new();
    assert_eq!(
        run_parked(Ending::Finish, &HANDLE, |_| ()),
        [
            "registry torn down with Some(1) live tokens",
            "future read \"intact\"",
            "guard read \"intact\"",
            "value dropped",
            "future gone",
        ]
    );
}

#[test]
fn a_future_dropped_after_the_registry_lets_its_guard_read_an_intact_value() {
    static HANDLE: OnceLock<Sticky<Witness>> = OnceLock::new();
    assert_eq!(
        run_parked(Ending::Drop, &HANDLE, |_| ()),
        [
            "registry torn down with Some(1) live tokens",
            "guard read \"intact\"",
            "value dropped",
            "future gone",
        ]
    );
}

#[test]
#[cfg_attr(miri, ignore = "leaks the future's allocation on purpose, which Miri reports")]
fn a_leaked_future_polled_from_a_destructor_reads_an_intact_value() {
    struct FinishLeaked(Option<Pin<&'static mut dyn Future<Output = ()>>>, Log);
    impl Drop for FinishLeaked {
        fn drop(&mut self) {
            let tokens = registry::tokens_at_teardown();
            note(&self.1, format!("registry torn down with {tokens:?} live tokens"));
            if let Some(future) = self.0.take() {
                assert!(poll_once(future).is_ready());
            }
        }
    }
    thread_local!(static LEAKED: RefCell<Option<FinishLeaked>> = const { RefCell::new(None) });
    static HANDLE: OnceLock<Sticky<Witness>> = OnceLock::new();

    let log = new_log();
    let thread_log = log.clone();
    thread::spawn(move || {
        LEAKED.with(|_| ());
        let sticky = HANDLE.get_or_init(|| {
            Sticky::new(Witness {
                text: String::from("intact"),
                log: thread_log.clone(),
            })
        });
        let leaked: &'static mut dyn Future<Output = ()> =
            Box::leak(Box::new(holds_across_await(sticky)));
        let mut future = Pin::static_mut(leaked);
        assert!(poll_once(future.as_mut()).is_pending());
        LEAKED.with(|slot| *slot.borrow_mut() = Some(FinishLeaked(Some(future), thread_log)));
    })
    .join()
    .unwrap();
    assert_eq!(
        *log.lock().unwrap(),
        [
            "registry torn down with Some(1) live tokens",
            "future read \"intact\"",
            "guard read \"intact\"",
            "value dropped",
        ]
    );
}

#[test]
fn a_late_poll_with_token_gets_an_error_not_a_value() {
    type LateFuture = Pin<Box<dyn Future<Output = Result<usize, StickyError>>>>;
    struct LatePoll(Option<LateFuture>, Log);
    impl Drop for LatePoll {
        fn drop(&mut self) {
            if let Some(mut future) = self.0.take() {
                let mut cx = Context::from_waker(Waker::noop());
                note(&self.1, format!("late poll: {:?}", future.as_mut().poll(&mut cx)));
            }
        }
    }
    thread_local!(static LATE: RefCell<Option<LatePoll>> = const { RefCell::new(None) });

    let log = new_log();
    let thread_log = log.clone();
    thread::spawn(move || {
        LATE.with(|_| ());
        let value = Sticky::new(String::from("gone by then"));
        let future = poll_with_token(move |token, _| Poll::Ready(value.try_get(token).map(String::len)));
        LATE.with(|late| *late.borrow_mut() = Some(LatePoll(Some(Box::pin(future)), thread_log)));
    })
    .join()
    .unwrap();
    assert_eq!(
        *log.lock().unwrap(),
        ["late poll: Ready(Err(TearingDown))"]
    );
}

#[test]
fn a_token_in_a_destructor_during_teardown_is_counted_and_released() {
    // The registry waits for the future's token; when that token goes, the
    // deferred values are dropped, and one of them makes and drops a token
    // of its own in its destructor, which must find nothing left to run.
    struct MakesToken(Log);
    impl Drop for MakesToken {
        fn drop(&mut self) {
            crate::stack_token!(token);
            let _ = token;
            note(&self.0, "nested token released");
        }
    }
    static HANDLE: OnceLock<Sticky<Witness>> = OnceLock::new();
    let events = run_parked(Ending::Drop, &HANDLE, |log| {
        std::mem::forget(Sticky::new(MakesToken(log.clone())));
    });
    assert_eq!(events[0], "registry torn down with Some(1) live tokens");
    assert_eq!(events[1], "guard read \"intact\"");
    let mut dropped = events[2..4].to_vec();
    dropped.sort();
    assert_eq!(dropped, ["nested token released", "value dropped"]);
    assert_eq!(events[4], "future gone");
}
