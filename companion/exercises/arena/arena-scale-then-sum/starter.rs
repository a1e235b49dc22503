// Scale every value of an arena list and return the new total. The author saw two
// independent jobs (the new total is `factor` times the old one) and gave them to
// two threads at once. Keep both jobs parallel, and make it compile.

use companion::arena::ArenaList;
use ghost_cell::GhostToken;

/// Multiplies every value by `factor` and returns the sum of the new values.
pub fn scale_and_total<'id>(list: &ArenaList<'_, 'id, i64>, token: &mut GhostToken<'id>, factor: i64) -> i64 {
    let (old_total, ()) = rayon::join(
        || list.iter(token).sum::<i64>(),
        || list.par_for_each_mut(token, |value| *value *= factor),
    );
    old_total * factor
}
