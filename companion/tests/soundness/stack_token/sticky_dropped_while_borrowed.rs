//! claim: a `Sticky` cannot be dropped while a reference from `get` lives.
use companion::stack_token::Sticky;

fn main() {
    let sticky = Sticky::new(String::from("value"));
    companion::stack_token!(token);
    let read = sticky.get(token);
    drop(sticky);
    println!("{read}");
}
