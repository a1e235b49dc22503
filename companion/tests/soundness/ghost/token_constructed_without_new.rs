//! claim: a token cannot be built by hand; its field is private.
use companion::ghost::GhostToken;
use std::marker::PhantomData;

fn main() {
    let _token: GhostToken<'static> = GhostToken { _brand: PhantomData };
}
