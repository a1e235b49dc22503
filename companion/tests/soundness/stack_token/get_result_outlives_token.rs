//! claim: a reference from `Sticky::get` cannot outlive the token it was made with.
use companion::stack_token::Sticky;

fn main() {
    let sticky = Sticky::new(String::from("value"));
    let escaped: &String;
    {
        companion::stack_token!(token);
        escaped = sticky.get(token);
    }
    println!("{escaped}");
}
