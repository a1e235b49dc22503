#[test]
fn bucket_width_borrows_the_thread_locals_own_cell() {
    companion::stack_token!(token);
    let borrowed = bucket_width(token);
    assert_eq!(borrowed.get(), 32);
    let original = WIDTH.key().with(|width| width as *const std::cell::Cell<u8>);
    assert!(std::ptr::eq(borrowed, original), "bucket_width must borrow WIDTH, not copy it");
}

#[test]
fn a_width_set_through_the_borrow_is_the_one_record_uses() {
    let here = std::thread::spawn(|| {
        companion::stack_token!(token);
        bucket_width(token).set(128);
        record(200); // 200 / 128 = bucket 1
        histogram(token)[1]
    })
    .join()
    .unwrap();
    assert_eq!(here, 1);
}

#[test]
fn histogram_shows_what_record_counted() {
    companion::stack_token!(token);
    let before = histogram(token)[3];
    record(100); // 100 / 32 = bucket 3
    record(127);
    assert_eq!(histogram(token)[3], before + 2);
}

#[test]
fn two_read_guards_can_live_at_once() {
    companion::stack_token!(token);
    record(1);
    let first = histogram(token);
    let second = histogram(token);
    assert_eq!(first[0], second[0]);
}

#[test]
fn record_counts_the_values_of_this_thread_only() {
    let here = record(5);
    let there = std::thread::spawn(|| record(5)).join().unwrap();
    assert!(here >= 1);
    assert_eq!(there, 1);
}
