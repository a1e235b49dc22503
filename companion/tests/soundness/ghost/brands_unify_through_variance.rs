//! claim: the brand is invariant, so a token and a cell of unrelated brands never unify.
use companion::ghost::{GhostCell, GhostToken};

fn unify<'a, 'b>(token: GhostToken<'a>, cell: &GhostCell<'b, u8>) {
    let mut token = token;
    *cell.borrow_mut(&mut token) = 2;
}

fn main() {}
