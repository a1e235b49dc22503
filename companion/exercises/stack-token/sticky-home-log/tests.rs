use companion::stack_token::StickyError;
use std::cell::RefCell;
use std::rc::Rc;
use std::thread;

/// A buffer for the home thread's own code, and a log that writes into it.
fn home_log() -> (Rc<RefCell<Vec<String>>>, Log) {
    let buffer = Rc::new(RefCell::new(Vec::new()));
    let log = Log::new(buffer.clone());
    (buffer, log)
}

fn lines(buffer: &Rc<RefCell<Vec<String>>>) -> Vec<String> {
    buffer.borrow().clone()
}

#[test]
fn the_log_can_be_shared_with_any_thread() {
    fn shareable<T: Send + Sync>() {}
    shareable::<Log>();
}

#[test]
fn a_line_written_at_home_is_in_the_buffer_at_once() {
    let (buffer, log) = home_log();
    companion::stack_token!(token);
    log.write("one", token);
    log.write("two", token);
    assert_eq!(lines(&buffer), ["one", "two"]);
    assert_eq!(log.sync(token), Ok(0));
}

#[test]
fn lines_from_another_thread_arrive_at_the_next_sync() {
    let (buffer, log) = home_log();
    thread::scope(|s| {
        s.spawn(|| {
            companion::stack_token!(token);
            for line in ["a", "b", "c"] {
                log.write(line, token);
            }
        });
    });
    assert_eq!(lines(&buffer), [] as [&str; 0], "nothing touched the buffer from the other thread");
    companion::stack_token!(token);
    assert_eq!(log.sync(token), Ok(3));
    assert_eq!(lines(&buffer), ["a", "b", "c"]);
    assert_eq!(log.sync(token), Ok(0), "each line arrives once");
}

#[test]
fn a_home_line_comes_after_the_lines_written_before_it() {
    let (buffer, log) = home_log();
    companion::stack_token!(token);
    log.write("home 1", token);
    thread::scope(|s| {
        s.spawn(|| {
            companion::stack_token!(token);
            log.write("away", token);
        });
    });
    log.write("home 2", token);
    assert_eq!(lines(&buffer), ["home 1", "away", "home 2"]);
}

#[test]
fn sync_away_from_home_moves_nothing_and_says_why() {
    let (buffer, log) = home_log();
    thread::scope(|s| {
        s.spawn(|| {
            companion::stack_token!(token);
            log.write("from afar", token);
            assert_eq!(log.sync(token), Err(StickyError::OtherThread));
        });
    });
    assert_eq!(lines(&buffer), [] as [&str; 0]);
    companion::stack_token!(token);
    assert_eq!(log.sync(token), Ok(1));
    assert_eq!(lines(&buffer), ["from afar"]);
}

#[test]
fn four_writers_lose_nothing_and_keep_their_own_order() {
    let (buffer, log) = home_log();
    thread::scope(|s| {
        for writer in 0..4 {
            let log = &log;
            s.spawn(move || {
                companion::stack_token!(token);
                for n in 0..250 {
                    log.write(format!("{writer}:{n}"), token);
                }
            });
        }
    });
    companion::stack_token!(token);
    assert_eq!(log.sync(token), Ok(1000));
    let all = lines(&buffer);
    for writer in 0..4 {
        let prefix = format!("{writer}:");
        let mine: Vec<&str> = all.iter().filter_map(|line| line.strip_prefix(&prefix)).collect();
        let expected: Vec<String> = (0..250).map(|n| n.to_string()).collect();
        assert_eq!(mine, expected, "writer {writer}'s lines, in the order written");
    }
}
