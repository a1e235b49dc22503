//! The companion crate of *The GhostCell Book*.
//!
//! Every module mirrors a part of the book, so the code of a chapter is found
//! by the chapter's name:
//!
//! | module | book part |
//! |---|---|
//! | [`foundations`] | Part I, first principles: the cyclic structures that motivate GhostCell |
//! | [`ghost`] | Part II, GhostCell derived from scratch |

pub mod foundations;
pub mod ghost;

#[cfg(test)]
mod testing;
