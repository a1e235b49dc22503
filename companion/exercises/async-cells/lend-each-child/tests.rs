#[test]
fn every_job_adds_its_weight() {
    let owner = LentOwner::<AsyncMarker>::new();
    let tally = Tally::new(0);
    assert_eq!(run_jobs(&owner, &tally, &[1, 2, 3]), 6);
}

#[test]
fn no_jobs_leave_the_tally_alone() {
    let owner = LentOwner::<AsyncMarker>::new();
    let tally = Tally::new(5);
    assert_eq!(run_jobs(&owner, &tally, &[]), 5);
}

#[test]
fn many_jobs_and_two_runs_on_one_owner() {
    let owner = LentOwner::<AsyncMarker>::new();
    let tally = Tally::new(0);
    let weights: Vec<u32> = (1..=100).collect();
    assert_eq!(run_jobs(&owner, &tally, &weights), 5050);
    assert_eq!(run_jobs(&owner, &tally, &[10]), 5060);
}
