//! claim: implementing `NoDropGlue` for a type with a destructor does not make it servable: declaring the token-local fails to compile.
use companion::stack_token::NoDropGlue;

struct Name(&'static str, Vec<u8>);

impl NoDropGlue for Name {}

companion::token_local!(static NAME: Name = const { Name("main", Vec::new()) });

fn main() {
    companion::stack_token!(token);
    println!("{}", NAME.get(token).0);
}
