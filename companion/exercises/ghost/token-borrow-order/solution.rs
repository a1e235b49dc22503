// Two bank accounts, kept in GhostCells of one brand, and one token for both.
use companion::ghost::{GhostCell, GhostToken};

/// Moves `amount` from `from` to `to`, but never more than `from` holds, and
/// returns how much was moved. `from` and `to` may be the same account: then
/// nothing changes.
pub fn transfer<'brand>(
    from: &GhostCell<'brand, u64>,
    to: &GhostCell<'brand, u64>,
    amount: u64,
    token: &mut GhostToken<'brand>,
) -> u64 {
    // Copy the number out: the shared borrow of the token ends on this line.
    let moved = amount.min(*from.borrow(token));
    // Each write is relative to the cell's current value, so the two writes
    // cancel out when `from` and `to` are the same cell.
    *from.borrow_mut(token) -= moved;
    *to.borrow_mut(token) += moved;
    moved
}
