// Count the values of an arena list that satisfy a predicate, on two threads:
// each counts one half of the list (walked from its own end), and both share
// the one `&GhostToken`.

use companion::arena::{ArenaList, HalfIter};
use ghost_cell::GhostToken;

pub fn count_parallel<'id, T: Send + Sync>(
    list: &ArenaList<'_, 'id, T>,
    token: &GhostToken<'id>,
    pred: impl Fn(&T) -> bool + Sync,
) -> usize {
    let (front, back) = list.halves(token);
    let count = |half: HalfIter<'_, '_, '_, T>| half.filter(|value| pred(value)).count();
    let (a, b) = rayon::join(|| count(front), || count(back));
    a + b
}
