// Accounts are balances in `TCell`s, shared through `Rc`, and one `BankOwner`
// opens them all. `apply_batch` makes a batch of transfers, in order, and the
// batch is all or nothing:
// - a transfer needs its `from` account to hold at least `amount` at that
//   point of the batch (it may spend what an earlier transfer of the batch
//   brought in);
// - if any transfer cannot be made, none is: every balance ends as it was
//   before the batch, and the error names the first transfer refused;
// - `from` and `to` may be the same account: that transfer moves nothing,
//   but needs the funds like any other.
//
// As written, a batch stops at the first refusal with the earlier transfers
// already made, and a transfer from an account to itself panics. Make
// `apply_batch` follow the rules; keep its signature.

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
        let (from, to) = owner.rw2(&transfer.from, &transfer.to);
        if *from < transfer.amount {
            return Err(Refused { index });
        }
        *from -= transfer.amount;
        *to += transfer.amount;
    }
    Ok(())
}
