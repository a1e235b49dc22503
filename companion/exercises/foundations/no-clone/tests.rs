fn tasks(names: &[&str]) -> Vec<Task> {
    names.iter().map(|n| Task { name: n.to_string(), done: false }).collect()
}

#[test]
fn returns_the_length_of_the_first_name() {
    let mut list = tasks(&["write", "test"]);
    assert_eq!(finish_first(&mut list), 5);
}

#[test]
fn marks_only_the_first_task_done() {
    let mut list = tasks(&["write", "test"]);
    finish_first(&mut list);
    let done: Vec<bool> = list.iter().map(|t| t.done).collect();
    assert_eq!(done, [true, false, false]);
}

#[test]
fn appends_a_review_task() {
    let mut list = tasks(&["write"]);
    finish_first(&mut list);
    assert_eq!(list.len(), 2);
    assert_eq!(list[1].name, "review write");
    assert!(!list[1].done);
}
