//! The two programs of the async story by Stakker's author, four ways each.
//!
//! The story (*Barbara wants to use GhostCell-like cell borrowing with
//! futures*, a "status quo" story of the Rust async vision) gives two bugs
//! found in real code that shares state through `Rc<RefCell<_>>`:
//!
//! * [`monitor`]: tallies shared by every packet handler; a handler keeps the
//!   tally borrowed while it awaits an alert, and the next handler to run
//!   panics.
//! * [`stream_pipe`]: a `futures_core::Stream` fed by a producer thread; its
//!   `request_more` callback writes the buffer while `poll_next` still has it
//!   borrowed, and panics.
//!
//! Each program exists here in the ways the book compares:
//!
//! | way | Monitor | StreamPipe | what happens |
//! |---|---|---|---|
//! | `RefCell`, the original | [`monitor::refcell`] | [`stream_pipe::refcell`] | compiles, panics ("RefCell already borrowed"); `should_panic` tests |
//! | branded futures, with the bug | `tests/soundness/async_cells/monitor_branded_*.rs` | `tests/soundness/async_cells/stream_pipe_branded_*.rs` | E0499: `cx` borrowed mutably twice |
//! | std futures with a lent owner, with the bug | `tests/soundness/async_cells/monitor_lent_*.rs` | `tests/soundness/async_cells/stream_pipe_lent_*.rs` | Monitor: E0728 (`.await` inside the accessor) or "lifetime may not live long enough" (the tally carried out of it); StreamPipe: E0499, the owner borrowed mutably twice |
//! | corrected | [`monitor::branded`], [`monitor::lent`] | [`stream_pipe::branded`], [`stream_pipe::lent`] | runs; tests on the branded executor, `LocalPool` and tokio's `LocalSet` |
//!
//! ```
//! use companion::async_cells::story::monitor::{self, Monitor};
//!
//! let packets = vec![vec![], vec![7], vec![]];
//! assert_eq!(monitor::branded::run(packets.clone()), Monitor { packets: 3, errors: 2 });
//! assert!(std::panic::catch_unwind(|| monitor::refcell::run(packets)).is_err());
//! ```

#![forbid(unsafe_code)]

pub mod monitor;
pub mod stream_pipe;

#[cfg(test)]
mod tests;
