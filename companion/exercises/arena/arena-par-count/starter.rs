// Count the values of an arena list that satisfy a predicate. This version is
// correct but walks the whole list on one thread. Make it use two threads at
// once, each counting one half, sharing the one `&GhostToken`.

use companion::arena::ArenaList;
use ghost_cell::GhostToken;

pub fn count_parallel<'id, T: Send + Sync>(
    list: &ArenaList<'_, 'id, T>,
    token: &GhostToken<'id>,
    pred: impl Fn(&T) -> bool + Sync,
) -> usize {
    list.iter(token).filter(|value| pred(value)).count()
}
