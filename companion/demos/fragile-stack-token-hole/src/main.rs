//! A future takes a reference through fragile's stack token, suspends, and
//! is parked in a thread-local that the thread touched first, so that its
//! destructor runs after fragile's registry has freed the value. The
//! destructor polls the future, which reads through the reference.
//!
//! This is undefined behaviour, and Miri reports it; `ci/miri` checks that
//! it does, by looking for the words of the next line in Miri's report.
//!
//! Miri reports: encountered a dangling reference (use-after-free)
//!
//! The same program against `companion::stack_token` is the test
//! `a_future_polled_after_the_registry_reads_an_intact_value`.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::sync::OnceLock;
use std::task::{Context, Poll, Waker};

fn yield_once() -> impl Future<Output = ()> {
    let mut yielded = false;
    std::future::poll_fn(move |_| {
        if yielded {
            Poll::Ready(())
        } else {
            yielded = true;
            Poll::Pending
        }
    })
}

fn holds_across_await(sticky: &'static fragile::Sticky<String>) -> impl Future<Output = usize> {
    async move {
        fragile::stack_token!(token);
        let text: &String = sticky.get(token);
        yield_once().await;
        text.len()
    }
}

struct Parked(RefCell<Option<Pin<Box<dyn Future<Output = usize>>>>>);

impl Drop for Parked {
    fn drop(&mut self) {
        if let Some(mut future) = self.0.borrow_mut().take() {
            let mut cx = Context::from_waker(Waker::noop());
            println!("late read: {:?}", future.as_mut().poll(&mut cx));
        }
    }
}

thread_local!(static PARKED: Parked = const { Parked(RefCell::new(None)) });
static HANDLE: OnceLock<fragile::Sticky<String>> = OnceLock::new();

fn main() {
    std::thread::spawn(|| {
        PARKED.with(|_| ()); // registered before fragile's registry: destroyed after it
        let sticky = HANDLE.get_or_init(|| fragile::Sticky::new(String::from("freed by then")));
        let mut future: Pin<Box<dyn Future<Output = usize>>> = Box::pin(holds_across_await(sticky));
        let mut cx = Context::from_waker(Waker::noop());
        assert!(future.as_mut().poll(&mut cx).is_pending());
        PARKED.with(|parked| *parked.0.borrow_mut() = Some(future));
    })
    .join()
    .unwrap();
}
