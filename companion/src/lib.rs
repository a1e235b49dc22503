//! The companion crate of *The GhostCell Book*.
//!
//! Every module mirrors a part of the book, so the code of a chapter is found
//! by the chapter's name:
//!
//! | module | book part |
//! |---|---|
//! | [`foundations`] | Part I, first principles: the cyclic structures that motivate GhostCell |
//! | [`ghost`] | Part II, GhostCell derived from scratch |
//! | (the `qcell` crate itself) | Part III, the qcell family; its tests are `tests/qcell_family.rs` |
//! | [`arena`] | Part IV, a concurrent doubly linked list in a thread-safe arena |
//! | [`stack_token`](mod@stack_token) | Part IV, thread-bound values and thread locals without closures |
//! | [`async_cells`] | Part V, futures whose poll context carries the cell owner |
//! | [`actors`] | Part VI, an actor runtime whose state is reached through cell owners |

pub mod foundations;
pub mod ghost;
pub mod arena;
// Only where std keeps thread-locals in native thread-local storage (build.rs).
#[cfg(native_thread_locals)]
pub mod stack_token;
pub mod async_cells;
pub mod actors;

#[cfg(test)]
mod testing;
