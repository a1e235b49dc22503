//! A doubly linked list whose links are plain shared references, built on
//! [`GhostCell`] (Part II, "The doubly linked list, rebuilt").
//!
//! Every node is pointed at twice, by its neighbours, so no link can be a
//! `&mut` or a `Box`. Here every link is a shared `&'arena GhostCell<Node>`,
//! which may alias freely, and the permission to change a node is the one
//! [`GhostToken`] of the list's brand:
//!
//! * `&GhostToken` reads any node: [`GhostList::iter`] walks forwards and
//!   backwards, [`GhostList::front`] and [`GhostList::back`] peek;
//! * `&mut GhostToken` writes one node at a time: pushing and popping relink
//!   neighbours, [`GhostList::for_each_mut`] edits every value in turn.
//!
//! There is no reference count, no borrow flag and no `unsafe` in any method
//! that links or unlinks a node; the only `unsafe` block is in `Drop`.
//!
//! # Where the nodes live
//!
//! Nodes are allocated in a [`bumpalo::Bump`] arena that the caller owns and
//! lends to the list (`&'arena Bump`). Every node then has the same lifetime,
//! `'arena`, which is what lets one node hold a plain reference to another.
//! Two consequences, both deliberate:
//!
//! * **Memory is reclaimed when the arena is dropped, not when a value is
//!   popped.** A popped node stays in the arena, empty, until then. A list
//!   that pushes and pops forever in one arena keeps growing; use a fresh
//!   arena per batch of work, or another design, if that matters.
//! * **A bump arena never runs `Drop`.** The list therefore drops its values
//!   itself: a popped value is moved out to the caller, and the values still
//!   in the list are dropped, exactly once each, when the list is dropped.
//!
//! The list is single-threaded: it holds `&Bump`, and `Bump` is not `Sync`,
//! so the list is neither `Send` nor `Sync`. Part IV shares a list across
//! threads with a thread-safe arena.

use bumpalo::Bump;

use super::{GhostCell, GhostToken};

/// A link: a shared reference to a node in the arena, guarded by the brand.
type NodeRef<'arena, 'brand, T> = &'arena GhostCell<'brand, Node<'arena, 'brand, T>>;

/// One element of the list, always accessed through its [`GhostCell`].
struct Node<'arena, 'brand, T> {
    /// `Some` while the node is linked; `None` once its value was popped (the
    /// node itself stays in the arena, unreachable, until the arena is
    /// dropped).
    value: Option<T>,
    prev: Option<NodeRef<'arena, 'brand, T>>,
    next: Option<NodeRef<'arena, 'brand, T>>,
}

/// A doubly linked list of `T`, its nodes in the arena `'arena`, their access
/// governed by the [`GhostToken`] of brand `'brand`.
///
/// Changing the *shape* (push, pop) takes `&mut self` and `&mut GhostToken`.
/// Changing *values* takes only `&self` and `&mut GhostToken`: the token, not
/// the list, is the permission to write.
///
/// # Example
///
/// ```
/// use bumpalo::Bump;
/// use companion::ghost::GhostToken;
/// use companion::ghost::list::GhostList;
///
/// let arena = Bump::new();
/// GhostToken::new(|mut token| {
///     let mut list = GhostList::new(&arena);
///     list.push_back(2, &mut token);
///     list.push_back(3, &mut token);
///     list.push_front(1, &mut token);
///
///     let forward: Vec<i32> = list.iter(&token).copied().collect();
///     let backward: Vec<i32> = list.iter(&token).rev().copied().collect();
///     assert_eq!(forward, [1, 2, 3]);
///     assert_eq!(backward, [3, 2, 1]);
///
///     list.for_each_mut(&mut token, |value| *value *= 10);
///     assert_eq!(list.pop_back(&mut token), Some(30));
///     assert_eq!(list.len(), 2);
/// });
/// ```
pub struct GhostList<'arena, 'brand, T> {
    arena: &'arena Bump,
    head: Option<NodeRef<'arena, 'brand, T>>,
    tail: Option<NodeRef<'arena, 'brand, T>>,
    len: usize,
}

impl<'arena, 'brand, T> GhostList<'arena, 'brand, T> {
    /// An empty list that will allocate its nodes in `arena`. The brand is
    /// fixed by the first token the list is used with.
    ///
    /// # Example
    ///
    /// ```
    /// use bumpalo::Bump;
    /// use companion::ghost::GhostToken;
    /// use companion::ghost::list::GhostList;
    ///
    /// let arena = Bump::new();
    /// GhostToken::new(|token| {
    ///     let list: GhostList<'_, '_, String> = GhostList::new(&arena);
    ///     assert!(list.is_empty());
    ///     assert_eq!(list.iter(&token).count(), 0);
    /// });
    /// ```
    pub fn new(arena: &'arena Bump) -> Self {
        GhostList {
            arena,
            head: None,
            tail: None,
            len: 0,
        }
    }

    /// The number of values in the list. Kept in a field, so no token is
    /// needed and no node is visited.
    ///
    /// # Example
    ///
    /// ```
    /// use bumpalo::Bump;
    /// use companion::ghost::GhostToken;
    /// use companion::ghost::list::GhostList;
    ///
    /// let arena = Bump::new();
    /// GhostToken::new(|mut token| {
    ///     let mut list = GhostList::new(&arena);
    ///     list.push_back('a', &mut token);
    ///     list.push_back('b', &mut token);
    ///     assert_eq!(list.len(), 2);
    /// });
    /// ```
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the list holds no value.
    ///
    /// # Example
    ///
    /// ```
    /// use bumpalo::Bump;
    /// use companion::ghost::GhostToken;
    /// use companion::ghost::list::GhostList;
    ///
    /// let arena = Bump::new();
    /// GhostToken::new(|mut token| {
    ///     let mut list = GhostList::new(&arena);
    ///     assert!(list.is_empty());
    ///     list.push_front(1, &mut token);
    ///     assert!(!list.is_empty());
    /// });
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Allocates an unlinked-on-one-side node in the arena.
    fn alloc_node(
        &self,
        value: T,
        prev: Option<NodeRef<'arena, 'brand, T>>,
        next: Option<NodeRef<'arena, 'brand, T>>,
    ) -> NodeRef<'arena, 'brand, T> {
        let node = Node {
            value: Some(value),
            prev,
            next,
        };
        self.arena.alloc(GhostCell::new(node))
    }

    /// Adds `value` at the front. The old front node is written (its `prev`
    /// link), so the token is needed mutably.
    ///
    /// # Example
    ///
    /// ```
    /// use bumpalo::Bump;
    /// use companion::ghost::GhostToken;
    /// use companion::ghost::list::GhostList;
    ///
    /// let arena = Bump::new();
    /// GhostToken::new(|mut token| {
    ///     let mut list = GhostList::new(&arena);
    ///     list.push_front("b", &mut token);
    ///     list.push_front("a", &mut token);
    ///     assert_eq!(list.front(&token), Some(&"a"));
    ///     assert_eq!(list.back(&token), Some(&"b"));
    /// });
    /// ```
    pub fn push_front(&mut self, value: T, token: &mut GhostToken<'brand>) {
        let node = self.alloc_node(value, None, self.head);
        match self.head {
            Some(old_front) => old_front.borrow_mut(token).prev = Some(node),
            None => self.tail = Some(node),
        }
        self.head = Some(node);
        self.len += 1;
    }

    /// Adds `value` at the back. The old back node is written (its `next`
    /// link), so the token is needed mutably.
    ///
    /// # Example
    ///
    /// ```
    /// use bumpalo::Bump;
    /// use companion::ghost::GhostToken;
    /// use companion::ghost::list::GhostList;
    ///
    /// let arena = Bump::new();
    /// GhostToken::new(|mut token| {
    ///     let mut list = GhostList::new(&arena);
    ///     list.push_back(1, &mut token);
    ///     list.push_back(2, &mut token);
    ///     assert_eq!(list.iter(&token).copied().collect::<Vec<_>>(), [1, 2]);
    /// });
    /// ```
    pub fn push_back(&mut self, value: T, token: &mut GhostToken<'brand>) {
        let node = self.alloc_node(value, self.tail, None);
        match self.tail {
            Some(old_back) => old_back.borrow_mut(token).next = Some(node),
            None => self.head = Some(node),
        }
        self.tail = Some(node);
        self.len += 1;
    }

    /// Removes the front value and gives it back, or `None` if the list is
    /// empty. The node stays in the arena, empty, until the arena is dropped.
    ///
    /// # Example
    ///
    /// ```
    /// use bumpalo::Bump;
    /// use companion::ghost::GhostToken;
    /// use companion::ghost::list::GhostList;
    ///
    /// let arena = Bump::new();
    /// GhostToken::new(|mut token| {
    ///     let mut list = GhostList::new(&arena);
    ///     list.push_back(String::from("first"), &mut token);
    ///     list.push_back(String::from("second"), &mut token);
    ///     assert_eq!(list.pop_front(&mut token).as_deref(), Some("first"));
    ///     assert_eq!(list.pop_front(&mut token).as_deref(), Some("second"));
    ///     assert_eq!(list.pop_front(&mut token), None);
    /// });
    /// ```
    pub fn pop_front(&mut self, token: &mut GhostToken<'brand>) -> Option<T> {
        let old_front = self.head?;
        let node = old_front.borrow_mut(token);
        let value = node.value.take();
        let new_front = node.next.take();
        match new_front {
            Some(new_front) => new_front.borrow_mut(token).prev = None,
            None => self.tail = None,
        }
        self.head = new_front;
        self.len -= 1;
        value
    }

    /// Removes the back value and gives it back, or `None` if the list is
    /// empty. The node stays in the arena, empty, until the arena is dropped.
    ///
    /// # Example
    ///
    /// ```
    /// use bumpalo::Bump;
    /// use companion::ghost::GhostToken;
    /// use companion::ghost::list::GhostList;
    ///
    /// let arena = Bump::new();
    /// GhostToken::new(|mut token| {
    ///     let mut list = GhostList::new(&arena);
    ///     list.push_back(1, &mut token);
    ///     list.push_back(2, &mut token);
    ///     assert_eq!(list.pop_back(&mut token), Some(2));
    ///     assert_eq!(list.back(&token), Some(&1));
    /// });
    /// ```
    pub fn pop_back(&mut self, token: &mut GhostToken<'brand>) -> Option<T> {
        let old_back = self.tail?;
        let node = old_back.borrow_mut(token);
        let value = node.value.take();
        let new_back = node.prev.take();
        match new_back {
            Some(new_back) => new_back.borrow_mut(token).next = None,
            None => self.head = None,
        }
        self.tail = new_back;
        self.len -= 1;
        value
    }

    /// The front value, read with a shared token.
    ///
    /// # Example
    ///
    /// ```
    /// use bumpalo::Bump;
    /// use companion::ghost::GhostToken;
    /// use companion::ghost::list::GhostList;
    ///
    /// let arena = Bump::new();
    /// GhostToken::new(|mut token| {
    ///     let mut list = GhostList::new(&arena);
    ///     assert_eq!(list.front(&token), None);
    ///     list.push_back(7, &mut token);
    ///     assert_eq!(list.front(&token), Some(&7));
    /// });
    /// ```
    pub fn front<'a>(&'a self, token: &'a GhostToken<'brand>) -> Option<&'a T> {
        self.head?.borrow(token).value.as_ref()
    }

    /// The back value, read with a shared token.
    ///
    /// # Example
    ///
    /// ```
    /// use bumpalo::Bump;
    /// use companion::ghost::GhostToken;
    /// use companion::ghost::list::GhostList;
    ///
    /// let arena = Bump::new();
    /// GhostToken::new(|mut token| {
    ///     let mut list = GhostList::new(&arena);
    ///     list.push_back(7, &mut token);
    ///     list.push_back(8, &mut token);
    ///     assert_eq!(list.back(&token), Some(&8));
    /// });
    /// ```
    pub fn back<'a>(&'a self, token: &'a GhostToken<'brand>) -> Option<&'a T> {
        self.tail?.borrow(token).value.as_ref()
    }

    /// The front value, writable. Only `&self` is needed: the mutable token is
    /// the permission.
    ///
    /// # Example
    ///
    /// ```
    /// use bumpalo::Bump;
    /// use companion::ghost::GhostToken;
    /// use companion::ghost::list::GhostList;
    ///
    /// let arena = Bump::new();
    /// GhostToken::new(|mut token| {
    ///     let mut list = GhostList::new(&arena);
    ///     list.push_back(1, &mut token);
    ///     let shared = &list;
    ///     *shared.front_mut(&mut token).unwrap() += 1;
    ///     assert_eq!(list.front(&token), Some(&2));
    /// });
    /// ```
    pub fn front_mut<'a>(&'a self, token: &'a mut GhostToken<'brand>) -> Option<&'a mut T> {
        self.head?.borrow_mut(token).value.as_mut()
    }

    /// The back value, writable. Only `&self` is needed: the mutable token is
    /// the permission.
    ///
    /// # Example
    ///
    /// ```
    /// use bumpalo::Bump;
    /// use companion::ghost::GhostToken;
    /// use companion::ghost::list::GhostList;
    ///
    /// let arena = Bump::new();
    /// GhostToken::new(|mut token| {
    ///     let mut list = GhostList::new(&arena);
    ///     list.push_back(String::from("ghost"), &mut token);
    ///     list.back_mut(&mut token).unwrap().push_str("cell");
    ///     assert_eq!(list.back(&token).map(String::as_str), Some("ghostcell"));
    /// });
    /// ```
    pub fn back_mut<'a>(&'a self, token: &'a mut GhostToken<'brand>) -> Option<&'a mut T> {
        self.tail?.borrow_mut(token).value.as_mut()
    }

    /// Iterates over the values, front to back; call `.rev()` for back to
    /// front. The iterator holds the token shared, so any number of
    /// iterators (and other reads) may run at once, and no write can.
    ///
    /// # Example
    ///
    /// ```
    /// use bumpalo::Bump;
    /// use companion::ghost::GhostToken;
    /// use companion::ghost::list::GhostList;
    ///
    /// let arena = Bump::new();
    /// GhostToken::new(|mut token| {
    ///     let mut list = GhostList::new(&arena);
    ///     for n in 1..=4 {
    ///         list.push_back(n, &mut token);
    ///     }
    ///     // Two iterators at once, walking in opposite directions.
    ///     let pairs: Vec<(i32, i32)> = list
    ///         .iter(&token)
    ///         .zip(list.iter(&token).rev())
    ///         .map(|(a, b)| (*a, *b))
    ///         .collect();
    ///     assert_eq!(pairs, [(1, 4), (2, 3), (3, 2), (4, 1)]);
    /// });
    /// ```
    pub fn iter<'a>(&'a self, token: &'a GhostToken<'brand>) -> Iter<'a, 'arena, 'brand, T> {
        Iter {
            front: self.head,
            back: self.tail,
            remaining: self.len,
            token,
        }
    }

    /// Calls `f` on every value, front to back, with write access to one value
    /// at a time. `f` cannot reach the token (it is lent to this method), so
    /// it cannot touch any other node while it runs.
    ///
    /// # Example
    ///
    /// ```
    /// use bumpalo::Bump;
    /// use companion::ghost::GhostToken;
    /// use companion::ghost::list::GhostList;
    ///
    /// let arena = Bump::new();
    /// GhostToken::new(|mut token| {
    ///     let mut list = GhostList::new(&arena);
    ///     list.push_back(1, &mut token);
    ///     list.push_back(2, &mut token);
    ///     let mut seen = 0;
    ///     list.for_each_mut(&mut token, |value| {
    ///         seen += 1;
    ///         *value += seen;
    ///     });
    ///     assert_eq!(list.iter(&token).copied().collect::<Vec<_>>(), [2, 4]);
    /// });
    /// ```
    pub fn for_each_mut(&self, token: &mut GhostToken<'brand>, mut f: impl FnMut(&mut T)) {
        let mut cursor = self.head;
        while let Some(node) = cursor {
            let node = node.borrow_mut(token);
            if let Some(value) = node.value.as_mut() {
                f(value);
            }
            cursor = node.next;
        }
    }
}

impl<'arena, 'brand, T> Drop for GhostList<'arena, 'brand, T> {
    /// Drops every value still in the list, front to back, exactly once. The
    /// arena would not: a bump arena frees its memory without running `Drop`.
    /// The nodes' memory is freed later, with the arena.
    ///
    /// # Example
    ///
    /// ```
    /// use std::rc::Rc;
    /// use bumpalo::Bump;
    /// use companion::ghost::GhostToken;
    /// use companion::ghost::list::GhostList;
    ///
    /// let shared = Rc::new(());
    /// let arena = Bump::new();
    /// GhostToken::new(|mut token| {
    ///     let mut list = GhostList::new(&arena);
    ///     list.push_back(Rc::clone(&shared), &mut token);
    ///     list.push_back(Rc::clone(&shared), &mut token);
    ///     assert_eq!(Rc::strong_count(&shared), 3);
    /// }); // the list is dropped here, and with it both clones
    /// assert_eq!(Rc::strong_count(&shared), 1);
    /// ```
    fn drop(&mut self) {
        let mut cursor = self.head.take();
        self.tail = None;
        while let Some(cell) = cursor {
            // SAFETY: we create a `&mut Node` without the token; it is unsound
            // only if the node's memory is invalid or another reference to the
            // node's contents is live while we hold this one.
            // - Invalid memory: the node was allocated in `*self.arena`, which
            //   is borrowed for `'arena` and so outlives `self`; a bump arena
            //   never moves or frees an allocation before it is itself dropped.
            // - A reference handed out by this list (`front`, `iter`,
            //   `front_mut`, `for_each_mut`, ...): each one borrows the list,
            //   and `drop` holds `&mut self`, so none is live.
            // - A reference obtained with the token by other code: that needs a
            //   `&GhostCell` of the node, and the list never hands one out or
            //   takes one in; nodes are reachable only from this list's
            //   `head`/`tail` and from each other, never from another list.
            // - Two `&mut` to one node from this loop: we follow `next` links
            //   from the front, each node is linked once and the links form no
            //   cycle, and each `&mut` ends before the next node is visited.
            let node = unsafe { &mut *cell.as_ptr() };
            cursor = node.next.take();
            node.prev = None;
            // Dropping the value here is the one place it is dropped: a popped
            // value left as `None`, so it is not dropped again.
            node.value = None;
        }
    }
}

/// An iterator over the values of a [`GhostList`], made by
/// [`GhostList::iter`]. It walks from both ends (it is a
/// [`DoubleEndedIterator`]) and stops when the two ends meet.
///
/// # Example
///
/// ```
/// use bumpalo::Bump;
/// use companion::ghost::GhostToken;
/// use companion::ghost::list::GhostList;
///
/// let arena = Bump::new();
/// GhostToken::new(|mut token| {
///     let mut list = GhostList::new(&arena);
///     for n in [1, 2, 3] {
///         list.push_back(n, &mut token);
///     }
///     let mut values = list.iter(&token);
///     assert_eq!(values.len(), 3);
///     assert_eq!((values.next(), values.next_back()), (Some(&1), Some(&3)));
///     assert_eq!((values.next(), values.next_back()), (Some(&2), None));
/// });
/// ```
pub struct Iter<'a, 'arena, 'brand, T> {
    front: Option<&'a GhostCell<'brand, Node<'arena, 'brand, T>>>,
    back: Option<&'a GhostCell<'brand, Node<'arena, 'brand, T>>>,
    remaining: usize,
    token: &'a GhostToken<'brand>,
}

impl<'a, 'arena, 'brand, T> Iterator for Iter<'a, 'arena, 'brand, T> {
    type Item = &'a T;

    /// The next value from the front.
    ///
    /// # Example
    ///
    /// ```
    /// use bumpalo::Bump;
    /// use companion::ghost::GhostToken;
    /// use companion::ghost::list::GhostList;
    ///
    /// let arena = Bump::new();
    /// GhostToken::new(|mut token| {
    ///     let mut list = GhostList::new(&arena);
    ///     list.push_back('x', &mut token);
    ///     let mut values = list.iter(&token);
    ///     assert_eq!(values.next(), Some(&'x'));
    ///     assert_eq!(values.next(), None);
    /// });
    /// ```
    fn next(&mut self) -> Option<&'a T> {
        if self.remaining == 0 {
            return None;
        }
        let node = self.front?.borrow(self.token);
        self.front = node.next;
        self.remaining -= 1;
        node.value.as_ref()
    }

    /// Exactly the number of values not yet visited from either end.
    ///
    /// # Example
    ///
    /// ```
    /// use bumpalo::Bump;
    /// use companion::ghost::GhostToken;
    /// use companion::ghost::list::GhostList;
    ///
    /// let arena = Bump::new();
    /// GhostToken::new(|mut token| {
    ///     let mut list = GhostList::new(&arena);
    ///     list.push_back(1, &mut token);
    ///     list.push_back(2, &mut token);
    ///     assert_eq!(list.iter(&token).size_hint(), (2, Some(2)));
    /// });
    /// ```
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl<'a, 'arena, 'brand, T> DoubleEndedIterator for Iter<'a, 'arena, 'brand, T> {
    /// The next value from the back, following the `prev` links.
    ///
    /// # Example
    ///
    /// ```
    /// use bumpalo::Bump;
    /// use companion::ghost::GhostToken;
    /// use companion::ghost::list::GhostList;
    ///
    /// let arena = Bump::new();
    /// GhostToken::new(|mut token| {
    ///     let mut list = GhostList::new(&arena);
    ///     list.push_back(1, &mut token);
    ///     list.push_back(2, &mut token);
    ///     let mut values = list.iter(&token);
    ///     assert_eq!(values.next_back(), Some(&2));
    ///     assert_eq!(values.next_back(), Some(&1));
    ///     assert_eq!(values.next_back(), None);
    /// });
    /// ```
    fn next_back(&mut self) -> Option<&'a T> {
        if self.remaining == 0 {
            return None;
        }
        let node = self.back?.borrow(self.token);
        self.back = node.prev;
        self.remaining -= 1;
        node.value.as_ref()
    }
}

impl<T> ExactSizeIterator for Iter<'_, '_, '_, T> {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::DropCounter;
    use std::cell::Cell;
    use std::collections::VecDeque;
    use std::rc::Rc;

    fn values<'brand, T: Clone>(list: &GhostList<'_, 'brand, T>, token: &GhostToken<'brand>) -> Vec<T> {
        list.iter(token).cloned().collect()
    }

    fn values_rev<'brand, T: Clone>(list: &GhostList<'_, 'brand, T>, token: &GhostToken<'brand>) -> Vec<T> {
        list.iter(token).rev().cloned().collect()
    }

    #[test]
    fn pushes_and_pops_at_both_ends_like_a_vecdeque() {
        let arena = Bump::new();
        GhostToken::new(|mut token| {
            let mut list = GhostList::new(&arena);
            let mut model = VecDeque::new();
            // A fixed, mixed sequence of operations, checked after each step.
            for step in 0..200_u32 {
                match step % 7 {
                    0 | 3 => {
                        list.push_back(step, &mut token);
                        model.push_back(step);
                    }
                    1 | 5 => {
                        list.push_front(step, &mut token);
                        model.push_front(step);
                    }
                    2 => assert_eq!(list.pop_front(&mut token), model.pop_front()),
                    _ => assert_eq!(list.pop_back(&mut token), model.pop_back()),
                }
                assert_eq!(list.len(), model.len());
                assert_eq!(list.front(&token), model.front());
                assert_eq!(list.back(&token), model.back());
            }
            assert_eq!(values(&list, &token), model.iter().copied().collect::<Vec<_>>());
            assert_eq!(values_rev(&list, &token), model.iter().rev().copied().collect::<Vec<_>>());
        });
    }

    #[test]
    fn popping_until_empty_resets_both_ends() {
        let arena = Bump::new();
        GhostToken::new(|mut token| {
            let mut list = GhostList::new(&arena);
            list.push_back(1, &mut token);
            assert_eq!(list.pop_back(&mut token), Some(1));
            assert!(list.is_empty());
            assert_eq!((list.front(&token), list.back(&token)), (None, None));
            assert_eq!(list.pop_front(&mut token), None);
            assert_eq!(list.pop_back(&mut token), None);
            // The list is usable again from either end.
            list.push_front(2, &mut token);
            list.push_back(3, &mut token);
            assert_eq!(values(&list, &token), [2, 3]);
            assert_eq!(values_rev(&list, &token), [3, 2]);
        });
    }

    #[test]
    fn iterator_ends_meet_in_the_middle() {
        let arena = Bump::new();
        GhostToken::new(|mut token| {
            let mut list = GhostList::new(&arena);
            for n in 1..=5 {
                list.push_back(n, &mut token);
            }
            let mut it = list.iter(&token);
            assert_eq!(it.len(), 5);
            let mut seen = Vec::new();
            while let Some(front) = it.next() {
                seen.push(*front);
                if let Some(back) = it.next_back() {
                    seen.push(*back);
                }
            }
            assert_eq!(seen, [1, 5, 2, 4, 3]);
            assert_eq!((it.next(), it.next_back(), it.len()), (None, None, 0));
        });
    }

    #[test]
    fn values_change_through_a_shared_list() {
        let arena = Bump::new();
        GhostToken::new(|mut token| {
            let mut list = GhostList::new(&arena);
            for word in ["a", "b", "c"] {
                list.push_back(String::from(word), &mut token);
            }
            let (one, two) = (&list, &list); // aliases of the whole list
            one.front_mut(&mut token).unwrap().push('1');
            two.back_mut(&mut token).unwrap().push('3');
            one.for_each_mut(&mut token, |s| s.make_ascii_uppercase());
            assert_eq!(values(two, &token), ["A1", "B", "C3"]);
        });
    }

    #[test]
    fn empty_list_has_no_front_or_back_to_write() {
        let arena = Bump::new();
        GhostToken::new(|mut token| {
            let list: GhostList<'_, '_, u8> = GhostList::new(&arena);
            assert!(list.front_mut(&mut token).is_none());
            assert!(list.back_mut(&mut token).is_none());
            let mut calls = 0;
            list.for_each_mut(&mut token, |_| calls += 1);
            assert_eq!(calls, 0);
        });
    }

    #[test]
    fn two_lists_share_one_arena_and_one_token() {
        let arena = Bump::new();
        GhostToken::new(|mut token| {
            let (mut odd, mut even) = (GhostList::new(&arena), GhostList::new(&arena));
            for n in 1..=6 {
                if n % 2 == 0 {
                    even.push_back(n, &mut token);
                } else {
                    odd.push_back(n, &mut token);
                }
            }
            while let Some(n) = odd.pop_front(&mut token) {
                even.push_front(n, &mut token);
            }
            assert_eq!(values(&even, &token), [5, 3, 1, 2, 4, 6]);
            assert!(odd.is_empty());
        });
    }

    #[test]
    fn drops_every_value_once_when_the_list_is_dropped() {
        let drops = Rc::new(Cell::new(0));
        let arena = Bump::new();
        GhostToken::new(|mut token| {
            let mut list = GhostList::new(&arena);
            for _ in 0..5 {
                list.push_back(DropCounter(Rc::clone(&drops)), &mut token);
            }
            list.push_front(DropCounter(Rc::clone(&drops)), &mut token);
            assert_eq!(drops.get(), 0);
            drop(list);
            assert_eq!(drops.get(), 6);
        });
        drop(arena); // freeing the arena drops nothing more
        assert_eq!(drops.get(), 6);
    }

    #[test]
    fn drops_popped_values_by_their_new_owner_and_never_again() {
        let drops = Rc::new(Cell::new(0));
        let arena = Bump::new();
        GhostToken::new(|mut token| {
            let mut list = GhostList::new(&arena);
            for _ in 0..4 {
                list.push_back(DropCounter(Rc::clone(&drops)), &mut token);
            }
            let front = list.pop_front(&mut token);
            let back = list.pop_back(&mut token);
            assert_eq!(drops.get(), 0, "popping moves the value out, it does not drop it");
            drop((front, back));
            assert_eq!(drops.get(), 2);
            drop(list);
            assert_eq!(drops.get(), 4, "the two popped nodes are not dropped a second time");
        });
        assert_eq!(drops.get(), 4);
    }

    #[test]
    fn drops_nothing_for_an_empty_or_emptied_list() {
        let drops = Rc::new(Cell::new(0));
        let arena = Bump::new();
        GhostToken::new(|mut token| {
            let empty: GhostList<'_, '_, DropCounter> = GhostList::new(&arena);
            drop(empty);
            let mut emptied = GhostList::new(&arena);
            emptied.push_back(DropCounter(Rc::clone(&drops)), &mut token);
            drop(emptied.pop_back(&mut token));
            assert_eq!(drops.get(), 1);
            drop(emptied);
        });
        assert_eq!(drops.get(), 1);
    }

    /// Long enough that a recursive drop would overflow the test thread's
    /// stack; shorter under Miri, which runs far slower.
    const LONG: usize = if cfg!(miri) { 1_000 } else { 100_000 };

    #[test]
    fn a_long_list_drops_without_recursion() {
        let drops = Rc::new(Cell::new(0));
        let arena = Bump::new();
        GhostToken::new(|mut token| {
            let mut list = GhostList::new(&arena);
            for _ in 0..LONG {
                list.push_back(DropCounter(Rc::clone(&drops)), &mut token);
            }
        });
        assert_eq!(drops.get(), LONG);
    }
}
