//! Compile-fail cases for `companion::async_cells`: each program in
//! `tests/soundness/async_cells/` states one claim (`//! claim: ...`) and must
//! be rejected by the compiler. The `.stderr` next to each case is the exact,
//! normalised compiler output (regenerate with `TRYBUILD=overwrite`) and shows
//! that it fails for the stated reason, not for an unrelated one.
//!
//! The cases of the API (`branded_*`: branded futures, `lent_*`: the owner
//! lent for one poll), each to be cited by a chapter of `book/async-cells/`:
//!
//! - `branded_block_on_async_sent_to_thread.rs`
//! - `branded_cx_built_by_hand.rs`
//! - `branded_cx_stored_in_task.rs`
//! - `branded_cx_while_executor_owns_token.rs`
//! - `branded_executor_sent_to_thread.rs`
//! - `branded_lcell_of_other_scope.rs`
//! - `branded_lcell_opened_with_ghost_cx.rs`
//! - `branded_owner_read_while_run_async_lives.rs`
//! - `branded_run_async_given_to_spawn_local.rs`
//! - `branded_run_async_kept_while_spawning.rs`
//! - `branded_run_async_outlives_executor.rs`
//! - `branded_run_async_sent_to_tokio_spawn.rs`
//! - `branded_rw_held_across_child_poll.rs`
//! - `branded_rw_result_returned_from_poll.rs`
//! - `branded_rw_while_ro_lives.rs`
//! - `branded_spawn_std_future_without_from_std.rs`
//! - `branded_spawned_child_borrows_executor.rs`
//! - `branded_spawned_child_borrows_shorter_than_executor.rs`
//! - `branded_spawned_child_captures_cell_borrow.rs`
//! - `branded_spawned_child_captures_cx.rs`
//! - `branded_spawned_child_with_an_output.rs`
//! - `branded_spawner_given_to_spawn_local.rs`
//! - `branded_spawner_of_lcell_executor_given_ghost_task.rs`
//! - `branded_spawner_of_other_brand.rs`
//! - `branded_spawner_sent_to_thread.rs`
//! - `branded_spawner_shared_with_thread.rs`
//! - `branded_spawner_shortened_to_spawn_shorter_child.rs`
//! - `branded_task_of_other_executor.rs`
//! - `branded_two_executors_share_a_token.rs`
//! - `branded_two_rw_at_once.rs`
//! - `branded_waker_kept_after_poll.rs`
//! - `lent_await_inside_closure.rs`
//! - `lent_borrow_held_across_await.rs`
//! - `lent_branded_owner_cannot_be_lent.rs`
//! - `lent_lend_built_by_hand.rs`
//! - `lent_lending_waker_kept_after_poll.rs`
//! - `lent_nested_accessor_with_captured_context.rs`
//! - `lent_owner_escapes_closure.rs`
//! - `lent_owner_moved_out_of_closure.rs`
//! - `lent_owner_sent_to_thread.rs`
//! - `lent_task_sent_to_thread.rs`
//! - `lent_two_rw_in_closure.rs`
//!
//! The `monitor_*` and `stream_pipe_*` cases are the story's two programs,
//! written as each design would reject them; the `server_*` cases are the
//! branded key-value server's shape (`companion::async_cells::server::branded`).

#[test]
fn async_cells_soundness() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/soundness/async_cells/*.rs");
}
