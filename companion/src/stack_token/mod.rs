//! Part IV: stack tokens. Thread-bound values and thread locals without
//! closures.
//!
//! Part IV of the book, [*Stack tokens*](../../../stack-token/index.html), builds this
//! module page by page.
//!
//! A reference into thread-local storage is only valid while its thread's
//! thread-locals live. A `get(&self) -> &T` cannot promise that: `self` may
//! have been leaked to `&'static` with `Box::leak`, and the result would then
//! be `&'static T` into storage that dies with the thread. std answers with
//! closures (`LocalKey::with`); this module answers with a token.
//!
//! | item | what it is |
//! |---|---|
//! | [`StackToken`], [`stack_token!`](crate::stack_token!) | a zero-sized local whose borrow ties a reference to it, counted by its thread while alive |
//! | [`Sticky`] | a value that stays on its thread, in a handle that is `Send + Sync` |
//! | [`TokenLocal`], [`token_local!`](crate::token_local!), [`NoDropGlue`] | `KEY.get(token)` and `KEY.borrow_mut(token)` instead of nested `with` closures, for thread-locals with a `const` initialiser and no destructor |
//! | [`poll_with_token`] | a future that makes a fresh token in every `poll` |
//!
//! ```
//! use companion::stack_token::Sticky;
//! use std::cell::RefCell;
//! use std::rc::Rc;
//!
//! companion::token_local!(static HITS: RefCell<[u32; 2]> = const { RefCell::new([0; 2]) });
//!
//! companion::stack_token!(token);
//! let owner = Sticky::new(Rc::new(String::from("main thread")));
//! HITS.borrow_mut(token)[0] += owner.get(token).len() as u32;
//! assert_eq!(HITS.borrow(token)[0], 11);
//! ```
//!
//! # Why it is sound
//!
//! A reference handed out through a token is tied to the token's borrow, so
//! it cannot outlive the token. The token is a local, but a local is not
//! always a slot of a running stack frame: in an `async` block it is a field
//! of the future, which can be kept in another thread-local and polled from
//! that thread-local's destructor, or leaked. So the module does not rely on
//! frames. It relies on two run-time facts that hold wherever the token is:
//!
//! * a thread's [`Sticky`] values are freed only when no token of that
//!   thread is alive (the registry counts tokens and waits for the last);
//! * a [`TokenLocal`] has a value without drop glue and a `const`
//!   initialiser, so std never destroys it and never writes over it.
//!
//! Both rest on assumptions the whole language shares: a `!Send` value (a
//! token) stays on its thread, and thread-locals live in native thread-local
//! storage, freed only when the thread is gone. The module exists only on
//! targets where std uses native thread-local storage (`build.rs` decides,
//! and fails closed; on targets without it std keeps each thread-local in a
//! heap box that it frees at thread exit, and re-creates on the next access).
//!
//! The book's chapter "Is it sound? What a frame is not" shows the routes
//! that broke an earlier design, and the tests in `routes.rs` run each of
//! them. What stays open is `mk_static`, a function that some consider
//! sound and that would let a token's borrow be `'static`; the same chapter
//! discusses it.

// `cfg(native_thread_locals)` can reach rustc by hand (`cargo rustc -- --cfg
// ...`) on a target where build.rs found no native thread-local storage;
// build.rs's own decision, written to OUT_DIR, must agree. (Clippy sees a
// constant `true` here; that is the point: it is `false` exactly when the
// cfg was forged.)
#[allow(clippy::assertions_on_constants)]
const _: () = assert!(
    include!(concat!(env!("OUT_DIR"), "/native_thread_locals.rs")),
    "companion::stack_token was enabled by a `--cfg native_thread_locals` from outside build.rs, \
     on a target without native thread-local storage: remove the flag"
);

mod future;
mod registry;
#[cfg(test)]
mod routes;
mod sticky;
mod token;
mod token_local;

pub use future::{PollWithToken, poll_with_token};
pub use token_local::{NoDropGlue, TokenLocal};

// The macros `token_local!` expands to, by a path no caller can redirect
// (`::std` and `::core` can be renamed with `extern crate ... as std;`).
#[doc(hidden)]
pub use core::compile_error as __compile_error;
#[doc(hidden)]
pub use std::thread_local as __thread_local;
pub use sticky::{Sticky, StickyError};
pub use token::StackToken;
