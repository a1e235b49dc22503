//! claim: an attribute macro on a token-local cannot turn its `const` initialiser into a lazy one: the `const` it would delete is added after the attributes have run, so a non-const initialiser stays a compile error.
fn first_use() -> Option<&'static u8> {
    None
}

companion::token_local! {
    #[strip_const::lazy]
    static WORD: Option<&'static u8> = const { first_use() };
}

fn main() {
    companion::stack_token!(token);
    assert!(WORD.get(token).is_none());
}
