use companion::async_cells::lent::LentOwner;
use futures::StreamExt;
use futures::executor::LocalPool;
use std::future::Future;
use std::pin::pin;
use std::task::Waker;
use std::time::Duration;

/// One poll of the pipe inside a `Lend`, with a waker that never wakes: a
/// `Pending` here could never be followed by a wake-up.
fn poll_once(owner: &LentOwner<AsyncMarker>, pipe: &mut StreamPipe) -> Poll<Option<u32>> {
    let lend = pin!(owner.lend(std::future::poll_fn(|cx| Poll::Ready(Pin::new(&mut *pipe).poll_next(cx)))));
    match lend.poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(next) => next,
        Poll::Pending => unreachable!("the poll_fn is ready in its first poll"),
    }
}

#[test]
fn each_poll_yields_an_item_delivered_before_it() {
    let owner = LentOwner::<AsyncMarker>::new();
    let mut pipe = StreamPipe::new(Source::delivered(vec![1, 2, 3]));
    let seen: Vec<_> = (0..4).map(|_| poll_once(&owner, &mut pipe)).collect();
    assert_eq!(seen, [Poll::Ready(Some(1)), Poll::Ready(Some(2)), Poll::Ready(Some(3)), Poll::Ready(None)]);
}

#[test]
fn the_end_is_seen_in_the_poll_that_finds_it() {
    let owner = LentOwner::<AsyncMarker>::new();
    let mut pipe = StreamPipe::new(Source::delivered(vec![]));
    assert_eq!(poll_once(&owner, &mut pipe), Poll::Ready(None));
}

#[test]
fn a_producer_thread_feeds_it_and_wakes_it() {
    let owner = LentOwner::<AsyncMarker>::new();
    let (source, producer) = Source::spawn((0..30).collect(), Duration::from_micros(300));
    let items: Vec<u32> = LocalPool::new().run_until(owner.lend(StreamPipe::new(source).collect()));
    producer.join().unwrap();
    assert_eq!(items, (0..30).collect::<Vec<u32>>());
}
