//! claim: the token cannot be smuggled out through a captured variable.
use companion::ghost::GhostToken;

fn main() {
    let mut smuggled = None;
    GhostToken::new(|token| smuggled = Some(token));
}
