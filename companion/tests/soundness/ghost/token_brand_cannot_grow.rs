//! claim: a token's brand cannot be lengthened (no contravariance).
use companion::ghost::GhostToken;

fn grow<'long: 'short, 'short>(token: GhostToken<'short>) -> GhostToken<'long> {
    token
}

fn main() {}
