//! A doubly linked list of `GhostCell` nodes in a thread-safe bump arena (Part IV).
