//! claim: a list cannot be relinked while an iterator over it holds the token.
use bumpalo::Bump;
use companion::ghost::GhostToken;
use companion::ghost::list::GhostList;

fn main() {
    let arena = Bump::new();
    GhostToken::new(|mut token| {
        let mut list = GhostList::new(&arena);
        list.push_back(1, &mut token);
        for value in list.iter(&token) {
            list.push_back(*value, &mut token);
        }
    });
}
