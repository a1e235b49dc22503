//! claim: a token reference cannot be sent to another thread through a channel.
use companion::stack_token::StackToken;
use std::sync::mpsc;

fn main() {
    companion::stack_token!(token);
    let (sender, receiver) = mpsc::channel::<&StackToken>();
    std::thread::scope(|scope| {
        scope.spawn(move || sender.send(token).unwrap());
    });
    let _ = receiver.recv();
}
