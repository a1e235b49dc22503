// A task list whose tasks cannot be cloned (Task does not implement Clone),
// so the borrow error below has to be fixed by reorganising the code, not by copying.

pub struct Task {
    pub name: String,
    pub done: bool,
}

/// Marks the first task done, appends a follow-up task named "review <first name>",
/// and returns the length of the first task's name.
pub fn finish_first(tasks: &mut Vec<Task>) -> usize {
    let first = &tasks[0];
    tasks.push(Task { name: format!("review {}", first.name), done: false });
    tasks[0].done = true;
    first.name.len()
}
