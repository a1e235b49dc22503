//! claim: a token's brand cannot be shortened (no covariance).
use companion::ghost::GhostToken;

fn shrink<'long: 'short, 'short>(token: GhostToken<'long>) -> GhostToken<'short> {
    token
}

fn main() {}
