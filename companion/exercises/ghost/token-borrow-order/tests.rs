use companion::ghost::{GhostCell as Account, GhostToken as Token};

#[test]
fn moves_the_requested_amount() {
    Token::new(|mut token| {
        let (alice, bob) = (Account::new(100), Account::new(5));
        assert_eq!(transfer(&alice, &bob, 30, &mut token), 30);
        assert_eq!((*alice.borrow(&token), *bob.borrow(&token)), (70, 35));
    });
}

#[test]
fn never_moves_more_than_the_balance() {
    Token::new(|mut token| {
        let (alice, bob) = (Account::new(10), Account::new(0));
        assert_eq!(transfer(&alice, &bob, 25, &mut token), 10);
        assert_eq!((*alice.borrow(&token), *bob.borrow(&token)), (0, 10));
    });
}

#[test]
fn a_transfer_to_the_same_account_changes_nothing() {
    Token::new(|mut token| {
        let alice = Account::new(40);
        assert_eq!(transfer(&alice, &alice, 15, &mut token), 15);
        assert_eq!(*alice.borrow(&token), 40);
    });
}
