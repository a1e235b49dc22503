//! claim: a token-local with a lazy initialiser is refused: one that reads its own key makes std initialise it twice and write over the value a token's reference points at.
companion::token_local!(static DEPTH: Option<&'static u8> = first_use());

fn first_use() -> Option<&'static u8> {
    None
}

fn main() {
    companion::stack_token!(token);
    assert!(DEPTH.get(token).is_none());
}
