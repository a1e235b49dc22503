//! claim: a token cannot be conjured with `Default`.
use companion::ghost::GhostToken;

fn main() {
    let _token: GhostToken<'static> = Default::default();
}
