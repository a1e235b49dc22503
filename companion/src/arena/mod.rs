//! Part IV: a doubly linked list of `GhostCell` nodes in a thread-safe bump
//! arena, shared across threads with rayon.
//!
//! Part IV of the book, [*A concurrent list in an arena*](../../../arena/index.html),
//! builds this module page by page.
//!
//! Three pieces, each solving one problem of cyclic data:
//!
//! | piece | crate | what it gives |
//! |---|---|---|
//! | the arena | [`bumpalo_herd::Herd`] | one lifetime `'arena` for every node, so links are plain `&'arena` references; one [`bumpalo_herd::Member`] per thread allocates without a shared lock |
//! | the cells | [`ghost_cell::GhostCell`] | nodes that many links point at and that can still be written |
//! | the token | [`ghost_cell::GhostToken`] | one permission for the whole list: `&token` reads every node, `&mut token` writes any node |
//!
//! [`ArenaList`] puts them together: every method takes `&self` plus the token,
//! so "many readers or one writer" is checked by the compiler once, on the
//! token, for the whole structure. The token is `Sync`, so threads share
//! `&GhostToken` to read ([`ArenaList::halves`]); it cannot be shared mutably,
//! so writes either split the list into disjoint halves under one `&mut`
//! ([`ArenaList::par_for_each_mut`]) or take turns through one
//! `RwLock<GhostToken>` for the whole list, where the design of
//! [`locked::LockedList`] needs one lock per node.
//!
//! What the arena takes in exchange: it never runs destructors (the list drops
//! its values itself) and it frees nothing before the herd is reset or
//! dropped, so the memory of unlinked nodes is not reused.
//!
//! ```
//! use bumpalo_herd::Herd;
//! use companion::arena::ArenaList;
//!
//! let herd = Herd::new();
//! ArenaList::new(&herd, |list, mut token, herd| {
//!     let member = herd.get();
//!     list.extend(1..=6_i64, &member, &mut token);
//!     list.for_each_mut(&mut token, |v| *v *= 2); // one writer
//!     let (front, back) = list.halves(&token); // many readers
//!     let (a, b) = rayon::join(|| front.sum::<i64>(), || back.sum::<i64>());
//!     assert_eq!(a + b, 42);
//! });
//! ```

mod cursor;
mod list;
pub mod locked;
mod parallel;

pub use cursor::CursorMut;
pub use list::{ArenaList, Iter, NodeRef};
pub use parallel::{HalfIter, HalfIterMut};
