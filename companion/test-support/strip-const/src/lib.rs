//! `#[strip_const::lazy]` deletes the keyword `const` wherever it stands
//! before a `{ ... }` block in the item it is applied to, at any depth. Put on
//! a `token_local!` static, it would turn a `const { ... }` initialiser into a
//! lazy one if the expansion gave it one to see. The companion's soundness
//! case `token_local_attribute_cannot_strip_const` checks that it does not.

use proc_macro::{Delimiter, Group, TokenStream, TokenTree};

/// Returns `item` with every `const` that precedes a brace-delimited block
/// removed.
#[proc_macro_attribute]
pub fn lazy(_arguments: TokenStream, item: TokenStream) -> TokenStream {
    strip(item)
}

fn strip(tokens: TokenStream) -> TokenStream {
    let mut out = Vec::new();
    let mut tokens = tokens.into_iter().peekable();
    while let Some(token) = tokens.next() {
        match token {
            TokenTree::Ident(ident)
                if ident.to_string() == "const"
                    && matches!(tokens.peek(), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace) => {}
            TokenTree::Group(group) => {
                let mut stripped = Group::new(group.delimiter(), strip(group.stream()));
                stripped.set_span(group.span());
                out.push(TokenTree::Group(stripped));
            }
            other => out.push(other),
        }
    }
    out.into_iter().collect()
}
