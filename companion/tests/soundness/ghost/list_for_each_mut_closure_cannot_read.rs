//! claim: while `for_each_mut` writes one node, its closure cannot read another through the token.
use bumpalo::Bump;
use companion::ghost::GhostToken;
use companion::ghost::list::GhostList;

fn main() {
    let arena = Bump::new();
    GhostToken::new(|mut token| {
        let mut list = GhostList::new(&arena);
        list.push_back(1, &mut token);
        list.push_back(2, &mut token);
        list.for_each_mut(&mut token, |value| *value += *list.front(&token).unwrap());
    });
}
