//! claim: a `RefCell` whose contents have a destructor cannot be declared for tokens.
use std::cell::RefCell;

companion::token_local!(static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) });

fn main() {
    companion::stack_token!(token);
    LOG.borrow_mut(token).push(String::from("started"));
}
