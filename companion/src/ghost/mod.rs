//! Part II: GhostCell from scratch.
