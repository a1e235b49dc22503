// A batch of transfers between `TCell` balances, all or nothing.
//
// The transfers are made one by one, in order, so a later one sees what an
// earlier one brought in. When one is refused, the ones already made are
// undone in reverse order: each undo moves the amount back, and since the
// balances are exactly what those transfers left, nothing can be short. A
// transfer from an account to itself only checks the funds, with `ro`:
// `rw2` on one cell twice would be two `&mut` to one balance, which qcell
// refuses with a panic.

use qcell::{TCell, TCellOwner};
use std::rc::Rc;

/// The marker type that names the bank's owner.
pub struct Bank;
pub type BankOwner = TCellOwner<Bank>;
pub type Account = Rc<TCell<Bank, u64>>;

pub struct Transfer {
    pub from: Account,
    pub to: Account,
    pub amount: u64,
}

/// The batch was not applied: `index` is the first transfer that lacked funds.
#[derive(Debug, PartialEq, Eq)]
pub struct Refused {
    pub index: usize,
}

pub fn apply_batch(batch: &[Transfer], owner: &mut BankOwner) -> Result<(), Refused> {
    for (index, transfer) in batch.iter().enumerate() {
        if *owner.ro(&transfer.from) < transfer.amount {
            for made in batch[..index].iter().rev() {
                move_funds(&made.to, &made.from, made.amount, owner);
            }
            return Err(Refused { index });
        }
        move_funds(&transfer.from, &transfer.to, transfer.amount, owner);
    }
    Ok(())
}

/// Moves `amount` from `from` to `to`; the caller has checked the funds.
fn move_funds(from: &Account, to: &Account, amount: u64, owner: &mut BankOwner) {
    if Rc::ptr_eq(from, to) {
        return;
    }
    let (from, to) = owner.rw2(from, to);
    *from -= amount;
    *to += amount;
}
