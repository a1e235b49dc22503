// A row of counters in GhostCells of one brand.
use companion::ghost::{GhostBorrowMut, GhostCell, GhostToken};

/// Adds the value of `cells[from]` to `cells[to]` and returns the new value of
/// `cells[to]`. `from` and `to` may be equal: then the cell doubles.
pub fn add_into<'brand>(
    cells: &[GhostCell<'brand, i64>],
    from: usize,
    to: usize,
    token: &mut GhostToken<'brand>,
) -> i64 {
    let (source, target) = (&cells[from], &cells[to]).borrow_mut(token).unwrap();
    *target += *source;
    *target
}
