//! claim: a branded owner cannot be the lent owner: the marker must be `'static`, so a type carrying a brand `'id` is refused.
use companion::async_cells::lent::LentOwner;
use companion::ghost::GhostToken;

fn lend_the_brand<'id>(_token: &GhostToken<'id>) {
    let _owner = LentOwner::<GhostToken<'id>>::new();
}

fn main() {
    GhostToken::new(|token| lend_the_brand(&token));
}
