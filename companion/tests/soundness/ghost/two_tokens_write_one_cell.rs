//! claim: two tokens can never both hold write access to one cell (the covariant attack).
use companion::ghost::{GhostCell, GhostToken};

fn two_writers<'a, 'b>(first: GhostToken<'a>, second: GhostToken<'b>, cell: &GhostCell<'a, u8>) {
    let (mut first, mut second) = (first, second);
    let one = cell.borrow_mut(&mut first);
    let two = cell.borrow_mut(&mut second);
    *one = *two;
}

fn main() {}
