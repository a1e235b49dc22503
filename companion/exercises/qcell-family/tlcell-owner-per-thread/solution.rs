// Count the words of a text on a worker thread. Each distinct word gets one
// counter, reachable from two places (a map to find it, a list to keep the order
// of first appearance), so the counters are cells shared through `Rc`.

use std::collections::HashMap;
use std::rc::Rc;

use qcell::{TLCell, TLCellOwner};

/// The marker type of this module's owner.
struct Tally;

/// Each distinct word of `text` with how often it occurs, in the order in
/// which the words first appear. The counting runs on a worker thread.
pub fn word_counts(text: String) -> Vec<(String, usize)> {
    std::thread::spawn(move || {
        // A TLCellOwner belongs to the thread that makes it: make it where the
        // cells are used. Every thread may have its own owner of `Tally`.
        let mut owner = TLCellOwner::<Tally>::new();
        let mut by_word: HashMap<&str, Rc<TLCell<Tally, usize>>> = HashMap::new();
        let mut first_seen: Vec<(&str, Rc<TLCell<Tally, usize>>)> = Vec::new();
        for word in text.split_whitespace() {
            let counter = by_word.entry(word).or_insert_with(|| {
                let counter = Rc::new(TLCell::new(0));
                first_seen.push((word, Rc::clone(&counter)));
                counter
            });
            *owner.rw(counter) += 1;
        }
        first_seen.into_iter().map(|(word, counter)| (word.to_string(), *owner.ro(&counter))).collect()
    })
    .join()
    .unwrap()
}
