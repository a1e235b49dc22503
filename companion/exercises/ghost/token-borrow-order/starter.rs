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
    let balance = from.borrow(token);
    let moved = amount.min(*balance);
    *to.borrow_mut(token) += moved;
    *from.borrow_mut(token) = *balance - moved;
    moved
}
