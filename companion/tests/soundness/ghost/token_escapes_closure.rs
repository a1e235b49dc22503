//! claim: the token cannot be returned out of `GhostToken::new`.
use companion::ghost::GhostToken;

fn main() {
    let _token = GhostToken::new(|token| token);
}
