#[test]
fn counts_every_vote_once() {
    assert_eq!(count_votes(&[0, 2, 2, 1, 2, 0], 3), [2, 1, 3]);
}

#[test]
fn candidates_without_votes_get_zero() {
    assert_eq!(count_votes(&[1, 1], 4), [0, 2, 0, 0]);
}

#[test]
fn no_voters() {
    assert_eq!(count_votes(&[], 2), [0, 0]);
}
