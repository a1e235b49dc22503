//! A type of the user's own whose fields have no drop glue may be declared: the compile-time check passes.
use companion::stack_token::NoDropGlue;
use std::cell::Cell;

#[derive(Clone, Copy)]
struct Span {
    start: u32,
    end: u32,
}

impl NoDropGlue for Span {}

companion::token_local!(static SPAN: Cell<Span> = const { Cell::new(Span { start: 2, end: 5 }) });

fn main() {
    companion::stack_token!(token);
    let span = SPAN.get(token).get();
    assert_eq!(span.end - span.start, 3);
}
