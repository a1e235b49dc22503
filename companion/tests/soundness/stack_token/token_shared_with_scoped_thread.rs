//! claim: a token reference cannot be shared with another thread, not even a scoped one.
fn main() {
    companion::stack_token!(token);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let _proof = token;
        });
    });
}
