//! claim: wrapping a `thread_local!` key of one's own (possibly lazy) as a `TokenLocal` needs `unsafe`.
use companion::stack_token::TokenLocal;
use std::cell::Cell;

thread_local!(static COUNT: Cell<u32> = Cell::new(0));
static WRAPPED: TokenLocal<Cell<u32>> = TokenLocal::__new_unchecked(&COUNT);

fn main() {
    companion::stack_token!(token);
    WRAPPED.get(token).set(1);
}
