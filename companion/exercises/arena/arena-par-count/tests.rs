use std::collections::HashSet;
use std::sync::{Condvar, Mutex};
use std::thread::{self, ThreadId};
use std::time::{Duration, Instant};

use bumpalo_herd::Herd;
use companion::arena::ArenaList;

fn pool_of_two() -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap()
}

#[test]
fn counts_like_a_sequential_filter() {
    let herd = Herd::new();
    ArenaList::new(&herd, |list, mut token, herd| {
        let member = herd.get();
        for n in 0..12_i64 {
            let expected = list.iter(&token).filter(|&&v| v % 3 == 0).count();
            let counted = pool_of_two().install(|| count_parallel(&list, &token, |&v| v % 3 == 0));
            assert_eq!(counted, expected, "a list of {n} values");
            list.push_back(n, &member, &mut token);
        }
    });
}

#[test]
fn uses_two_threads_at_the_same_time() {
    // Every call of the predicate waits (for at most two seconds in all) until
    // it has been called on two different threads. On one thread the wait runs
    // out and the test fails; on two, both halves start together.
    let seen: Mutex<HashSet<ThreadId>> = Mutex::new(HashSet::new());
    let both_seen = Condvar::new();
    let deadline = Instant::now() + Duration::from_secs(2);
    let pred = |_: &i64| {
        let mut threads = seen.lock().unwrap();
        threads.insert(thread::current().id());
        both_seen.notify_all();
        while threads.len() < 2 {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            threads = both_seen.wait_timeout(threads, left).unwrap().0;
        }
        true
    };
    let herd = Herd::new();
    ArenaList::new(&herd, |list, mut token, herd| {
        let member = herd.get();
        list.extend(0..20, &member, &mut token);
        assert_eq!(pool_of_two().install(|| count_parallel(&list, &token, pred)), 20);
    });
    assert_eq!(seen.lock().unwrap().len(), 2, "the predicate ran on one thread only");
}
