//! `process::exit` on the main thread runs that thread's thread-local
//! destructors while other threads, scoped threads included, still run. A
//! scoped thread may hold references that the main thread took through a
//! stack token: `&T` from `Sticky::get` and from `TokenLocal::get` are
//! `Send` when `T: Sync`.
//!
//! This test target has no libtest harness: run without arguments, it
//! starts itself again as a child process that does exactly that, and checks
//! what the child reported. In the child, the registry's destructor finds the
//! main thread's token alive and waits, so the value is never freed under
//! the reader; the token-local read through `TokenLocal::get` has no destructor
//! at all. `ci/asan` runs the same child under AddressSanitizer, which sees
//! memory that Miri cannot (Miri does not run thread-local destructors on
//! `exit`), and runs `std-with` mode to show that std's `LocalKey::with` has
//! the same exposure, which is not the companion's to close.

use companion::stack_token::Sticky;
use std::io::Write;
use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;
use std::time::Duration;

const MODE: &str = "STACK_TOKEN_EXIT_MODE";

/// A value that says when it is dropped, on standard error.
struct Witness(String);

impl Drop for Witness {
    fn drop(&mut self) {
        eprintln!("value dropped");
    }
}

/// Reads done by the scoped reader, counted across threads.
static READS: AtomicU64 = AtomicU64::new(0);

/// Reads once more than `READS` says, forever.
fn read_forever(read: impl Fn() -> bool) -> ! {
    loop {
        if !read() {
            eprintln!("reader saw a changed value");
            std::process::abort();
        }
        READS.fetch_add(1, Ordering::Relaxed);
    }
}

/// A thread-local whose destructor waits until the reader has read another
/// 1000 times. Used before the thread-local under test, it is destroyed after
/// it, so the reader is certain to read after that destructor ran, however
/// the threads are scheduled.
struct LetTheReaderRead;

impl Drop for LetTheReaderRead {
    fn drop(&mut self) {
        let start = READS.load(Ordering::Relaxed);
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while READS.load(Ordering::Relaxed) < start + 1000 && std::time::Instant::now() < deadline {
            thread::yield_now();
        }
    }
}

thread_local!(static LATER: LetTheReaderRead = const { LetTheReaderRead });

companion::token_local!(static HITS: AtomicU64 = const { AtomicU64::new(0) });

/// Starts the reader in a scoped thread, waits until it runs, and calls
/// `exit` from inside the scope.
fn exit_while_reading(read: impl Fn() -> bool + Send + Sync) -> ! {
    thread::scope(|scope| {
        scope.spawn(|| read_forever(&read));
        while READS.load(Ordering::Relaxed) < 1000 {
            thread::yield_now();
        }
        eprintln!("exit while the reader reads");
        std::io::stderr().flush().unwrap();
        std::process::exit(0)
    })
}

/// The main thread takes references through a token, lends them to a scoped
/// thread that keeps reading, and calls `exit` while it reads.
fn companion_child() -> ! {
    LATER.with(|_| ()); // used before the registry: destroyed after it
    let value = Sticky::new(Witness(String::from("intact")));
    companion::stack_token!(token);
    let witness: &Witness = value.get(token);
    let hits: &AtomicU64 = HITS.get(token);
    exit_while_reading(|| {
        hits.fetch_add(1, Ordering::Relaxed);
        witness.0 == "intact"
    })
}

thread_local!(static NAME: String = String::from("intact"));

/// The same shape with std alone: `LocalKey::with` lends `&String` to a
/// closure, which hands it to a scoped thread and calls `exit`. `exit` runs
/// the destructor of `NAME`, and the reader reads freed memory: undefined
/// behaviour, run only under AddressSanitizer by `ci/asan`, never by
/// `ci/test`.
fn std_with_child() -> ! {
    LATER.with(|_| ()); // used before NAME: destroyed after it
    NAME.with(|name| {
        // The reader reads the heap buffer the destructor frees, not the
        // `String`'s own fields in the thread-local's slot.
        // Byte by byte in this crate's own code, which AddressSanitizer
        // instruments (a slice comparison may call an uninstrumented memcmp).
        let bytes: &[u8] = name.as_bytes();
        exit_while_reading(|| bytes.iter().zip(b"intact").all(|(read, expected)| read == expected))
    })
}

fn main() {
    match std::env::var(MODE).as_deref() {
        Ok("companion") => companion_child(),
        Ok("std-with") => std_with_child(),
        Ok(other) => panic!("{MODE}={other}: expected `companion` or `std-with`"),
        Err(_) => {}
    }
    let me = std::env::current_exe().unwrap();
    let child = Command::new(me).env(MODE, "companion").output().unwrap();
    let stderr = String::from_utf8_lossy(&child.stderr);
    assert!(child.status.success(), "the child failed: {:?}\n{stderr}", child.status);
    assert_eq!(
        stderr, "exit while the reader reads\n",
        "the value must not be dropped under a reader whose token is still alive"
    );
    println!("stack_token_exit: 1 passed, 0 failed");
}
