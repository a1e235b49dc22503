// Scale every value of an arena list and return the new total, each of the two
// jobs on two threads, one job after the other.

use companion::arena::ArenaList;
use ghost_cell::GhostToken;

/// Multiplies every value by `factor` and returns the sum of the new values.
pub fn scale_and_total<'id>(list: &ArenaList<'_, 'id, i64>, token: &mut GhostToken<'id>, factor: i64) -> i64 {
    // Writing needs the token uniquely, so nothing may read during it. The
    // writers split the list in two halves that share no node.
    list.par_for_each_mut(token, |value| *value *= factor);
    // Then any number of readers may share the token: both halves at once.
    let (front, back) = list.par_fold(token, || 0_i64, |sum, value| sum + value);
    front + back
}
