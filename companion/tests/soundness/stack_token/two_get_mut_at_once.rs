//! claim: one `Sticky` cannot hand out two live mutable references.
use companion::stack_token::Sticky;

fn main() {
    let mut sticky = Sticky::new(0);
    companion::stack_token!(token);
    let first = sticky.get_mut(token);
    let second = sticky.get_mut(token);
    *first += *second;
}
