use companion::stack_token::Sticky;
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

type Download = Pin<Box<dyn Future<Output = usize> + Send>>;

fn poll_once(future: &mut Download) -> Poll<usize> {
    future.as_mut().poll(&mut Context::from_waker(Waker::noop()))
}

fn run_here(mut future: Download) -> usize {
    loop {
        if let Poll::Ready(logged) = poll_once(&mut future) {
            return logged;
        }
    }
}

#[test]
fn logs_every_chunk_on_the_logs_thread() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let logged = run_here(Box::pin(download(4, Sticky::new(Rc::clone(&log)))));
    assert_eq!(logged, 4);
    assert_eq!(*log.borrow(), [0, 1, 2, 3]);
}

#[test]
fn takes_one_poll_per_chunk() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let mut future: Download = Box::pin(download(2, Sticky::new(Rc::clone(&log))));
    assert!(poll_once(&mut future).is_pending());
    assert_eq!(*log.borrow(), [0]);
    assert!(poll_once(&mut future).is_pending());
    assert_eq!(poll_once(&mut future), Poll::Ready(2));
}

#[test]
fn chunks_received_on_another_thread_are_not_logged() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let mut future: Download = Box::pin(download(5, Sticky::new(Rc::clone(&log))));
    assert!(poll_once(&mut future).is_pending()); // chunk 0, here
    // The executor moves the download to another thread for two polls.
    let mut future = std::thread::spawn(move || {
        assert!(poll_once(&mut future).is_pending()); // chunk 1, there
        assert!(poll_once(&mut future).is_pending()); // chunk 2, there
        future
    })
    .join()
    .expect("polling on another thread must not panic");
    assert_eq!(run_here(future), 3); // chunks 3 and 4 back here
    assert_eq!(*log.borrow(), [0, 3, 4]);
}
