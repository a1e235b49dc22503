use qcell::TLCellOwner;

fn owned(pairs: &[(&str, usize)]) -> Vec<(String, usize)> {
    pairs.iter().map(|&(word, count)| (word.to_string(), count)).collect()
}

#[test]
fn counts_in_order_of_first_appearance() {
    let counts = word_counts(String::from("to be or not to be"));
    assert_eq!(counts, owned(&[("to", 2), ("be", 2), ("or", 1), ("not", 1)]));
}

#[test]
fn an_empty_text_has_no_words() {
    assert_eq!(word_counts(String::new()), owned(&[]));
}

#[test]
fn works_while_the_caller_owns_a_tally_of_its_own() {
    // One owner per marker per thread: the caller's owner and the worker's do not clash.
    let _mine = TLCellOwner::<Tally>::new();
    assert_eq!(word_counts(String::from("a a a")), owned(&[("a", 3)]));
}

#[test]
fn two_workers_at_once() {
    let (left, right) = std::thread::scope(|s| {
        let left = s.spawn(|| word_counts(String::from("x y x")));
        let right = s.spawn(|| word_counts(String::from("y y")));
        (left.join().unwrap(), right.join().unwrap())
    });
    assert_eq!(left, owned(&[("x", 2), ("y", 1)]));
    assert_eq!(right, owned(&[("y", 2)]));
}
