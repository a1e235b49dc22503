// A task list whose tasks cannot be cloned (Task does not implement Clone),
// so the borrow error has to be fixed by reorganising the code, not by copying.

pub struct Task {
    pub name: String,
    pub done: bool,
}

/// Marks the first task done, appends a follow-up task named "review <first name>",
/// and returns the length of the first task's name.
pub fn finish_first(tasks: &mut Vec<Task>) -> usize {
    // Take everything we need from the shared borrow first; its last use is here,
    // so it ends before the vector is borrowed mutably by `push`.
    let first = &tasks[0];
    let length = first.name.len();
    let follow_up = format!("review {}", first.name);
    tasks.push(Task { name: follow_up, done: false });
    tasks[0].done = true;
    length
}
