#[test]
fn prefix_borrows_the_thread_locals_own_string() {
    companion::stack_token!(token);
    let borrowed = prefix(token);
    assert_eq!(borrowed, "[app] ");
    let original = PREFIX.with(|prefix| prefix.as_ptr());
    assert_eq!(borrowed.as_ptr(), original, "prefix must borrow PREFIX, not copy it");
}

#[test]
fn lines_shows_what_log_wrote() {
    companion::stack_token!(token);
    let before = lines(token).len();
    log("started");
    log("stopped");
    let all = lines(token);
    assert_eq!(all.len(), before + 2);
    assert_eq!(all[before..], ["[app] started", "[app] stopped"]);
}

#[test]
fn two_read_guards_can_live_at_once() {
    companion::stack_token!(token);
    log("one");
    let first = lines(token);
    let second = lines(token);
    assert_eq!(first.len(), second.len());
}

#[test]
fn log_counts_the_lines_of_this_thread_only() {
    let here = log("here");
    let there = std::thread::spawn(|| log("there")).join().unwrap();
    assert!(here >= 1);
    assert_eq!(there, 1);
}
