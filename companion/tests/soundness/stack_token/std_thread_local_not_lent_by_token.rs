//! claim: a token lends out no std `thread_local!`, so the route that read a destroyed thread-local (a token and a reference kept across `.await`) cannot be written.
thread_local!(static VALUE: String = String::from("destroyed at thread exit"));

async fn tick() {}

async fn holds_across_await() -> usize {
    companion::stack_token!(token);
    let value: &String = VALUE.get(token);
    tick().await;
    value.len()
}

fn main() {
    drop(holds_across_await());
}
