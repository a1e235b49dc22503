//! The actor lifecycle's events, sent to the `log` facade under the target
//! `companion::actors` (this module exists with the crate's `log` feature):
//! an actor started (debug), stopped with its cause (debug, or warn when the
//! cause is an error), or stopped before it ever started, in prep (the same
//! levels). Each record names the actor by its [`ActorId`] and its type.

#![forbid(unsafe_code)]

use super::actor::ActorId;
use super::context::StopCause;

/// The target of every record: what a logger filters on.
const TARGET: &str = "companion::actors";

/// The actor's prep function returned its state.
pub(super) fn started<A>(id: ActorId) {
    ::log::debug!(target: TARGET, "actor {id} {}: started", core::any::type_name::<A>());
}

/// The actor stopped, `in_prep` if it never had a state.
pub(super) fn stopped<A>(id: ActorId, cause: &StopCause, in_prep: bool) {
    let level = if cause.has_error() { ::log::Level::Warn } else { ::log::Level::Debug };
    let when = if in_prep { "stopped in prep" } else { "stopped" };
    ::log::log!(target: TARGET, level, "actor {id} {}: {when}: {cause}", core::any::type_name::<A>());
}
