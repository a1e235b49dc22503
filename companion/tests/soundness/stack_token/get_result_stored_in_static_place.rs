//! claim: even through a `&'static Sticky`, `get` gives no `'static` reference to store in a thread-local.
use companion::stack_token::Sticky;
use std::cell::Cell;
use std::sync::OnceLock;

static STICKY: OnceLock<Sticky<String>> = OnceLock::new();

thread_local! {
    static KEPT: Cell<Option<&'static String>> = const { Cell::new(None) };
}

fn main() {
    let sticky: &'static Sticky<String> = STICKY.get_or_init(|| Sticky::new(String::from("value")));
    companion::stack_token!(token);
    KEPT.with(|kept| kept.set(Some(sticky.get(token))));
}
