//! Part I: first principles. Three doubly linked lists, each built a way
//! safe or unsafe Rust allows, to show what every way costs.
//!
//! Part I of the book, [*First principles*](../../../foundations/ownership.html), compares these
//! lists in [*Why cyclic data is hard*](../../../foundations/cyclic-data.html).
//!
//! A doubly linked list is the smallest cyclic structure: each inner node is
//! pointed at by two neighbours. Rust's ownership rules want one owner per
//! value and either one writer or many readers at a time, checked at compile
//! time. A cycle fits neither rule, so each list below gives something up.
//! The chapter *Why cyclic data is hard* walks through all three.
//!
//! | list | links are | who may mutate a node | checked at run time | what it loses | bytes per node, `T = u64` |
//! |---|---|---|---|---|---|
//! | [`rc_list::RcList`] | `Rc` forward, `Weak` back | anyone holding the node, through its `RefCell` | reference counts on every link change, a borrow flag on every access | conflicting borrows panic instead of failing to compile; a strong back link leaks | 48 (one allocation each) |
//! | [`index_list::IndexList`] | `Handle(usize)` indices into a `Vec` | whoever holds `&mut IndexList`: one writer for the whole list | bounds check and slot check on every access | stale handles silently reach the slot's next occupant; nodes are reachable only with the list at hand | 40 (one slot in a shared `Vec`) |
//! | [`raw_list::RawList`] | `NonNull` raw pointers | whatever the code says: the compiler no longer checks | nothing | every guarantee becomes a hand-written `// SAFETY:` argument | 24 (one allocation each) |
//!
//! The byte counts are `size_of` the node (plus the two `Rc` counts for
//! `RcList`) on a 64-bit target, asserted by each module's tests. The value
//! itself takes 8 of them.
//!
//! Read down the "who may mutate" column: the permission to mutate is either
//! attached to each node and checked at run time (`RcList`), or held once for
//! the whole structure (`&mut IndexList`) at the price of links nobody checks,
//! or not checked at all (`RawList`). Part II keeps the single permission for
//! the whole structure and has the compiler check it.
//!
//! ```
//! use companion::foundations::{index_list::IndexList, raw_list::RawList, rc_list::RcList};
//!
//! let mut rc = RcList::new();
//! let mut index = IndexList::new();
//! let mut raw = RawList::new();
//! for i in 1..=3 {
//!     rc.push_back(i);
//!     index.push_back(i);
//!     raw.push_back(i);
//! }
//! assert_eq!(rc.to_vec(), index.iter().copied().collect::<Vec<_>>());
//! assert_eq!(rc.to_vec(), raw.iter().copied().collect::<Vec<_>>());
//! ```

pub mod index_list;
pub mod raw_list;
pub mod rc_list;
