//! claim: `StackToken` is not `Sync`, so `&StackToken` is not `Send`.
use companion::stack_token::StackToken;

fn assert_sync<T: Sync>() {}

fn main() {
    assert_sync::<StackToken>();
}
