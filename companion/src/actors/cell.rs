//! The actor owner: the permission to open actor state, kept by the
//! [`Runtime`](super::Runtime) and never handed to actor code.
//!
//! An [`ActorCell<'id, T>`] is a [`GhostCell`](crate::ghost::GhostCell) with
//! a second kind of token: the [`ActorOwner<'id>`]. Both carry the runtime's
//! brand `'id`, so actor state and shares name one lifetime, but they are
//! different types: holding `&mut Core` (and with it the share token) gives
//! no way to open an actor's state. There is exactly one `ActorOwner` per
//! brand: [`Runtime::scope`](super::Runtime::scope) makes it next to the
//! fresh `GhostToken<'id>` and stores it in a private field of the runtime.
//! Nothing else in the crate calls [`ActorOwner::new`], and the runtime never
//! lends the owner out: it borrows it for one actor call at a time, while the
//! actor's method sees only the core.

use core::cell::UnsafeCell;
use core::marker::PhantomData;

/// Ties a type to `'id` invariantly, like the ghost token's brand.
type Brand<'id> = PhantomData<fn(&'id ()) -> &'id ()>;

/// The permission to open every [`ActorCell`] of brand `'id`. Zero-sized;
/// `!Send` and `!Sync`, like the runtime that holds it.
pub(super) struct ActorOwner<'id> {
    _brand: Brand<'id>,
    _not_send: PhantomData<*mut ()>,
}

impl<'id> ActorOwner<'id> {
    /// The owner of brand `'id`.
    ///
    /// Only [`Runtime::scope`](super::Runtime::scope) calls this, once, for a
    /// brand it has just received from `GhostToken::new`, which no other
    /// scope shares: so at most one owner of each brand exists.
    pub(super) fn new() -> Self {
        ActorOwner { _brand: PhantomData, _not_send: PhantomData }
    }
}

/// Actor state, opened only with the [`ActorOwner`] of the same brand.
pub(super) struct ActorCell<'id, T> {
    _brand: Brand<'id>,
    value: UnsafeCell<T>,
}

impl<'id, T> ActorCell<'id, T> {
    pub(super) fn new(value: T) -> Self {
        ActorCell { _brand: PhantomData, value: UnsafeCell::new(value) }
    }

    /// `&mut` to the value, for as long as the owner is borrowed mutably.
    pub(super) fn rw<'a>(&'a self, _owner: &'a mut ActorOwner<'id>) -> &'a mut T {
        // The owner of brand `'id` is unique (see `ActorOwner::new`) and
        // borrowed mutably for `'a`, so no other reference into any cell of
        // brand `'id` obtained through it is alive during `'a`; the only
        // other way in is `get_mut`, which needs `&mut self`.
        // SAFETY: so this is the one reference into the value during `'a`.
        unsafe { &mut *self.value.get() }
    }

    /// `&mut` to the value through unique access to the cell (drop glue).
    pub(super) fn get_mut(&mut self) -> &mut T {
        self.value.get_mut()
    }
}
