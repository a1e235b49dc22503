use bumpalo::Bump;
use ghost_cell::GhostToken;

/// Both lists after `retain`, each read forward and backward, with their lengths.
#[derive(Debug, PartialEq)]
struct Halves {
    kept: Vec<i64>,
    kept_rev: Vec<i64>,
    removed: Vec<i64>,
    removed_rev: Vec<i64>,
    lens: (usize, usize),
}

/// A list of `values`, after `retain(keep)`. Also checks that `retain`
/// allocated nothing in the arena.
fn retain_from(values: &[i64], keep: impl FnMut(&i64) -> bool) -> Halves {
    let arena = Bump::new();
    GhostToken::new(|mut token| {
        let mut list = List::new();
        for &value in values {
            list.push_back(value, &arena, &mut token);
        }
        let bytes_before = arena.allocated_bytes();
        let removed = list.retain(keep, &mut token);
        assert_eq!(arena.allocated_bytes(), bytes_before, "retain allocated in the arena");
        Halves {
            kept: list.to_vec(&token),
            kept_rev: list.to_vec_rev(&token),
            removed: removed.to_vec(&token),
            removed_rev: removed.to_vec_rev(&token),
            lens: (list.len(), removed.len()),
        }
    })
}

fn halves(kept: &[i64], removed: &[i64]) -> Halves {
    let reversed = |v: &[i64]| v.iter().rev().copied().collect();
    Halves {
        kept: kept.to_vec(),
        kept_rev: reversed(kept),
        removed: removed.to_vec(),
        removed_rev: reversed(removed),
        lens: (kept.len(), removed.len()),
    }
}

#[test]
fn keeps_the_evens_and_returns_the_odds() {
    assert_eq!(retain_from(&[1, 2, 3, 4, 5, 6], |v| v % 2 == 0), halves(&[2, 4, 6], &[1, 3, 5]));
}

#[test]
fn removes_runs_at_the_head_the_middle_and_the_tail() {
    let values = [0, 0, 5, 6, 0, 0, 0, 7, 0];
    assert_eq!(retain_from(&values, |&v| v != 0), halves(&[5, 6, 7], &[0, 0, 0, 0, 0, 0]));
}

#[test]
fn keeping_everything_changes_nothing() {
    assert_eq!(retain_from(&[3, 1, 2], |_| true), halves(&[3, 1, 2], &[]));
}

#[test]
fn keeping_nothing_moves_everything() {
    assert_eq!(retain_from(&[3, 1, 2], |_| false), halves(&[], &[3, 1, 2]));
}

#[test]
fn an_empty_list_stays_empty() {
    assert_eq!(retain_from(&[], |_| panic!("no value to test")), halves(&[], &[]));
}

#[test]
fn keep_is_called_once_per_value_from_the_head() {
    let mut seen = Vec::new();
    retain_from(&[10, 20, 30, 40], |&v| {
        seen.push(v);
        v > 20
    });
    assert_eq!(seen, [10, 20, 30, 40]);
}

#[test]
fn both_lists_keep_working_after_retain() {
    let arena = Bump::new();
    GhostToken::new(|mut token| {
        let mut list = List::new();
        for value in 1..=5 {
            list.push_back(value, &arena, &mut token);
        }
        let mut removed = list.retain(|&v| v != 5 && v != 2, &mut token);
        list.push_back(10, &arena, &mut token);
        removed.push_back(20, &arena, &mut token);
        assert_eq!(list.to_vec(&token), [1, 3, 4, 10]);
        assert_eq!(list.to_vec_rev(&token), [10, 4, 3, 1]);
        assert_eq!(removed.to_vec(&token), [2, 5, 20]);
        assert_eq!(removed.to_vec_rev(&token), [20, 5, 2]);
        // And a second retain on the result.
        let again = list.retain(|&v| v > 3, &mut token);
        assert_eq!((list.to_vec(&token), again.to_vec_rev(&token)), (vec![4, 10], vec![3, 1]));
        assert_eq!((list.len(), again.len(), removed.len()), (2, 2, 3));
    });
}

#[test]
fn a_long_list_in_one_pass() {
    let values: Vec<i64> = (0..10_000).collect();
    let result = retain_from(&values, |v| v % 3 != 0);
    let (kept, removed): (Vec<i64>, Vec<i64>) = values.iter().partition(|&&v| v % 3 != 0);
    assert_eq!(result, halves(&kept, &removed));
}
