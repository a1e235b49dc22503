//! claim: a `get_mut` reference keeps the `Sticky` borrowed, so no `get` can run while it lives.
use companion::stack_token::Sticky;

fn main() {
    let mut sticky = Sticky::new(vec![1]);
    companion::stack_token!(token);
    let writer = sticky.get_mut(token);
    let reader = sticky.get(token);
    writer.push(reader.len());
}
