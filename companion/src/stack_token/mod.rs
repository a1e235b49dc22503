//! Part IV: stack tokens. Thread-bound values and thread locals without
//! closures.
//!
//! A reference into thread-local storage is only valid while its thread's
//! thread-locals live. A `get(&self) -> &T` cannot promise that: `self` may
//! have been leaked to `&'static` with `Box::leak`, and the result would then
//! be `&'static T` into storage that dies with the thread. std answers with
//! closures (`LocalKey::with`); this module answers with a token.
//!
//! | item | what it is |
//! |---|---|
//! | [`StackToken`], [`stack_token!`](crate::stack_token) | a zero-sized local whose borrow proves "this frame is still running on this thread" |
//! | [`Sticky`] | a value that stays on its thread, in a handle that is `Send + Sync` |
//! | [`LocalKeyExt`], [`LocalKeyRefCellExt`] | `KEY.get(token)` and `KEY.borrow_mut(token)` instead of nested `with` closures |
//! | [`poll_with_token`] | a future that makes a fresh token in every `poll` |
//!
//! ```
//! use companion::stack_token::{LocalKeyRefCellExt, Sticky};
//! use std::cell::RefCell;
//! use std::rc::Rc;
//!
//! thread_local!(static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) });
//!
//! companion::stack_token!(token);
//! let owner = Sticky::new(Rc::new(String::from("main thread")));
//! LOG.borrow_mut(token).push(format!("owned by {}", owner.get(token)));
//! assert_eq!(LOG.borrow(token)[0], "owned by main thread");
//! ```
//!
//! The soundness of the whole module rests on one claim: a stack frame ends
//! before its thread's thread-local storage is destroyed. The book's chapter
//! "Is it sound? stack tokens and mk_static" discusses why that claim is not
//! settled by the Rust project.

mod future;
mod local_key;
mod registry;
mod sticky;
mod token;

pub use future::{PollWithToken, poll_with_token};
pub use local_key::{LocalKeyExt, LocalKeyRefCellExt};
pub use sticky::{Sticky, StickyError};
pub use token::StackToken;
