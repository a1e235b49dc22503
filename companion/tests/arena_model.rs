//! Model-based test of `companion::arena::ArenaList`: random sequences of
//! operations run on the list and on `std::collections::VecDeque`, and after
//! every step the two must hold the same values, read forward, backward and in
//! halves. Nodes unlinked along the way must stay unlinked.
//!
//! The number of cases actually run is written to
//! `$CARGO_TARGET_TMPDIR/arena_model.cases`, which `ci/test` prints.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};

use bumpalo_herd::Herd;
use companion::arena::{ArenaList, NodeRef};
use ghost_cell::GhostToken;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// Cases per run: enough to reach every operation at every position of short
/// lists many times, and a few seconds in a debug build.
const CASES: u32 = 1_500;

/// Cases the property body actually ran.
static RAN: AtomicUsize = AtomicUsize::new(0);

#[derive(Clone, Debug)]
enum Op {
    PushFront(i32),
    PushBack(i32),
    PopFront,
    PopBack,
    /// Positions are taken modulo the length (the step is skipped when empty).
    InsertAfter(usize, i32),
    InsertBefore(usize, i32),
    Unlink(usize),
    Set(usize, i32),
    AddToAll(i32),
    ParAddToAll(i32),
    /// A cursor on the position removes its node, then inserts after the node
    /// it moved on to.
    CursorReplace(usize, i32),
}

fn op() -> impl Strategy<Value = Op> {
    let pos = 0..64_usize;
    prop_oneof![
        3 => any::<i32>().prop_map(Op::PushFront),
        3 => any::<i32>().prop_map(Op::PushBack),
        2 => Just(Op::PopFront),
        2 => Just(Op::PopBack),
        2 => (pos.clone(), any::<i32>()).prop_map(|(p, v)| Op::InsertAfter(p, v)),
        2 => (pos.clone(), any::<i32>()).prop_map(|(p, v)| Op::InsertBefore(p, v)),
        2 => pos.clone().prop_map(Op::Unlink),
        1 => (pos.clone(), any::<i32>()).prop_map(|(p, v)| Op::Set(p, v)),
        1 => any::<i32>().prop_map(Op::AddToAll),
        1 => any::<i32>().prop_map(Op::ParAddToAll),
        1 => (pos, any::<i32>()).prop_map(|(p, v)| Op::CursorReplace(p, v)),
    ]
}

/// The node at `index`, found by walking the list's own links.
fn nth<'arena, 'id>(
    list: &ArenaList<'arena, 'id, i32>,
    index: usize,
    token: &GhostToken<'id>,
) -> NodeRef<'arena, 'id, i32> {
    let mut node = list.front_node(token).expect("index < len, so the list is not empty");
    for _ in 0..index {
        node = list.next_node(node, token).expect("index < len");
    }
    node
}

fn run_ops(ops: &[Op]) -> Result<(), TestCaseError> {
    let herd = Herd::new();
    ArenaList::new(&herd, |list, mut token, herd| {
        let member = herd.get();
        let mut model = VecDeque::new();
        let mut unlinked = Vec::new();
        for (step, op) in ops.iter().enumerate() {
            let len = model.len();
            match *op {
                Op::PushFront(v) => {
                    list.push_front(v, &member, &mut token);
                    model.push_front(v);
                }
                Op::PushBack(v) => {
                    list.push_back(v, &member, &mut token);
                    model.push_back(v);
                }
                Op::PopFront => {
                    let node = list.front_node(&token);
                    prop_assert_eq!(list.pop_front(&mut token), model.pop_front());
                    unlinked.extend(node);
                }
                Op::PopBack => {
                    let node = list.back_node(&token);
                    prop_assert_eq!(list.pop_back(&mut token), model.pop_back());
                    unlinked.extend(node);
                }
                Op::InsertAfter(_, _) | Op::InsertBefore(_, _) | Op::Unlink(_) | Op::Set(_, _) | Op::CursorReplace(_, _)
                    if len == 0 => {}
                Op::InsertAfter(p, v) => {
                    let node = nth(&list, p % len, &token);
                    list.insert_after(node, v, &member, &mut token);
                    model.insert(p % len + 1, v);
                }
                Op::InsertBefore(p, v) => {
                    let node = nth(&list, p % len, &token);
                    list.insert_before(node, v, &member, &mut token);
                    model.insert(p % len, v);
                }
                Op::Unlink(p) => {
                    let node = nth(&list, p % len, &token);
                    prop_assert_eq!(Some(list.unlink(node, &mut token)), model.remove(p % len));
                    unlinked.push(node);
                }
                Op::Set(p, v) => {
                    let node = nth(&list, p % len, &token);
                    *list.get_mut(node, &mut token) = v;
                    model[p % len] = v;
                }
                Op::AddToAll(v) => {
                    list.for_each_mut(&mut token, |x| *x = x.wrapping_add(v));
                    model.iter_mut().for_each(|x| *x = x.wrapping_add(v));
                }
                Op::ParAddToAll(v) => {
                    list.par_for_each_mut(&mut token, |x| *x = x.wrapping_add(v));
                    model.iter_mut().for_each(|x| *x = x.wrapping_add(v));
                }
                Op::CursorReplace(p, v) => {
                    let node = nth(&list, p % len, &token);
                    let mut cursor = list.cursor_at(node, &mut token);
                    prop_assert_eq!(cursor.remove_current(), model.remove(p % len));
                    // The cursor moved on to the next node, or to the ghost
                    // position (then `insert_after` adds at the front).
                    cursor.insert_after(v, &member);
                    let at = if p % len == model.len() { 0 } else { p % len + 1 };
                    model.insert(at, v);
                    unlinked.push(node);
                }
            }
            let forward: Vec<i32> = list.iter(&token).copied().collect();
            prop_assert_eq!(&forward, &Vec::from(model.clone()), "forward after step {}: {:?}", step, op);
            let backward: Vec<i32> = list.iter(&token).rev().copied().collect();
            prop_assert!(backward.iter().eq(model.iter().rev()), "backward after step {}: {:?}", step, op);
            let (front, back) = list.halves(&token);
            let halves: Vec<i32> = front.copied().chain(back.copied().collect::<Vec<_>>().into_iter().rev()).collect();
            prop_assert_eq!(&halves, &forward, "halves after step {}", step);
            prop_assert_eq!(list.len(&token), model.len());
            prop_assert_eq!(list.front(&token), model.front());
            prop_assert_eq!(list.back(&token), model.back());
            for &node in &unlinked {
                prop_assert!(!list.is_linked(node, &token), "an unlinked node came back");
            }
        }
        Ok(())
    })
}

#[test]
fn arena_list_behaves_like_vecdeque() {
    let config = Config {
        cases: CASES,
        // Keep the repository clean: no regression files.
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let result = runner.run(&prop::collection::vec(op(), 0..48), |ops| {
        RAN.fetch_add(1, Ordering::Relaxed);
        run_ops(&ops)
    });
    let ran = RAN.load(Ordering::Relaxed);
    std::fs::write(concat!(env!("CARGO_TARGET_TMPDIR"), "/arena_model.cases"), ran.to_string())
        .expect("the target's temporary directory is writable");
    println!("arena model: {ran} cases run");
    if let Err(failure) = result {
        panic!("the list and VecDeque disagree: {failure}");
    }
    assert!(ran >= CASES as usize, "only {ran} of {CASES} cases ran");
}
