//! claim: the constructor the macro uses is `unsafe`, so safe code cannot make a token by value.
use companion::stack_token::StackToken;

fn main() {
    let _token: StackToken = StackToken::__new_unchecked();
}
