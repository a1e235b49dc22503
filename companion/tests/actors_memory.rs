//! Bytes per actor, counted by the allocator: `companion::actors` next to
//! Stakker 0.2.16, for a state of 8 bytes and one of 1000.
//!
//! A counting `#[global_allocator]` keeps the bytes and blocks that are
//! allocated and not yet freed (the sizes the program asks for, not what the
//! system allocator rounds them up to). Each runtime makes `ACTORS` actors
//! and runs until they are ready; the figure is what is still allocated then,
//! divided by `ACTORS`: what an actor costs for as long as it lives. A first
//! round of as many actors, made and dropped before counting, grows the
//! runtimes' queues to the size they need, so the count holds the actors
//! alone, not the growth of a queue buffer that a long-running program pays
//! once.
//!
//! One `#[test]`, so nothing else allocates while it counts (libtest would
//! run other tests of this binary on other threads), and so one thread makes
//! every `Stakker` (its default features allow no other).

#![cfg(target_pointer_width = "64")]

use std::alloc::{GlobalAlloc, Layout, System};
use std::mem::size_of;
use std::sync::atomic::{AtomicIsize, Ordering::Relaxed};
use std::time::Instant;

use companion::actors::{ActorOwn, Cx, Ret, Runtime};

struct Counting;

static BYTES: AtomicIsize = AtomicIsize::new(0);
static BLOCKS: AtomicIsize = AtomicIsize::new(0);

// SAFETY: every call is passed on to `System` unchanged; the counters are
// only read by the test.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        BYTES.fetch_add(layout.size() as isize, Relaxed);
        BLOCKS.fetch_add(1, Relaxed);
        // SAFETY: the caller's contract, passed on.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        BYTES.fetch_sub(layout.size() as isize, Relaxed);
        BLOCKS.fetch_sub(1, Relaxed);
        // SAFETY: the caller's contract, passed on.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        BYTES.fetch_add(new_size as isize - layout.size() as isize, Relaxed);
        // SAFETY: the caller's contract, passed on.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const ACTORS: usize = 10_000;

/// Bytes and blocks allocated and not freed.
fn live() -> (isize, isize) {
    (BYTES.load(Relaxed), BLOCKS.load(Relaxed))
}

/// What is allocated per actor, in bytes and in blocks, for as long as it lives.
#[derive(Debug, PartialEq)]
struct PerActor {
    bytes: usize,
    blocks: usize,
}

fn per_actor(before: (isize, isize), after: (isize, isize)) -> PerActor {
    let (bytes, blocks) = (after.0 - before.0, after.1 - before.1);
    assert_eq!(bytes % ACTORS as isize, 0, "every actor costs the same");
    PerActor { bytes: (bytes / ACTORS as isize) as usize, blocks: (blocks / ACTORS as isize) as usize }
}

/// Our actor with `N` bytes of state.
struct Bytes<const N: usize>([u8; N]);

impl<const N: usize> Bytes<N> {
    fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
        Some(Bytes([1; N]))
    }
}

/// Stakker's actor with `N` bytes of state.
struct SBytes<const N: usize>([u8; N]);

impl<const N: usize> SBytes<N> {
    fn init(_: stakker::CX![]) -> Option<Self> {
        Some(SBytes([1; N]))
    }
}

/// Our runtime: the bytes and blocks each of `ACTORS` ready actors holds.
fn ours<const N: usize>() -> PerActor {
    Runtime::scope(Instant::now(), |mut rt| {
        let now = rt.now();
        let mut handles = Vec::with_capacity(ACTORS);
        let mut counted = None;
        // Two rounds: the first grows the queues, the second is counted.
        for _ in 0..2 {
            handles.clear();
            rt.run(now, false);
            let before = live();
            for _ in 0..ACTORS {
                // What `actor!(rt, Bytes::init(), Ret::nop())` expands to, for a generic type.
                let own = ActorOwn::<Bytes<N>>::new(&rt, Ret::nop());
                own.defer_prep(|cx| Bytes::<N>::init(cx));
                handles.push(own);
            }
            rt.run(now, false);
            assert!(handles.iter().all(|a| a.is_ready()));
            counted = Some((before, live()));
        }
        let (before, after) = counted.unwrap();
        per_actor(before, after)
    })
}

/// Stakker: the same.
fn stakker<const N: usize>() -> PerActor {
    let mut s = stakker::Stakker::new(Instant::now());
    let now = s.now();
    let mut handles = Vec::with_capacity(ACTORS);
    let mut counted = None;
    for _ in 0..2 {
        handles.clear();
        s.run(now, false);
        let before = live();
        for _ in 0..ACTORS {
            let own = stakker::actor_new!(s, SBytes<N>, stakker::ret_nop!());
            stakker::call!([own], <SBytes<N>>::init());
            handles.push(own);
        }
        s.run(now, false);
        assert!(handles.iter().all(|a| !a.is_zombie()));
        counted = Some((before, live()));
    }
    let (before, after) = counted.unwrap();
    per_actor(before, after)
}

#[test]
fn bytes_per_actor_while_it_lives() {
    let (ours_small, ours_large) = (ours::<8>(), ours::<1000>());
    let (stakker_small, stakker_large) = (stakker::<8>(), stakker::<1000>());
    println!("ours: {ours_small:?} {ours_large:?}; stakker: {stakker_small:?} {stakker_large:?}");

    // One allocation per actor, its state plus 48 bytes: two reference counts,
    // the runtime's queue handle, the stop notification, the owner count and
    // the lifecycle flags.
    assert!(ours_small.bytes <= 48 + size_of::<Bytes<8>>());
    assert!(ours_large.bytes <= 48 + size_of::<Bytes<1000>>());
    assert_eq!(ours_small, PerActor { bytes: 56, blocks: 1 });
    assert_eq!(ours_large, PerActor { bytes: 1048, blocks: 1 });

    // Stakker 0.2.16 with its default features, measured the same way: one
    // allocation too, 64 bytes besides a state of 8 and 48 besides a state of
    // 1000: the state shares its place with the queue of calls that wait
    // while the actor is being prepared (24 bytes), so a state smaller than
    // that queue still takes its size.
    assert_eq!(stakker_small, PerActor { bytes: 72, blocks: 1 });
    assert_eq!(stakker_large, PerActor { bytes: 1048, blocks: 1 });
}
