//! claim: `TokenLocal::get` gives no reference that outlives the caller's token.
use std::cell::Cell;

companion::token_local!(static HITS: Cell<u32> = const { Cell::new(0) });

fn hits() -> &'static Cell<u32> {
    companion::stack_token!(token);
    HITS.get(token)
}

fn main() {
    hits().set(1);
}
