//! Compile-fail cases for `companion::actors`: each program in
//! `tests/soundness/actors/` states one claim (`//! claim: ...`) and must be
//! rejected by the compiler. The `.stderr` next to each case is the exact,
//! normalised compiler output (regenerate with `TRYBUILD=overwrite`) and shows
//! that it fails for the stated reason, not for an unrelated one. Every case is
//! cited by `book/actors/soundness.md` (the channel and worker cases by
//! `book/actors/threads.md`), grouped by the rule that refuses it.
//!
//! `owner_*`: the actor owner stays outside the core.
//!
//! - `owner_actor_owner_is_private.rs`
//! - `owner_apply_prep_inside_method.rs`
//! - `owner_nested_query.rs`
//! - `owner_query_inside_method.rs`
//! - `owner_query_inside_task.rs`
//! - `owner_query_result_borrows_state.rs`
//! - `owner_query_with_the_core.rs`
//! - `owner_state_kept_beyond_query.rs`
//!
//! `share_*`: the share owner is reached through `cx`, by actor methods and by the main loop.
//!
//! - `share_ro_held_across_query.rs`
//! - `share_ro_while_rw_lives.rs`
//! - `share_rw_held_across_actor_creation.rs`
//! - `share_rw_held_across_call.rs`
//! - `share_rw_held_across_run.rs`
//! - `share_rw_held_across_timer.rs`
//! - `share_token_taken_through_generic_bound.rs`
//! - `share_two_rw_at_once.rs`
//!
//! `task_*`: tasks: share borrows end with the poll, and a task lives for `'id`.
//!
//! - `task_borrows_local.rs`
//! - `task_rw_held_across_child_poll.rs`
//! - `task_rw_kept_between_polls.rs`
//!
//! `cx_*`: a `Cx` lives for one call, and only the runtime makes one.
//!
//! - `cx_built_by_hand.rs`
//! - `cx_core_built_by_hand.rs`
//! - `cx_demanded_for_id.rs`
//! - `cx_moved_into_deferred_closure.rs`
//! - `cx_of_other_actor_type.rs`
//! - `cx_returned_from_query.rs`
//! - `cx_rw_kept_in_actor_state.rs`
//! - `cx_stored_in_actor_state.rs`
//!
//! `deferred_*`: what is queued lives for `'id`.
//!
//! - `deferred_call_argument_borrows_local.rs`
//! - `deferred_closure_borrows_local.rs`
//! - `deferred_idle_call_argument_borrows_local.rs`
//! - `deferred_queue_closure_outlives_borrow.rs`
//! - `deferred_queue_job_outlives_borrow.rs`
//! - `deferred_timer_borrows_local.rs`
//!
//! `brand_*`: brands keep runtimes apart.
//!
//! - `brand_anon_owner_of_other_runtime.rs`
//! - `brand_apply_prep_with_other_runtime.rs`
//! - `brand_channel_guard_escapes_scope.rs`
//! - `brand_channel_of_other_runtime.rs`
//! - `brand_handle_escapes_scope.rs`
//! - `brand_handle_of_other_runtime.rs`
//! - `brand_lazy_call_to_actor_of_other_runtime.rs`
//! - `brand_max_timer_key_of_other_runtime.rs`
//! - `brand_min_timer_key_kept_past_its_runtime.rs`
//! - `brand_min_timer_key_of_other_runtime.rs`
//! - `brand_prep_reply_to_actor_of_other_runtime.rs`
//! - `brand_runtime_escapes_scope.rs`
//! - `brand_share_given_to_actor_of_other_runtime.rs`
//! - `brand_share_of_other_runtime.rs`
//! - `brand_shutdown_ret_of_other_runtime.rs`
//! - `brand_slab_of_other_runtime.rs`
//! - `brand_timer_key_of_other_runtime.rs`
//! - `brand_two_runtimes_unified.rs`
//!
//! `thread_*`: nothing leaves the runtime's thread.
//!
//! - `thread_actor_given_to_worker.rs`
//! - `thread_actor_own_sent.rs`
//! - `thread_actor_sent.rs`
//! - `thread_anon_owner_sent.rs`
//! - `thread_channel_guard_sent.rs`
//! - `thread_channel_message_holds_actor.rs`
//! - `thread_channel_of_rc_messages.rs`
//! - `thread_cx_shared_with_scoped_thread.rs`
//! - `thread_fwd_given_to_worker.rs`
//! - `thread_fwd_sent.rs`
//! - `thread_queue_job_sent.rs`
//! - `thread_queue_sent.rs`
//! - `thread_ret_sent.rs`
//! - `thread_runtime_sent.rs`
//! - `thread_runtime_shared_with_scoped_thread.rs`
//! - `thread_share_sent.rs`
//! - `thread_slab_sent.rs`
//! - `thread_worker_message_not_send.rs`
//! - `thread_worker_reply_not_send.rs`
//! - `thread_worker_sent.rs`
//!
//! `api_*`: mistakes in the macros, refused where they are written, with readable errors.
//!
//! - `api_call_more_than_eight_arguments.rs`
//! - `api_call_unknown_method.rs`
//! - `api_call_wrong_argument_type.rs`
//! - `api_owner_used_after_anon.rs`
//! - `api_prep_wrong_return_type.rs`
//! - `api_share_owner_implemented_by_user.rs`
//! - `api_timer_max_given_a_min_key.rs`

#[test]
fn actors_soundness() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/soundness/actors/*.rs");
}
