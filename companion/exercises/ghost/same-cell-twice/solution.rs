// A row of counters in GhostCells of one brand.
use companion::ghost::{GhostCell, GhostToken};

/// Adds the value of `cells[from]` to `cells[to]` and returns the new value of
/// `cells[to]`. `from` and `to` may be equal: then the cell doubles.
pub fn add_into<'brand>(
    cells: &[GhostCell<'brand, i64>],
    from: usize,
    to: usize,
    token: &mut GhostToken<'brand>,
) -> i64 {
    // Two live `&mut` are not needed: copy the source out (the shared borrow of
    // the token ends here), then write the target. This also works when
    // `from == to`, where a multi-borrow of (&cells[i], &cells[i]) is refused.
    let amount = *cells[from].borrow(token);
    let target = cells[to].borrow_mut(token);
    *target += amount;
    *target
}
