//! The story's programs: the originals panic, the corrected versions run.

#![forbid(unsafe_code)]

use super::monitor::{self, Monitor};
use super::stream_pipe::{self, Source};
use crate::async_cells::branded::Executor;
use crate::ghost::GhostToken;
use crate::async_cells::lent::{AsyncMarker, LentOwner};
use futures::StreamExt;
use futures::executor::{LocalPool, block_on_stream};
use std::time::Duration;

/// Packets where a bad one is followed by another: the trigger of the Monitor bug.
fn bad_then_good() -> Vec<Vec<u8>> {
    vec![vec![], vec![1]]
}

#[test]
fn monitor_refcell_runs_while_every_packet_is_good() {
    let tally = monitor::refcell::run(vec![vec![1], vec![2], vec![3]]);
    assert_eq!(tally, Monitor { packets: 3, errors: 0 });
}

#[test]
fn monitor_refcell_survives_a_bad_packet_that_comes_last() {
    let tally = monitor::refcell::run(vec![vec![1], vec![]]);
    assert_eq!(tally, Monitor { packets: 2, errors: 1 });
}

#[test]
#[should_panic(expected = "RefCell already borrowed")]
fn monitor_refcell_panics_when_a_task_runs_during_the_alert() {
    monitor::refcell::run(bad_then_good());
}

#[test]
fn monitor_branded_counts_every_packet() {
    let tally = monitor::branded::run(bad_then_good());
    assert_eq!(tally, Monitor { packets: 2, errors: 1 });
}

#[test]
fn monitor_branded_counts_many_interleaved_alerts() {
    let packets: Vec<Vec<u8>> = (0..100).map(|i| if i % 3 == 0 { vec![] } else { vec![i] }).collect();
    let tally = monitor::branded::run(packets);
    assert_eq!(tally, Monitor { packets: 100, errors: 34 });
}

#[test]
#[should_panic(expected = "RefCell already borrowed")]
fn stream_pipe_refcell_panics_even_when_request_more_only_finds_the_end() {
    let _: Vec<u8> = block_on_stream(stream_pipe::refcell::StreamPipe::new(Source::delivered(vec![]))).collect();
}

#[test]
#[should_panic(expected = "RefCell already borrowed")]
fn stream_pipe_refcell_panics_when_request_more_finds_a_delivery() {
    let pipe = stream_pipe::refcell::StreamPipe::new(Source::delivered(vec![1, 2]));
    let _: Vec<u32> = block_on_stream(pipe).collect();
}

#[test]
#[should_panic(expected = "RefCell already borrowed")]
fn stream_pipe_refcell_panics_with_a_real_producer_thread() {
    let (source, _producer) = Source::spawn(vec![1, 2, 3], Duration::from_millis(2));
    let _: Vec<u32> = block_on_stream(stream_pipe::refcell::StreamPipe::new(source)).collect();
}

#[test]
fn stream_pipe_branded_yields_what_was_delivered_before_the_first_poll() {
    let items = GhostToken::new(|token| {
        Executor::new(token).block_on(stream_pipe::branded::StreamPipe::new(Source::delivered(vec![1, 2, 3])).collect())
    });
    assert_eq!(items, [1, 2, 3]);
}

#[test]
fn stream_pipe_branded_is_woken_by_a_producer_thread() {
    let (source, producer) = Source::spawn((0..50).collect(), Duration::from_micros(200));
    let items = GhostToken::new(|token| {
        Executor::new(token).block_on(stream_pipe::branded::StreamPipe::new(source).collect())
    });
    producer.join().unwrap();
    assert_eq!(items, (0..50).collect::<Vec<u32>>());
}

#[test]
fn stream_pipe_branded_survives_a_producer_faster_than_the_consumer() {
    let (source, producer) = Source::spawn((0..200).collect(), Duration::ZERO);
    let items = GhostToken::new(|token| {
        Executor::new(token).block_on(stream_pipe::branded::StreamPipe::new(source).collect())
    });
    producer.join().unwrap();
    assert_eq!(items.len(), 200);
    assert!(items.windows(2).all(|pair| pair[0] < pair[1]));
}

#[test]
fn monitor_lent_counts_every_packet_on_local_pool() {
    let tally = monitor::lent::run_on_local_pool(bad_then_good());
    assert_eq!(tally, Monitor { packets: 2, errors: 1 });
}

#[test]
fn monitor_lent_counts_every_packet_on_tokio_local_set() {
    let packets: Vec<Vec<u8>> = (0..100).map(|i| if i % 3 == 0 { vec![] } else { vec![i] }).collect();
    let tally = monitor::lent::run_on_local_set(packets);
    assert_eq!(tally, Monitor { packets: 100, errors: 34 });
}

#[test]
fn stream_pipe_lent_is_woken_by_a_producer_thread_on_local_pool() {
    let (source, producer) = Source::spawn((0..50).collect(), Duration::from_micros(200));
    let owner = LentOwner::<AsyncMarker>::new();
    let items: Vec<u32> = LocalPool::new().run_until(owner.lend(stream_pipe::lent::StreamPipe::new(source).collect()));
    producer.join().unwrap();
    assert_eq!(items, (0..50).collect::<Vec<u32>>());
}

#[test]
fn stream_pipe_lent_is_woken_by_a_producer_thread_on_tokio_local_set() {
    let (source, producer) = Source::spawn((0..200).collect(), Duration::ZERO);
    let owner = LentOwner::<AsyncMarker>::new();
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let items: Vec<u32> = tokio::task::LocalSet::new()
        .block_on(&runtime, owner.lend(stream_pipe::lent::StreamPipe::new(source).collect()));
    producer.join().unwrap();
    assert_eq!(items, (0..200).collect::<Vec<u32>>());
}

#[test]
#[should_panic(expected = "StreamPipe polled without its owner")]
fn stream_pipe_lent_refuses_to_run_without_a_lend() {
    let _owner = LentOwner::<AsyncMarker>::new();
    let pipe = stream_pipe::lent::StreamPipe::new(Source::delivered(vec![1]));
    let _: Vec<u32> = block_on_stream(pipe).collect();
}
