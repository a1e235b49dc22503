use qcell::TCell;
use std::rc::Rc;

/// Runs `f` with a fresh owner and `balances.len()` accounts holding them.
fn with_bank<R>(balances: &[u64], f: impl FnOnce(&mut BankOwner, &[Account]) -> R) -> R {
    let mut owner = BankOwner::new();
    let accounts: Vec<Account> = balances.iter().map(|&b| Rc::new(TCell::new(b))).collect();
    f(&mut owner, &accounts)
}

fn send(accounts: &[Account], from: usize, to: usize, amount: u64) -> Transfer {
    Transfer { from: accounts[from].clone(), to: accounts[to].clone(), amount }
}

fn balances(owner: &BankOwner, accounts: &[Account]) -> Vec<u64> {
    accounts.iter().map(|a| *owner.ro(a)).collect()
}

#[test]
fn a_batch_that_can_be_made_is_made_in_full() {
    with_bank(&[100, 50, 0], |owner, acc| {
        let batch = [send(acc, 0, 1, 30), send(acc, 1, 2, 60), send(acc, 0, 2, 70)];
        assert_eq!(apply_batch(&batch, owner), Ok(()));
        assert_eq!(balances(owner, acc), [0, 20, 130]);
    });
}

#[test]
fn a_transfer_may_spend_what_an_earlier_one_brought() {
    with_bank(&[0, 10, 0], |owner, acc| {
        let batch = [send(acc, 1, 0, 10), send(acc, 0, 2, 10)];
        assert_eq!(apply_batch(&batch, owner), Ok(()));
        assert_eq!(balances(owner, acc), [0, 0, 10]);
    });
}

#[test]
fn funds_that_come_later_do_not_count() {
    with_bank(&[0, 10, 0], |owner, acc| {
        let batch = [send(acc, 0, 2, 10), send(acc, 1, 0, 10)];
        assert_eq!(apply_batch(&batch, owner), Err(Refused { index: 0 }));
        assert_eq!(balances(owner, acc), [0, 10, 0]);
    });
}

#[test]
fn a_refusal_undoes_every_transfer_before_it() {
    with_bank(&[10, 0, 0], |owner, acc| {
        let batch = [send(acc, 0, 1, 10), send(acc, 1, 2, 4), send(acc, 2, 0, 3), send(acc, 1, 0, 7)];
        assert_eq!(apply_batch(&batch, owner), Err(Refused { index: 3 }));
        assert_eq!(balances(owner, acc), [10, 0, 0]);
    });
}

#[test]
fn a_transfer_to_the_same_account_moves_nothing_but_needs_the_funds() {
    with_bank(&[10, 0], |owner, acc| {
        assert_eq!(apply_batch(&[send(acc, 0, 0, 10)], owner), Ok(()));
        assert_eq!(balances(owner, acc), [10, 0]);
        let batch = [send(acc, 0, 1, 5), send(acc, 0, 0, 6)];
        assert_eq!(apply_batch(&batch, owner), Err(Refused { index: 1 }));
        assert_eq!(balances(owner, acc), [10, 0]);
    });
}

#[test]
fn an_empty_batch_and_zero_amounts_are_fine() {
    with_bank(&[0, 0], |owner, acc| {
        assert_eq!(apply_batch(&[], owner), Ok(()));
        assert_eq!(apply_batch(&[send(acc, 0, 1, 0), send(acc, 1, 1, 0)], owner), Ok(()));
        assert_eq!(balances(owner, acc), [0, 0]);
    });
}

/// The rules, on plain numbers: the balances after the batch, or the refusal.
fn model(mut balances: Vec<u64>, batch: &[(usize, usize, u64)]) -> (Result<(), Refused>, Vec<u64>) {
    let before = balances.clone();
    for (index, &(from, to, amount)) in batch.iter().enumerate() {
        if balances[from] < amount {
            return (Err(Refused { index }), before);
        }
        balances[from] -= amount;
        balances[to] += amount;
    }
    (Ok(()), balances)
}

#[test]
fn five_hundred_random_batches_agree_with_the_rules() {
    with_bank(&[40, 30, 20, 10], |owner, acc| {
        let mut seed = 0x2545_f491_u64;
        let mut next = |below: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % below
        };
        let (mut made, mut refused) = (0, 0);
        for _ in 0..500 {
            let len = next(6) as usize;
            let moves: Vec<(usize, usize, u64)> = (0..len).map(|_| (next(4) as usize, next(4) as usize, next(30))).collect();
            let batch: Vec<Transfer> = moves.iter().map(|&(from, to, amount)| send(acc, from, to, amount)).collect();
            let (expected, after) = model(balances(owner, acc), &moves);
            let result = apply_batch(&batch, owner);
            if result.is_ok() { made += 1 } else { refused += 1 }
            assert_eq!((result, balances(owner, acc)), (expected, after), "batch {moves:?}");
        }
        assert!(made > 50 && refused > 50, "the batches test both outcomes ({made} made, {refused} refused)");
        assert_eq!(balances(owner, acc).iter().sum::<u64>(), 100, "money is neither made nor lost");
    });
}
