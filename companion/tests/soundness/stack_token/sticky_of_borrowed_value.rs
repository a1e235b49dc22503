//! claim: a `Sticky` only holds `'static` values, since its value may outlive the handle (fragile issue #15).
use companion::stack_token::Sticky;

fn main() {
    let local = String::from("short-lived");
    let _sticky = Sticky::new(&local);
}
