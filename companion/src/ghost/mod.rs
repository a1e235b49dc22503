//! Part II: GhostCell from scratch.
//!
//! Part II of the book, [*GhostCell from first principles*](../../../ghost/problem.html),
//! derives this module step by step and builds it in
//! [*The implementation, line by line*](../../../ghost/implementation.html).
//!
//! A GhostCell (Yanovski, Dang, Jung and Dreyer, *GhostCell: Separating
//! Permissions from Data in Rust*, ICFP 2021) lets many parts of a program
//! point at the same value and still mutate it, with every check done by the
//! compiler and nothing left to do at run time.
//!
//! # The idea: permission separated from data
//!
//! Rust normally attaches the permission to mutate to the *reference*: a
//! `&mut T` may write, a `&T` may not. That is why a doubly linked list is
//! hard: every node is pointed at twice, so no pointer can be the unique
//! `&mut`. A GhostCell moves the permission out of the references into a
//! separate value, the [`GhostToken`]:
//!
//! * the data lives in [`GhostCell`]s, which can be shared (`&GhostCell`)
//!   as widely as you like;
//! * the permission is the one token. `&token` reads any cell, `&mut token`
//!   writes one. Ordinary borrow checking of that single value gives "many
//!   readers or one writer" for *all* its cells at once.
//!
//! ```
//! use companion::ghost::{GhostCell, GhostToken};
//!
//! GhostToken::new(|mut token| {
//!     let shared = GhostCell::new(0);
//!     let everyone = [&shared, &shared, &shared]; // aliases: fine
//!     for cell in everyone {
//!         *cell.borrow_mut(&mut token) += 1; // one writer at a time
//!     }
//!     assert_eq!(*shared.borrow(&token), 3);
//! });
//! ```
//!
//! # The brand
//!
//! A token must open its own cells and nobody else's. Both carry a lifetime
//! parameter, the *brand*: `GhostCell<'brand, T>` opens only with
//! `GhostToken<'brand>`. The brand is never a real duration; it is a name
//! that the type checker compares.
//!
//! # The closure
//!
//! A name is only useful if it is unique. [`GhostToken::new`] takes a closure
//! that must work `for<'new>` every lifetime, and calls it with a token of a
//! brand chosen by nobody. Inside, the brand is an opaque lifetime the
//! compiler cannot equate with any other, and since the closure's result type
//! is fixed outside the `for<'new>`, neither the token nor its cells can
//! escape. Two calls, nested or not, always give two unrelated brands.
//!
//! # Invariance
//!
//! The compiler shortens lifetimes whenever that helps a program type-check
//! (variance). For a brand that would be fatal: a token of brand `'a` and a
//! cell of brand `'b` could both be shortened to a common lifetime and match.
//! The brand is therefore held by an *invariant* marker,
//! `PhantomData<fn(&'brand ()) -> &'brand ()>`, which the compiler may not
//! shorten or lengthen. The token's docs explain the attack in detail; the
//! unit tests of `token.rs` keep a covariant twin on which the attack
//! compiles, and `tests/soundness/ghost/` shows the real types reject it.
//! As a check of that claim, replacing the marker with the covariant
//! `PhantomData<&'brand ()>` makes ten of those compile-fail cases compile
//! (every case about mixing, shrinking or escaping brands), while the cases
//! about borrows of one token keep failing.
//!
//! # Costs
//!
//! | type | size | run-time cost of access |
//! |---|---|---|
//! | `GhostToken<'brand>` | 0 bytes | none |
//! | `GhostCell<'brand, T>` | `size_of::<T>()` (asserted in tests) | none for `borrow`/`borrow_mut` |
//! | [`GhostBorrowMut`] on cell references | - | a few integer comparisons per pair of cells (N(N-1)/2 pairs) |
//! | [`GhostBorrowMut`] on a slice or array of cells | - | none |
//!
//! # Borrowing several cells mutably
//!
//! [`GhostBorrowMut`] lends several cells mutably at once after checking, by
//! address *ranges*, that no two overlap, and returns [`GhostAliasingError`]
//! otherwise. Zero-sized cells get a conservative rule, because a zero-sized
//! value may be a capability (a token in a cell): see the trait's docs.
//!
//! # A structure built on it
//!
//! [`list::GhostList`] is a doubly linked list whose links are plain shared
//! references to `GhostCell`s in a bump arena, read with `&GhostToken` and
//! relinked with `&mut GhostToken` (the chapter "The doubly linked list,
//! rebuilt").
//!
//! # Relation to the `ghost-cell` crate
//!
//! This module mirrors the API of `ghost-cell` 0.2.6 so that a program can
//! swap `use ghost_cell::*` for `use companion::ghost::*`;
//! `tests/ghost_behaviour.rs` runs one test suite against both (its
//! multi-borrow half runs against `ghost-cell` only in the demo crate named
//! below). Differences:
//!
//! * multi-borrows and [`GhostCell::swap`] are always available. In
//!   `ghost-cell` they need the `experimental-multiple-mutable-borrows`
//!   feature, and in 0.2.6 that feature has a soundness hole: its overlap
//!   check treats a zero-sized cell as covering its own address, so a
//!   zero-sized field at offset `size_of` of its tuple (the last field of
//!   `(u32, GhostToken)`) is judged disjoint from the tuple. Lending
//!   `(&pair, &pair.as_tuple_of_cells().1)` then gives two `&mut` to one
//!   token, and with them two writers for every cell of its brand; any
//!   zero-sized capability is exposed the same way (a `qcell::TCellOwner`,
//!   this module's token). Ours refuses that layout (see the overlap rule of
//!   [`GhostBorrowMut`]; `tests/ghost_behaviour.rs` checks it for every kind
//!   of token). Because Cargo unifies features across a whole program, the
//!   companion never enables the feature; the hole is shown, under Miri, by
//!   `demos/ghost-cell-zst-hole`, a crate outside the workspace. The
//!   neighbouring case, one zero-sized cell lent twice, was `ghost-cell`
//!   issue #32 and is fixed since 0.2.5;
//! * [`GhostAliasingError`] implements `Display` and `Error`;
//! * there is no `as_tuple_of_cells`/`from_tuple_of_cells` and no
//!   multi-borrow of `&(GhostCell<T0>, GhostCell<T1>, ..)`: Rust does not
//!   promise that `(T0, T1)` and `(GhostCell<T0>, GhostCell<T1>)` have the
//!   same layout, so those casts are left out;
//! * there is no `GhostCursor`.

mod cell;
pub mod list;
mod multi;
mod overlap;
mod token;

pub use cell::GhostCell;
pub use multi::{GhostAliasingError, GhostBorrow, GhostBorrowMut};
pub use token::GhostToken;
