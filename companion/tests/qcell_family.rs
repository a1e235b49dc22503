//! Every rule and failure mode that Part III of the book states about the
//! `qcell` crate (0.5.5), checked against the real crate.
//!
//! One module per cell type, in the order of the chapters. The panics are
//! tested with the crate's exact messages, so a test fails if a panic happens
//! for a different reason than the one the book gives.
//!
//! `TCellOwner` is a process-wide singleton per marker type and the tests of
//! this file run in parallel threads of one process, so every test that makes
//! a `TCellOwner` declares its own marker type inside the test function. Two
//! tests sharing a marker would make each other panic at random.

use std::mem::size_of;
use std::sync::mpsc;
use std::thread;

/// Compiles only for `Send` types: a positive trait fact checked by the compiler.
fn assert_send<T: Send>() {}
/// Compiles only for `Sync` types.
fn assert_sync<T: Sync>() {}

mod qcell_owner_id {
    use super::*;
    use qcell::{QCell, QCellOwner, QCellOwnerID, QCellOwnerPinned, QCellOwnerSeq};

    #[test]
    fn cells_are_made_from_the_owner_and_opened_through_it() {
        let mut owner = QCellOwner::new();
        let a = QCell::new(&owner, 1_u32);
        let b = owner.cell(2_u32);
        *owner.rw(&a) += 10; // owner-side call
        *b.rw(&mut owner) += 20; // cell-side call, same check
        assert_eq!((*a.ro(&owner), *owner.ro(&b)), (11, 22));
    }

    #[test]
    fn many_cells_can_be_read_at_once() {
        let owner = QCellOwner::new();
        let cells: Vec<QCell<u32>> = (0..10).map(|i| owner.cell(i)).collect();
        let reads: Vec<&u32> = cells.iter().map(|c| c.ro(&owner)).collect();
        assert_eq!(reads.into_iter().sum::<u32>(), 45);
    }

    #[test]
    #[should_panic(expected = "QCell accessed with incorrect owner")]
    fn reading_with_the_wrong_owner_panics() {
        let mine = QCellOwner::new();
        let theirs = QCellOwner::new();
        let cell = mine.cell(0_u8);
        let _ = cell.ro(&theirs);
    }

    #[test]
    #[should_panic(expected = "QCell accessed with incorrect owner")]
    fn writing_with_the_wrong_owner_panics() {
        let mine = QCellOwner::new();
        let mut theirs = QCellOwner::new();
        let cell = mine.cell(0_u8);
        *cell.rw(&mut theirs) = 1;
    }

    #[test]
    #[should_panic(expected = "QCell accessed with incorrect owner")]
    fn rw2_checks_the_owner_of_both_cells() {
        let mut mine = QCellOwner::new();
        let theirs = QCellOwner::new();
        let a = mine.cell(0_u8);
        let b = theirs.cell(0_u8);
        let _ = mine.rw2(&a, &b);
    }

    #[test]
    fn rw2_and_rw3_lend_distinct_cells_mutably_at_once() {
        let mut owner = QCellOwner::new();
        let (a, b, c) = (owner.cell(1), owner.cell(2), owner.cell(3));
        let (x, y) = owner.rw2(&a, &b);
        std::mem::swap(x, y);
        let (x, y, z) = owner.rw3(&a, &b, &c);
        *z += *x + *y;
        assert_eq!((*a.ro(&owner), *b.ro(&owner), *c.ro(&owner)), (2, 1, 6));
    }

    #[test]
    #[should_panic(expected = "Illegal to borrow same QCell twice with rw2() or rw3()")]
    fn rw2_on_the_same_cell_twice_panics() {
        let mut owner = QCellOwner::new();
        let cell = owner.cell(0_u8);
        let _ = owner.rw2(&cell, &cell);
    }

    #[test]
    #[should_panic(expected = "Illegal to borrow same QCell twice with rw2() or rw3()")]
    fn rw3_with_a_repeated_cell_panics() {
        let mut owner = QCellOwner::new();
        let (a, b) = (owner.cell(0_u8), owner.cell(0_u8));
        let _ = owner.rw3(&a, &b, &a);
    }

    #[test]
    fn an_id_makes_cells_while_the_owner_is_borrowed() {
        let mut owner = QCellOwner::new();
        let id: QCellOwnerID = owner.id();
        let first = owner.cell(1_u32);
        let value = owner.rw(&first); // owner borrowed mutably from here...
        let second = QCell::new(id, 2_u32); // ...yet a cell can still be made
        *value += 1;
        assert_eq!(*owner.ro(&second) + *owner.ro(&first), 4);
        assert!(id == QCellOwnerID::from(&owner)); // no Debug, so no assert_eq
    }

    #[test]
    fn a_cell_outlives_its_owner_and_can_be_unwrapped() {
        let owner = QCellOwner::new();
        let mut cell = owner.cell(String::from("kept"));
        drop(owner);
        cell.get_mut().push('!'); // `&mut QCell` needs no owner
        assert_eq!(cell.into_inner(), "kept!");
    }

    #[test]
    fn seq_and_pinned_owners_follow_the_same_rules() {
        // SAFETY: the only way to misuse `QCellOwnerSeq::new` is to create
        // about 2^63 owners on purpose so that the ID counter wraps; this
        // test creates one.
        let mut seq = unsafe { QCellOwnerSeq::new() };
        let a = seq.cell(1_u32);
        *seq.rw(&a) += 1;
        assert_eq!(*seq.ro(&a), 2);

        let mut pinned = std::pin::pin!(QCellOwnerPinned::new());
        let b = pinned.as_ref().cell(10_u32);
        *pinned.as_mut().rw(&b) += 1;
        assert_eq!(*pinned.as_ref().ro(&b), 11);

        // Three kinds of owner, three different IDs.
        assert!(seq.id() != pinned.as_ref().id());
        assert!(QCellOwner::new().id() != seq.id());
    }

    #[test]
    #[should_panic(expected = "QCell accessed with incorrect owner")]
    fn a_seq_owner_rejects_a_cell_of_a_boxed_owner() {
        let boxed = QCellOwner::new();
        // SAFETY: one owner, no deliberate wrap of the ID counter.
        let seq = unsafe { QCellOwnerSeq::new() };
        let cell = boxed.cell(0_u8);
        let _ = seq.ro(&cell);
    }

    #[test]
    fn sizes() {
        // The owner's ID, a usize, is stored in every cell.
        assert_eq!(size_of::<QCell<u8>>(), 2 * size_of::<usize>());
        assert_eq!(
            size_of::<QCell<u64>>(),
            size_of::<usize>() + size_of::<u64>()
        );
        assert_eq!(size_of::<QCell<[u8; 24]>>(), size_of::<usize>() + 24);
        assert_eq!(size_of::<QCellOwnerID>(), size_of::<usize>());
        // A pointer to a small heap allocation whose address is the ID.
        assert_eq!(size_of::<QCellOwner>(), size_of::<usize>());
        assert_eq!(size_of::<QCellOwnerSeq>(), size_of::<usize>());
        // Its own address is the ID: two bytes, so the address is even.
        assert_eq!(size_of::<QCellOwnerPinned>(), 2);
    }

    #[test]
    fn send_and_sync() {
        assert_send::<QCell<u64>>();
        assert_sync::<QCell<u64>>();
        assert_send::<QCellOwner>();
        assert_sync::<QCellOwner>();
        assert_send::<QCellOwnerSeq>();
        assert_sync::<QCellOwnerSeq>();
        // A cell of a `Send` but not `Sync` value is still `Send`.
        assert_send::<QCell<std::cell::Cell<u8>>>();
    }

    #[test]
    fn a_cell_moves_to_another_thread_with_its_owner() {
        let mut owner = QCellOwner::new();
        let cell = owner.cell(vec![1]);
        let (owner, cell) = thread::spawn(move || {
            cell.rw(&mut owner).push(2);
            (owner, cell)
        })
        .join()
        .unwrap();
        assert_eq!(*cell.ro(&owner), [1, 2]);
    }

    #[test]
    fn a_cell_moved_to_a_thread_with_another_owner_is_refused() {
        let owner = QCellOwner::new();
        let cell = owner.cell(1_u8);
        let refused = thread::spawn(move || {
            let local = QCellOwner::new();
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| *cell.ro(&local))).is_err()
        })
        .join()
        .unwrap();
        assert!(refused);
    }

    #[test]
    fn threads_share_the_owner_to_read_and_lend_it_to_write() {
        let mut owner = QCellOwner::new();
        let cells: Vec<QCell<u64>> = (1..=4).map(|i| owner.cell(i)).collect();
        thread::scope(|s| {
            let (owner, cells) = (&owner, &cells);
            let readers: Vec<_> = (0..2)
                .map(|_| s.spawn(move || cells.iter().map(|c| *c.ro(owner)).sum::<u64>()))
                .collect();
            for reader in readers {
                assert_eq!(reader.join().unwrap(), 10);
            }
        });
        thread::scope(|s| {
            s.spawn(|| *cells[0].rw(&mut owner) = 100);
        });
        assert_eq!(*cells[0].ro(&owner), 100);
    }
}

mod tcell_marker_per_process {
    use super::*;
    use qcell::{TCell, TCellOwner};
    use std::sync::{Arc, RwLock};

    #[test]
    fn the_marker_type_names_the_owner() {
        struct Accounts;
        type Owner = TCellOwner<Accounts>;
        type Cell<T> = TCell<Accounts, T>;
        let mut owner = Owner::new();
        let a = Cell::new(1_u32);
        let b = owner.cell(2_u32);
        *owner.rw(&a) += 10;
        *b.rw(&mut owner) += 20;
        assert_eq!(*a.ro(&owner) + *owner.ro(&b), 33);
    }

    #[test]
    #[should_panic(
        expected = "Illegal to create two TCellOwner instances with the same marker type parameter"
    )]
    fn a_second_owner_for_one_marker_panics() {
        struct Marker;
        let _first = TCellOwner::<Marker>::new();
        let _second = TCellOwner::<Marker>::new();
    }

    #[test]
    fn try_new_reports_a_taken_marker_and_drop_frees_it() {
        struct Marker;
        let first = TCellOwner::<Marker>::try_new().expect("the marker is free");
        assert!(TCellOwner::<Marker>::try_new().is_none());
        drop(first);
        assert!(TCellOwner::<Marker>::try_new().is_some());
    }

    #[test]
    fn other_markers_are_independent() {
        struct Left;
        struct Right;
        let _left = TCellOwner::<Left>::new();
        let _right = TCellOwner::<Right>::new();
    }

    #[test]
    fn the_marker_is_taken_in_every_thread() {
        struct Marker;
        let owner = TCellOwner::<Marker>::new();
        let elsewhere = thread::spawn(|| TCellOwner::<Marker>::try_new().is_none())
            .join()
            .unwrap();
        assert!(elsewhere);
        drop(owner);
    }

    #[test]
    fn wait_for_new_blocks_until_the_owner_is_dropped() {
        struct Marker;
        let (taken_tx, taken_rx) = mpsc::channel();
        let (release_tx, release_rx) = mpsc::channel::<()>();
        let holder = thread::spawn(move || {
            let owner = TCellOwner::<Marker>::new();
            taken_tx.send(()).unwrap();
            release_rx.recv().unwrap();
            drop(owner);
        });
        taken_rx.recv().unwrap();
        assert!(TCellOwner::<Marker>::try_new().is_none());
        release_tx.send(()).unwrap();
        let _mine = TCellOwner::<Marker>::wait_for_new(); // returns once `holder` drops
        holder.join().unwrap();
    }

    #[test]
    fn a_library_parameterised_by_marker_nests_inside_its_caller() {
        // A component that makes its own owner must not hard-code a marker:
        // a caller holding that marker already would make it panic.
        fn component<Q: 'static>() -> u32 {
            let mut owner = TCellOwner::<Q>::new();
            let cell = owner.cell(41);
            *owner.rw(&cell) += 1;
            *owner.ro(&cell)
        }
        struct Outer;
        struct Inner;
        let _outer = TCellOwner::<Outer>::new();
        assert_eq!(component::<Inner>(), 42);
        assert!(std::panic::catch_unwind(component::<Outer>).is_err());
    }

    #[test]
    #[should_panic(expected = "Illegal to borrow same TCell twice with rw2()")]
    fn rw2_on_the_same_cell_twice_panics() {
        struct Marker;
        let mut owner = TCellOwner::<Marker>::new();
        let cell = owner.cell(0_u8);
        let _ = owner.rw2(&cell, &cell);
    }

    #[test]
    #[should_panic(expected = "Illegal to borrow same TCell twice with rw3()")]
    fn rw3_with_a_repeated_cell_panics() {
        struct Marker;
        let mut owner = TCellOwner::<Marker>::new();
        let (a, b) = (owner.cell(0_u8), owner.cell(0_u8));
        let _ = owner.rw3(&a, &b, &b);
    }

    #[test]
    fn a_static_cell_is_reachable_only_through_the_owner() {
        struct Config;
        // `TCell::new` is a `const fn`, and `TCell<Q, u64>` is `Sync`.
        static LIMIT: TCell<Config, u64> = TCell::new(10);
        let mut owner = TCellOwner::<Config>::new();
        *LIMIT.rw(&mut owner) += 5;
        assert_eq!(*LIMIT.ro(&owner), 15);
    }

    #[test]
    fn threads_share_cells_behind_one_locked_owner() {
        struct Marker;
        let owner = Arc::new(RwLock::new(TCellOwner::<Marker>::new()));
        let cells: Arc<Vec<TCell<Marker, u64>>> = Arc::new((0..4).map(|_| TCell::new(0)).collect());
        let workers: Vec<_> = (0..4)
            .map(|i| {
                let (owner, cells) = (Arc::clone(&owner), Arc::clone(&cells));
                thread::spawn(move || {
                    let mut owner = owner.write().unwrap();
                    for cell in cells.iter() {
                        *cell.rw(&mut owner) += i;
                    }
                })
            })
            .collect();
        for worker in workers {
            worker.join().unwrap();
        }
        let owner = owner.read().unwrap();
        assert!(cells.iter().all(|c| *c.ro(&owner) == 6));
    }

    #[test]
    fn sizes_and_thread_traits() {
        struct Marker;
        assert_eq!(size_of::<TCell<Marker, u8>>(), 1);
        assert_eq!(size_of::<TCell<Marker, u64>>(), 8);
        assert_eq!(size_of::<TCellOwner<Marker>>(), 0);
        assert_send::<TCell<Marker, u64>>();
        assert_sync::<TCell<Marker, u64>>();
        assert_send::<TCellOwner<Marker>>();
        assert_sync::<TCellOwner<Marker>>();
    }
}

mod tlcell_marker_per_thread {
    use super::*;
    use qcell::{TLCell, TLCellOwner};

    #[test]
    #[should_panic(
        expected = "Illegal to create two TLCellOwner instances within the same thread with the same marker type parameter"
    )]
    fn a_second_owner_in_one_thread_panics() {
        struct Marker;
        let _first = TLCellOwner::<Marker>::new();
        let _second = TLCellOwner::<Marker>::new();
    }

    #[test]
    fn try_new_reports_a_taken_marker_and_drop_frees_it() {
        struct Marker;
        let first = TLCellOwner::<Marker>::try_new().expect("free in this thread");
        assert!(TLCellOwner::<Marker>::try_new().is_none());
        drop(first);
        assert!(TLCellOwner::<Marker>::try_new().is_some());
    }

    #[test]
    fn every_thread_has_its_own_owner_for_one_marker() {
        struct Marker;
        let mut here = TLCellOwner::<Marker>::new();
        let mine = here.cell(1_u32);
        let theirs = thread::spawn(|| {
            let mut there = TLCellOwner::<Marker>::new();
            let cell = there.cell(10_u32);
            *cell.rw(&mut there) += 1;
            *cell.ro(&there)
        })
        .join()
        .unwrap();
        *mine.rw(&mut here) += 1;
        assert_eq!((*mine.ro(&here), theirs), (2, 11));
    }

    #[test]
    fn cells_migrate_and_the_receiving_threads_owner_opens_them() {
        struct Marker;
        let mut owner = TLCellOwner::<Marker>::new();
        let cell = owner.cell(String::from("made in main"));
        owner.rw(&cell).push_str(", sent");
        let (tx, rx) = mpsc::channel();
        tx.send(cell).unwrap(); // TLCell is Send
        let seen = thread::spawn(move || {
            let cell = rx.recv().unwrap();
            let mut local = TLCellOwner::<Marker>::new();
            cell.rw(&mut local).push_str(", changed in worker");
            cell.ro(&local).clone()
        })
        .join()
        .unwrap();
        assert_eq!(seen, "made in main, sent, changed in worker");
    }

    #[test]
    fn owners_in_two_threads_write_at_the_same_time() {
        struct Marker;
        let barrier = std::sync::Barrier::new(2);
        let totals: Vec<u64> = thread::scope(|s| {
            let work = || {
                let mut owner = TLCellOwner::<Marker>::new();
                let cell = owner.cell(0_u64);
                barrier.wait(); // both owners exist at this point
                for _ in 0..1000 {
                    *cell.rw(&mut owner) += 1;
                }
                *cell.ro(&owner)
            };
            let handles = [s.spawn(work), s.spawn(work)];
            handles.map(|h| h.join().unwrap()).to_vec()
        });
        assert_eq!(totals, [1000, 1000]);
    }

    #[test]
    #[should_panic(expected = "Illegal to borrow same TLCell twice with rw2()")]
    fn rw2_on_the_same_cell_twice_panics() {
        struct Marker;
        let mut owner = TLCellOwner::<Marker>::new();
        let cell = owner.cell(0_u8);
        let _ = owner.rw2(&cell, &cell);
    }

    #[test]
    fn sizes_and_thread_traits() {
        struct Marker;
        assert_eq!(size_of::<TLCell<Marker, u8>>(), 1);
        assert_eq!(size_of::<TLCell<Marker, u64>>(), 8);
        assert_eq!(size_of::<TLCellOwner<Marker>>(), 0);
        assert_send::<TLCell<Marker, u64>>();
        // Not Sync, and the owner is neither: those are compile errors
        // (E0277), shown in the book's TLCell chapter.
    }
}

mod lcell_lifetime_brand {
    use super::*;
    use qcell::{LCell, LCellOwner};
    use std::rc::Rc;

    #[test]
    fn the_owner_exists_inside_the_closure() {
        let mut result = 0;
        LCellOwner::scope(|mut owner| {
            let a = LCell::new(1_u32);
            let b = owner.cell(2_u32);
            *owner.rw(&a) += 10;
            *b.rw(&mut owner) += 20;
            result = *a.ro(&owner) + *owner.ro(&b);
        });
        // `scope` returns `()`: results leave through captured variables.
        assert_eq!(result, 33);
    }

    #[test]
    fn scopes_nest_freely() {
        LCellOwner::scope(|mut outer| {
            let a = outer.cell(1);
            LCellOwner::scope(|mut inner| {
                let b = inner.cell(2);
                *a.rw(&mut outer) += *b.ro(&inner);
                *b.rw(&mut inner) += 1;
                assert_eq!(*b.ro(&inner), 3);
            });
            assert_eq!(*a.ro(&outer), 3);
        });
    }

    #[test]
    fn functions_carry_the_brand_in_their_signature() {
        fn bump<'id>(owner: &mut LCellOwner<'id>, cell: &Rc<LCell<'id, u32>>) {
            *owner.rw(cell) += 1;
        }
        LCellOwner::scope(|mut owner| {
            let cell = Rc::new(owner.cell(0));
            let alias = Rc::clone(&cell);
            bump(&mut owner, &cell);
            bump(&mut owner, &alias);
            assert_eq!(*cell.ro(&owner), 2);
        });
    }

    #[test]
    #[should_panic(expected = "Illegal to borrow same LCell twice with rw2()")]
    fn rw2_on_the_same_cell_twice_panics() {
        LCellOwner::scope(|mut owner| {
            let cell = owner.cell(0_u8);
            let _ = owner.rw2(&cell, &cell);
        });
    }

    #[test]
    #[should_panic(expected = "Illegal to borrow same LCell twice with rw3()")]
    fn rw3_with_a_repeated_cell_panics() {
        LCellOwner::scope(|mut owner| {
            let (a, b) = (owner.cell(0_u8), owner.cell(0_u8));
            let _ = owner.rw3(&b, &a, &b);
        });
    }

    #[test]
    fn threads_read_through_a_shared_owner_and_write_through_a_lent_one() {
        LCellOwner::scope(|mut owner| {
            let cells: Vec<LCell<'_, u64>> = (1..=4).map(|i| owner.cell(i)).collect();
            thread::scope(|s| {
                let (owner, cells) = (&owner, &cells);
                let sums: Vec<u64> = [
                    s.spawn(move || cells.iter().map(|c| *c.ro(owner)).sum()),
                    s.spawn(move || *cells[3].ro(owner)),
                ]
                .map(|h| h.join().unwrap())
                .to_vec();
                assert_eq!(sums, [10, 4]);
            });
            thread::scope(|s| {
                s.spawn(|| *cells[0].rw(&mut owner) = 7);
            });
            assert_eq!(*cells[0].ro(&owner), 7);
        });
    }

    #[test]
    fn sizes_and_thread_traits() {
        LCellOwner::scope(|owner| {
            assert_eq!(size_of::<LCell<'_, u8>>(), 1);
            assert_eq!(size_of::<LCell<'_, u64>>(), 8);
            assert_eq!(std::mem::size_of_val(&owner), 0);
            assert_send::<LCell<'_, u64>>();
            assert_sync::<LCell<'_, u64>>();
            assert_send::<LCellOwner<'_>>();
            assert_sync::<LCellOwner<'_>>();
        });
    }
}
