//! claim: a token reference cannot be returned out of the frame that holds the token.
use companion::stack_token::StackToken;

fn make() -> &'static StackToken {
    companion::stack_token!(token);
    token
}

fn main() {
    let _token = make();
}
