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
///
/// Every actor starts and stops, and most programs log none of it: the
/// level check is inline, and the record is made out of line, by one
/// function that serves every actor type.
#[inline]
pub(super) fn started<A>(id: ActorId) {
    if ::log::Level::Debug <= ::log::max_level() {
        record_started(id, core::any::type_name::<A>());
    }
}

/// The actor stopped, `in_prep` if it never had a state.
#[inline]
pub(super) fn stopped<A>(id: ActorId, cause: &StopCause, in_prep: bool) {
    // Warn is the most severe level a stop is recorded at.
    if ::log::Level::Warn <= ::log::max_level() {
        record_stopped(id, core::any::type_name::<A>(), cause, in_prep);
    }
}

#[cold]
#[inline(never)]
fn record_started(id: ActorId, actor_type: &str) {
    ::log::debug!(target: TARGET, "actor {id} {actor_type}: started");
}

#[cold]
#[inline(never)]
fn record_stopped(id: ActorId, actor_type: &str, cause: &StopCause, in_prep: bool) {
    let level = if cause.has_error() { ::log::Level::Warn } else { ::log::Level::Debug };
    let when = if in_prep { "stopped in prep" } else { "stopped" };
    ::log::log!(target: TARGET, level, "actor {id} {actor_type}: {when}: {cause}");
}
