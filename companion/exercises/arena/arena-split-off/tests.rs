use bumpalo::Bump;
use ghost_cell::GhostToken;

/// A list of `0..n`, split at `at`: returns both halves read forward and backward.
fn split(n: i64, at: usize) -> [Vec<i64>; 4] {
    let arena = Bump::new();
    GhostToken::new(|mut token| {
        let mut list = List::new();
        for value in 0..n {
            list.push_back(value, &arena, &mut token);
        }
        let rest = list.split_off(at, &mut token);
        assert_eq!(list.len() + rest.len(), n as usize);
        [list.to_vec(&token), list.to_vec_rev(&token), rest.to_vec(&token), rest.to_vec_rev(&token)]
    })
}

#[test]
fn splits_in_the_middle() {
    assert_eq!(split(5, 2), [vec![0, 1], vec![1, 0], vec![2, 3, 4], vec![4, 3, 2]]);
}

#[test]
fn splitting_at_zero_moves_everything() {
    assert_eq!(split(3, 0), [vec![], vec![], vec![0, 1, 2], vec![2, 1, 0]]);
}

#[test]
fn splitting_at_the_length_moves_nothing() {
    assert_eq!(split(3, 3), [vec![0, 1, 2], vec![2, 1, 0], vec![], vec![]]);
}

#[test]
fn both_lists_keep_working_after_the_split() {
    let arena = Bump::new();
    GhostToken::new(|mut token| {
        let mut list = List::new();
        for value in 0..4 {
            list.push_back(value, &arena, &mut token);
        }
        let mut rest = list.split_off(1, &mut token);
        list.push_back(10, &arena, &mut token);
        rest.push_back(20, &arena, &mut token);
        assert_eq!(list.to_vec(&token), [0, 10]);
        assert_eq!(list.to_vec_rev(&token), [10, 0]);
        assert_eq!(rest.to_vec(&token), [1, 2, 3, 20]);
        assert_eq!(rest.to_vec_rev(&token), [20, 3, 2, 1]);
        assert_eq!((list.len(), rest.len()), (2, 4));
    });
}

#[test]
#[should_panic(expected = "split_off: at is past the end")]
fn splitting_past_the_end_panics() {
    let arena = Bump::new();
    GhostToken::new(|mut token| {
        let mut list = List::new();
        list.push_back(1, &arena, &mut token);
        list.split_off(2, &mut token);
    });
}
