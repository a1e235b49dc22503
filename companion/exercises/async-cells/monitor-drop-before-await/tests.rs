#[test]
fn good_packets_are_counted() {
    let tally = run(vec![vec![1], vec![2, 3]]);
    assert_eq!(tally, Monitor { packets: 2, errors: 0, alerts_sent: 0 });
}

#[test]
fn a_bad_packet_alone_is_counted_and_alerted() {
    let tally = run(vec![vec![]]);
    assert_eq!(tally, Monitor { packets: 1, errors: 1, alerts_sent: 1 });
}

#[test]
fn a_bad_packet_followed_by_others_does_not_panic() {
    let tally = run(vec![vec![], vec![1], vec![], vec![2]]);
    assert_eq!(tally, Monitor { packets: 4, errors: 2, alerts_sent: 2 });
}

#[test]
fn the_alert_is_sent_by_the_handler_that_found_the_error() {
    // Every alert is counted after its handler's own tally, never lost.
    let tally = run(vec![vec![]; 5]);
    assert_eq!((tally.errors, tally.alerts_sent), (5, 5));
}
