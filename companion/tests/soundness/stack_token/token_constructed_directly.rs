//! claim: a `StackToken` cannot be built with a struct literal; its field is private.
use companion::stack_token::StackToken;
use std::marker::PhantomData;

fn main() {
    let _token = StackToken { _not_send_or_sync: PhantomData };
}
