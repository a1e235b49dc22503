//! The actor owner and the actor's state slot: all of the actor's `unsafe`.
//!
//! An [`ActorCell<'id, A>`] is where one actor's state lives: a
//! [`GhostCell`](crate::ghost::GhostCell)-like cell with a second kind of
//! token, the [`ActorOwner<'id>`], and a phase that says whether the state
//! exists yet (or still). Both owners carry the runtime's brand `'id`, so
//! actor state and shares name one lifetime, but they are different types:
//! holding `&mut Core` (and with it the share token) gives no way to open an
//! actor's state.
//!
//! There is exactly one `ActorOwner` per brand, by construction: [`scope`]
//! is the only way to make one, and it makes it together with the brand's
//! `GhostToken`, under a brand that [`GhostToken::new`] has just created and
//! that no other scope shares. The runtime keeps the owner in a private
//! field and borrows it for one actor call at a time, while the actor's
//! method sees only the core.

use core::cell::{Cell, UnsafeCell};
use core::marker::PhantomData;
use core::mem::MaybeUninit;

use crate::ghost::GhostToken;

/// Ties a type to `'id` invariantly, like the ghost token's brand.
type Brand<'id> = PhantomData<fn(&'id ()) -> &'id ()>;

/// The permission to open every [`ActorCell`] of brand `'id`. Zero-sized;
/// `!Send` and `!Sync`, like the runtime that holds it. Made only by
/// [`scope`].
pub(super) struct ActorOwner<'id> {
    _brand: Brand<'id>,
    _not_send: PhantomData<*mut ()>,
}

/// Runs `f` with a fresh brand's share token and its one actor owner.
///
/// The brand comes from [`GhostToken::new`]: `f` must work for every
/// lifetime `'new`, so no other scope's brand can equal it, and this is the
/// only place that makes an `ActorOwner`. So at most one owner of each brand
/// exists, and `&mut` to it is the only way into the brand's actor cells.
pub(super) fn scope<R>(f: impl for<'new> FnOnce(GhostToken<'new>, ActorOwner<'new>) -> R) -> R {
    GhostToken::new(|token| f(token, ActorOwner { _brand: PhantomData, _not_send: PhantomData }))
}

/// Where an actor is in its life. Only `Ready` and `ReadyPanicked` hold a
/// state.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Phase {
    /// Created, its state not made yet: calls wait.
    Prep,
    /// Its state exists: calls are delivered.
    Ready,
    /// Its prep function panicked: no more calls; a stop is queued.
    PrepPanicked,
    /// One of its methods panicked: the state exists but receives no more
    /// calls; a stop is queued that will drop it.
    ReadyPanicked,
    /// Its state has been dropped: calls are dropped.
    Stopped,
}

impl Phase {
    /// Whether the cell's value holds the state in this phase.
    fn has_state(self) -> bool {
        matches!(self, Phase::Ready | Phase::ReadyPanicked)
    }
}

/// One actor's state and its phase, opened only with the [`ActorOwner`] of
/// the same brand. The value is written exactly when the phase is `Ready` or
/// `ReadyPanicked`; every function below keeps that true, also when a
/// state's `Drop` panics.
///
/// The count of the actor's owning handles sits here too, beside the phase:
/// in one struct they share a word, where two would pad the actor's
/// allocation by eight bytes.
pub(super) struct ActorCell<'id, A> {
    _brand: Brand<'id>,
    phase: Cell<Phase>,
    owners: Cell<u32>,
    value: UnsafeCell<MaybeUninit<A>>,
}

impl<'id, A> ActorCell<'id, A> {
    /// A cell in the prep phase, with no state yet and no owner.
    pub(super) fn new() -> Self {
        ActorCell {
            _brand: PhantomData,
            phase: Cell::new(Phase::Prep),
            owners: Cell::new(0),
            value: UnsafeCell::new(MaybeUninit::uninit()),
        }
    }

    pub(super) fn phase(&self) -> Phase {
        self.phase.get()
    }

    /// How many owning handles the actor has.
    pub(super) fn owners(&self) -> &Cell<u32> {
        &self.owners
    }

    /// Marks a cell whose method or prep function is unwinding: no more
    /// calls reach it. The state, if any, stays until [`take`](Self::take).
    pub(super) fn mark_panicked(&self) {
        self.phase.set(match self.phase.get() {
            Phase::Ready => Phase::ReadyPanicked,
            Phase::Prep => Phase::PrepPanicked,
            other => other,
        });
    }

    /// `&mut` to the state if the phase is `Ready`, for as long as the
    /// owner is borrowed mutably.
    #[inline]
    pub(super) fn ready_mut<'a>(&'a self, _owner: &'a mut ActorOwner<'id>) -> Option<&'a mut A> {
        if self.phase.get() != Phase::Ready {
            return None;
        }
        // SAFETY:
        // - the owner of brand `'id` is unique (see `scope`) and borrowed
        //   mutably for `'a`, so no other reference into any cell of this
        //   brand obtained through it is alive during `'a`, and neither
        //   `fill` nor `take` can run; `take_unique` and `Drop`, the only
        //   other ways in, need `&mut self`;
        // - `Ready` means the value was written and not read out since.
        Some(unsafe { &mut *self.value.get().cast::<A>() })
    }

    /// Prep to ready, storing the state; `Err` gives it back if the cell is
    /// not in prep (it already holds a state, or has stopped).
    pub(super) fn fill(&self, _owner: &mut ActorOwner<'id>, state: A) -> Result<(), A> {
        if self.phase.get() != Phase::Prep {
            return Err(state);
        }
        // SAFETY: the owner is borrowed mutably, so no reference from
        // `ready_mut` is alive; in `Prep` the value holds nothing to leak.
        unsafe { self.value.get().cast::<A>().write(state) };
        self.phase.set(Phase::Ready);
        Ok(())
    }

    /// To stopped, moving the state out if there is one; `None` if the cell
    /// had stopped already.
    pub(super) fn take(&self, _owner: &mut ActorOwner<'id>) -> Option<Option<A>> {
        let was = self.phase.replace(Phase::Stopped);
        if was == Phase::Stopped {
            return None;
        }
        if !was.has_state() {
            return Some(None);
        }
        // SAFETY:
        // - the owner is borrowed mutably, so no reference from `ready_mut`
        //   is alive;
        // - `has_state` means the value was written and not read out, and the
        //   phase is `Stopped` from here on, so it is not read again.
        Some(Some(unsafe { self.value.get().cast::<A>().read() }))
    }

    /// [`take`](Self::take) through unique access to the cell, for the drop
    /// of the last handle.
    pub(super) fn take_unique(&mut self) -> Option<A> {
        if !self.phase.replace(Phase::Stopped).has_state() {
            return None;
        }
        // SAFETY: `&mut self` is the only reference to the value; it was
        // written and not read out (`has_state`), and the phase is `Stopped`
        // from here on.
        Some(unsafe { self.value.get_mut().assume_init_read() })
    }
}

impl<A> Drop for ActorCell<'_, A> {
    fn drop(&mut self) {
        drop(self.take_unique());
    }
}
