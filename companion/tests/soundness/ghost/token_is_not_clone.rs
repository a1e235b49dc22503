//! claim: a token cannot be cloned into a second token of the same brand.
use companion::ghost::GhostToken;

fn main() {
    GhostToken::new(|token| {
        let _twin = token.clone();
    });
}
