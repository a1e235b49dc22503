use companion::async_cells::branded::{Executor, join};
use companion::ghost::GhostToken;

#[test]
fn logs_waiting_then_the_message_from_another_thread() {
    GhostToken::new(|token| {
        let log: Log<'_> = Rc::new(GhostCell::new(Vec::new()));
        let (send, receive) = oneshot::channel();
        let sender = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(5));
            send.send(String::from("hello")).unwrap();
        });
        let mut executor = Executor::new(token);
        let lines = executor.block_on(Relay::new(log.clone(), receive));
        sender.join().unwrap();
        assert_eq!(lines, 2);
        assert_eq!(*log.borrow(executor.owner()), ["waiting", "hello"]);
    });
}

#[test]
fn two_relays_share_one_log() {
    GhostToken::new(|token| {
        let log: Log<'_> = Rc::new(GhostCell::new(Vec::new()));
        let (send_a, receive_a) = oneshot::channel();
        let (send_b, receive_b) = oneshot::channel();
        let mut executor = Executor::new(token);
        let both = join(Relay::new(log.clone(), receive_a), Relay::new(log.clone(), receive_b));
        let sender = std::thread::spawn(move || {
            send_b.send(String::from("b")).unwrap();
            std::thread::sleep(std::time::Duration::from_millis(5));
            send_a.send(String::from("a")).unwrap();
        });
        let (lines_a, lines_b) = executor.block_on(both);
        sender.join().unwrap();
        assert_eq!(lines_a.max(lines_b), 4);
        let log = log.borrow(executor.owner());
        assert_eq!(&log[..2], ["waiting", "waiting"]);
        assert_eq!(log.len(), 4);
    });
}

#[test]
fn a_dropped_sender_is_logged() {
    GhostToken::new(|token| {
        let log: Log<'_> = Rc::new(GhostCell::new(Vec::new()));
        let (send, receive) = oneshot::channel::<String>();
        drop(send);
        let mut executor = Executor::new(token);
        assert_eq!(executor.block_on(Relay::new(log.clone(), receive)), 2);
        assert_eq!(*log.borrow(executor.owner()), ["waiting", "sender gone"]);
    });
}
