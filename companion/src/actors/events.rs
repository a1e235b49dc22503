//! The actor lifecycle's events, sent to the `log` facade when the crate's
//! `log` feature is on, under the target `companion::actors`: an actor
//! started (debug), stopped with its cause (debug, or warn when the cause
//! is an error), or stopped before it ever started, in prep (the same
//! levels). Each record names the actor by its [`ActorId`] and its type.
//! Without the feature these functions are empty.

#![forbid(unsafe_code)]

use super::actor::ActorId;
use super::context::StopCause;

/// The target of every record: what a logger filters on.
#[cfg(feature = "log")]
const TARGET: &str = "companion::actors";

/// The actor's prep function returned its state.
#[inline]
pub(super) fn started<A>(id: ActorId) {
    #[cfg(feature = "log")]
    ::log::debug!(target: TARGET, "actor {id} {}: started", core::any::type_name::<A>());
    #[cfg(not(feature = "log"))]
    let _ = id;
}

/// The actor stopped, `in_prep` if it never had a state.
#[inline]
pub(super) fn stopped<A>(id: ActorId, cause: &StopCause, in_prep: bool) {
    #[cfg(feature = "log")]
    {
        let level = if cause.has_error() { ::log::Level::Warn } else { ::log::Level::Debug };
        let when = if in_prep { "stopped in prep" } else { "stopped" };
        ::log::log!(target: TARGET, level, "actor {id} {}: {when}: {cause}", core::any::type_name::<A>());
    }
    #[cfg(not(feature = "log"))]
    let _ = (id, cause, in_prep);
}
