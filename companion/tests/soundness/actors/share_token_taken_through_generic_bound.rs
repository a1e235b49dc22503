//! claim: the share token cannot be taken out of a share owner through a generic bound: the sealed supertrait's methods are reachable by name from any `T: ShareOwner<'id>`, but each needs an argument of a type that only the crate can make, so `Share::rw` and `Share::ro` stay the only uses of the token.
use companion::actors::{Runtime, ShareOwner};
use companion::ghost::GhostToken;
use std::time::Instant;

fn token<'a, 'id, T: ShareOwner<'id>>(owner: &'a mut T) -> &'a mut GhostToken<'id> {
    owner.token()
}

fn main() {
    Runtime::scope(Instant::now(), |mut rt| {
        let _token = token(&mut rt);
    });
}
