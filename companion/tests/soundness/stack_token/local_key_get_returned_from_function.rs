//! claim: `LocalKeyExt::get` gives no reference that outlives the caller's frame.
use companion::stack_token::LocalKeyExt;

thread_local!(static NAME: String = String::from("main"));

fn name() -> &'static str {
    companion::stack_token!(token);
    NAME.get(token)
}

fn main() {
    println!("{}", name());
}
