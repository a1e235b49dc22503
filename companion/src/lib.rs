//! The companion crate of *The GhostCell Book*.
//!
//! Every module mirrors a part of the book, so the code of a chapter is found
//! by the chapter's name. Each module is a cargo feature of the same name
//! (with `-` for `_`); the default features enable them all.
//!
//! | module | feature | book part |
//! |---|---|---|
//! | [`foundations`] | `foundations` | [Part I](../../foundations/ownership.html), first principles: the cyclic structures that motivate GhostCell |
//! | [`ghost`] | `ghost` | [Part II](../../ghost/problem.html), GhostCell derived from scratch |
//! | (the `qcell` crate itself) | | [Part III](../../qcell-family/overview.html), the qcell family; its tests are `tests/qcell_family.rs` |
//! | [`arena`] | `arena` | [Part IV](../../arena/index.html), a concurrent doubly linked list in a thread-safe arena |
//! | [`stack_token`](mod@stack_token) | `stack-token` | [Part IV](../../stack-token/index.html), thread-bound values and thread locals without closures |
//! | [`async_cells`] | `async-cells` (enables `ghost`) | [Part V](../../async-cells/index.html), futures whose poll context carries the cell owner |
//! | [`actors`] | `actors` (enables `ghost` and `async-cells`) | [Part VI](../../actors/index.html), an actor runtime whose state is reached through cell owners |
//! | (adds to [`actors`]) | `log` (enables `actors`) | [Part VI](../../actors/stopping-and-watching.html#watching-the-lifecycle-the-log-feature), each actor's start and stop, with its cause, sent to the `log` facade |
//!
//! To copy one part into a project, depend on this crate with
//! `default-features = false` and that part's feature: each feature pulls in
//! only the crates its module uses. The `log` feature is no module: it adds
//! the actor lifecycle's records to `actors`, and the `log` crate.
//!
//! These pages are published beside the book, so the links to its parts
//! open the chapters; in a copy of the repository, the chapters of a part are
//! the files of `book/<part>/`.

#![warn(missing_docs)]

#[cfg(feature = "foundations")]
pub mod foundations;
#[cfg(feature = "ghost")]
pub mod ghost;
#[cfg(feature = "arena")]
pub mod arena;
// Only where std keeps thread-locals in native thread-local storage (build.rs).
#[cfg(all(feature = "stack-token", native_thread_locals))]
pub mod stack_token;
#[cfg(feature = "async-cells")]
pub mod async_cells;
#[cfg(feature = "actors")]
pub mod actors;

#[cfg(test)]
mod testing;
