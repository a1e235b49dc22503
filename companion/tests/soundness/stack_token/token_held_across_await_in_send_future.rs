//! claim: a future that keeps a token across `.await` is not `Send`, since its next poll may run on another thread.
use companion::stack_token::Sticky;

fn require_send<F: std::future::Future + Send>(_future: F) {}

fn main() {
    let value = Sticky::new(1);
    require_send(async move {
        companion::stack_token!(token);
        std::future::ready(()).await;
        let _read = *value.get(token);
    });
}
