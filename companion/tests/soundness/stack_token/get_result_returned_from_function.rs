//! claim: a function cannot return a `Sticky::get` reference made with its own token.
use companion::stack_token::Sticky;

fn read(sticky: &Sticky<String>) -> &String {
    companion::stack_token!(token);
    sticky.get(token)
}

fn main() {
    let sticky = Sticky::new(String::from("value"));
    println!("{}", read(&sticky));
}
