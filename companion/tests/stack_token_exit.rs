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
use std::sync::mpsc;
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

companion::token_local!(static READS: AtomicU64 = const { AtomicU64::new(0) });

/// The main thread takes references through a token, lends them to a scoped
/// thread that keeps reading, and calls `exit` while it reads.
fn companion_child() -> ! {
    let value = Sticky::new(Witness(String::from("intact")));
    companion::stack_token!(token);
    let witness: &Witness = value.get(token);
    let reads: &AtomicU64 = READS.get(token);
    let (started, wait_for_reader) = mpsc::channel();
    thread::scope(|scope| {
        scope.spawn(move || {
            loop {
                if witness.0 != "intact" {
                    eprintln!("reader saw a changed value");
                    std::process::abort();
                }
                if reads.fetch_add(1, Ordering::Relaxed) == 1000 {
                    started.send(()).unwrap();
                }
            }
        });
        wait_for_reader.recv().unwrap();
        eprintln!("exit while the reader reads");
        std::io::stderr().flush().unwrap();
        std::process::exit(0)
    })
}

thread_local!(static NAME: String = String::from("intact"));

/// The same shape with std alone: `LocalKey::with` lends `&String` to a
/// closure, which hands it to a scoped thread and calls `exit`. `exit` runs
/// the destructor of `NAME`, and the reader reads freed memory: undefined
/// behaviour, run only under AddressSanitizer by `ci/asan`, never by
/// `ci/test`.
fn std_with_child() -> ! {
    NAME.with(|name| {
        let (started, wait_for_reader) = mpsc::channel();
        thread::scope(|scope| {
            scope.spawn(move || {
                let mut reads = 0_u64;
                loop {
                    // Reads the heap buffer, which the destructor frees.
                    reads += u64::from(name.as_str() == "intact");
                    if reads == 1000 {
                        started.send(()).unwrap();
                    }
                }
            });
            wait_for_reader.recv().unwrap();
            // Give the reader time to be reading while the destructor runs.
            thread::sleep(Duration::from_millis(1));
            std::process::exit(0)
        })
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
