//! A doubly linked list of heap nodes joined by raw pointers: what C would
//! write, and the unchecked baseline the book's benchmarks compare against.
//!
//! Nodes are allocated with [`Box`], turned into [`NonNull`] pointers with
//! [`Box::into_raw`], and freed with [`Box::from_raw`]. Both links are plain
//! pointers, so the compiler neither counts owners nor checks borrows: it
//! accepts the list as soon as every dereference sits in an `unsafe` block.
//! Everything it would have checked becomes an invariant that this file
//! maintains by hand:
//!
//! 1. `head`, `tail` and every `next`/`prev` point at live nodes allocated
//!    by `Box` and owned by this list, and at nothing else;
//! 2. the links agree: `a.next == b` exactly when `b.prev == a`, `head` has
//!    no `prev`, `tail` has no `next`, and `len` counts the chain;
//! 3. `head` and `tail` are both `None` or both `Some`;
//! 4. no reference into a node outlives the borrow of the list it came from
//!    (`&self` for shared, `&mut self` for mutable access).
//!
//! Every `unsafe` block below says which of these it relies on. The test
//! suite exercises every block, and runs clean under Miri
//! (`cargo +nightly miri test -p companion foundations`).
//!
//! The list is neither `Send` nor `Sync` (raw pointers opt out of both), which
//! is fine for a single-threaded baseline.

use std::fmt;
use std::marker::PhantomData;
use std::ptr::NonNull;

type Link<T> = Option<NonNull<Node<T>>>;

struct Node<T> {
    value: T,
    prev: Link<T>,
    next: Link<T>,
}

/// A doubly linked list of `Box`-allocated nodes linked by [`NonNull`]
/// pointers.
///
/// ```
/// use companion::foundations::raw_list::RawList;
///
/// let mut list = RawList::new();
/// list.push_back(2);
/// list.push_front(1);
/// list.push_back(3);
/// assert_eq!(list.iter().copied().collect::<Vec<_>>(), [1, 2, 3]);
/// assert_eq!(list.pop_back(), Some(3));
/// ```
pub struct RawList<T> {
    head: Link<T>,
    tail: Link<T>,
    len: usize,
    /// Tells the compiler (for variance and drop checking) that the list
    /// owns `Box<Node<T>>`s, which the raw pointers do not say.
    _owns: PhantomData<Box<Node<T>>>,
}

impl<T> RawList<T> {
    /// Creates an empty list. Allocates nothing.
    ///
    /// ```
    /// use companion::foundations::raw_list::RawList;
    ///
    /// let list: RawList<i32> = RawList::new();
    /// assert!(list.is_empty());
    /// ```
    pub fn new() -> Self {
        RawList {
            head: None,
            tail: None,
            len: 0,
            _owns: PhantomData,
        }
    }

    /// The number of values in the list.
    ///
    /// ```
    /// use companion::foundations::raw_list::RawList;
    ///
    /// let mut list = RawList::new();
    /// list.push_back(1);
    /// list.push_back(2);
    /// assert_eq!(list.len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        self.len
    }

    /// `true` if the list holds no value.
    ///
    /// ```
    /// use companion::foundations::raw_list::RawList;
    ///
    /// let mut list = RawList::new();
    /// assert!(list.is_empty());
    /// list.push_back(1);
    /// assert!(!list.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Adds `value` at the front of the list.
    ///
    /// ```
    /// use companion::foundations::raw_list::RawList;
    ///
    /// let mut list = RawList::new();
    /// list.push_front(2);
    /// list.push_front(1);
    /// assert_eq!(list.iter().copied().collect::<Vec<_>>(), [1, 2]);
    /// ```
    pub fn push_front(&mut self, value: T) {
        let node = new_node(value, None, self.head);
        match self.head {
            // SAFETY:
            // - `old_head` could dangle: it cannot, invariant 1 says `head`
            //   points at a live node owned by this list.
            // - the write could race with a reference into that node: it
            //   cannot, we hold `&mut self`, so no reference from `iter`,
            //   `front` or `iter_mut` is alive (invariant 4).
            // - we write through a raw place, creating no `&mut Node` that
            //   could overlap another reference.
            Some(old_head) => unsafe { (*old_head.as_ptr()).prev = Some(node) },
            None => self.tail = Some(node),
        }
        self.head = Some(node);
        self.len += 1;
    }

    /// Adds `value` at the back of the list.
    ///
    /// ```
    /// use companion::foundations::raw_list::RawList;
    ///
    /// let mut list = RawList::new();
    /// list.push_back(1);
    /// list.push_back(2);
    /// assert_eq!(list.iter().copied().collect::<Vec<_>>(), [1, 2]);
    /// ```
    pub fn push_back(&mut self, value: T) {
        let node = new_node(value, self.tail, None);
        match self.tail {
            // SAFETY:
            // - `old_tail` could dangle: it cannot, invariant 1 says `tail`
            //   points at a live node owned by this list.
            // - the write could alias a live reference into that node: it
            //   cannot, we hold `&mut self` (invariant 4), and the write goes
            //   through a raw place without creating a `&mut Node`.
            Some(old_tail) => unsafe { (*old_tail.as_ptr()).next = Some(node) },
            None => self.head = Some(node),
        }
        self.tail = Some(node);
        self.len += 1;
    }

    /// Removes the first value and returns it, or `None` if the list is empty.
    ///
    /// ```
    /// use companion::foundations::raw_list::RawList;
    ///
    /// let mut list = RawList::new();
    /// list.push_back(1);
    /// list.push_back(2);
    /// assert_eq!(list.pop_front(), Some(1));
    /// assert_eq!(list.pop_front(), Some(2));
    /// assert_eq!(list.pop_front(), None);
    /// ```
    pub fn pop_front(&mut self) -> Option<T> {
        let old_head = self.head?;
        // SAFETY:
        // - `old_head` could be dangling or not come from `Box`: it cannot,
        //   invariant 1 says every node pointer was made by `Box::into_raw`
        //   in `new_node` and is live.
        // - the node could be freed twice: it cannot, it is unlinked from
        //   `head` (and from its successor's `prev`) right below, before any
        //   other code runs, so no pointer to it remains in the list.
        // - a reference into the node could still be alive: it cannot, we
        //   hold `&mut self` (invariant 4).
        let boxed = unsafe { Box::from_raw(old_head.as_ptr()) };
        self.head = boxed.next;
        match self.head {
            // SAFETY:
            // - `new_head` could dangle: it cannot, it was the successor of a
            //   live node, so invariant 1 makes it live, and it is a different
            //   node from the one we just took back (invariant 2: a node is
            //   never its own `next`).
            // - aliasing: `&mut self` is held and the write uses a raw place.
            Some(new_head) => unsafe { (*new_head.as_ptr()).prev = None },
            None => self.tail = None,
        }
        self.len -= 1;
        Some(boxed.value)
    }

    /// Removes the last value and returns it, or `None` if the list is empty.
    ///
    /// ```
    /// use companion::foundations::raw_list::RawList;
    ///
    /// let mut list = RawList::new();
    /// list.push_back(1);
    /// list.push_back(2);
    /// assert_eq!(list.pop_back(), Some(2));
    /// assert_eq!(list.pop_back(), Some(1));
    /// assert_eq!(list.pop_back(), None);
    /// ```
    pub fn pop_back(&mut self) -> Option<T> {
        let old_tail = self.tail?;
        // SAFETY:
        // - `old_tail` could be dangling or not come from `Box`: it cannot,
        //   invariant 1.
        // - double free: it cannot, `tail` and the predecessor's `next` stop
        //   pointing at it right below, before any other code runs.
        // - a live reference into the node: it cannot, `&mut self` is held
        //   (invariant 4).
        let boxed = unsafe { Box::from_raw(old_tail.as_ptr()) };
        self.tail = boxed.prev;
        match self.tail {
            // SAFETY:
            // - `new_tail` could dangle: it cannot, it was the predecessor of
            //   a live node (invariants 1 and 2) and is not the freed node.
            // - aliasing: `&mut self` is held and the write uses a raw place.
            Some(new_tail) => unsafe { (*new_tail.as_ptr()).next = None },
            None => self.head = None,
        }
        self.len -= 1;
        Some(boxed.value)
    }

    /// Borrows the first value.
    ///
    /// ```
    /// use companion::foundations::raw_list::RawList;
    ///
    /// let mut list = RawList::new();
    /// assert_eq!(list.front(), None);
    /// list.push_back(1);
    /// list.push_back(2);
    /// assert_eq!(list.front(), Some(&1));
    /// ```
    pub fn front(&self) -> Option<&T> {
        // SAFETY:
        // - `head` could dangle: it cannot, invariant 1.
        // - the node could be freed or written while the `&T` lives: it
        //   cannot, the `&T` borrows `self`, and freeing or writing needs
        //   `&mut self` (invariant 4).
        self.head.map(|node| unsafe { &(*node.as_ptr()).value })
    }

    /// Borrows the last value.
    ///
    /// ```
    /// use companion::foundations::raw_list::RawList;
    ///
    /// let mut list = RawList::new();
    /// assert_eq!(list.back(), None);
    /// list.push_back(1);
    /// list.push_back(2);
    /// assert_eq!(list.back(), Some(&2));
    /// ```
    pub fn back(&self) -> Option<&T> {
        // SAFETY:
        // - `tail` could dangle: it cannot, invariant 1.
        // - the node could be freed or written while the `&T` lives: it
        //   cannot, the `&T` borrows `self` (invariant 4).
        self.tail.map(|node| unsafe { &(*node.as_ptr()).value })
    }

    /// Mutably borrows the first value.
    ///
    /// ```
    /// use companion::foundations::raw_list::RawList;
    ///
    /// let mut list = RawList::new();
    /// list.push_back(1);
    /// *list.front_mut().unwrap() = 10;
    /// assert_eq!(list.front(), Some(&10));
    /// ```
    pub fn front_mut(&mut self) -> Option<&mut T> {
        // SAFETY:
        // - `head` could dangle: it cannot, invariant 1.
        // - the `&mut T` could alias another reference: it cannot, it
        //   borrows `self` mutably, so no other reference into the list can
        //   exist while it lives (invariant 4); it covers only `value`, not
        //   the node's links.
        self.head.map(|node| unsafe { &mut (*node.as_ptr()).value })
    }

    /// Mutably borrows the last value.
    ///
    /// ```
    /// use companion::foundations::raw_list::RawList;
    ///
    /// let mut list = RawList::new();
    /// list.push_back(1);
    /// list.push_back(2);
    /// *list.back_mut().unwrap() = 20;
    /// assert_eq!(list.back(), Some(&20));
    /// ```
    pub fn back_mut(&mut self) -> Option<&mut T> {
        // SAFETY:
        // - `tail` could dangle: it cannot, invariant 1.
        // - aliasing: the `&mut T` borrows `self` mutably (invariant 4) and
        //   covers only `value`.
        self.tail.map(|node| unsafe { &mut (*node.as_ptr()).value })
    }

    /// Iterates over shared references, front to back. The iterator is
    /// double-ended: `.rev()` or [`iter_rev`](Self::iter_rev) go backwards.
    ///
    /// ```
    /// use companion::foundations::raw_list::RawList;
    ///
    /// let mut list = RawList::new();
    /// list.push_back(1);
    /// list.push_back(2);
    /// let sum: i32 = list.iter().sum();
    /// assert_eq!(sum, 3);
    /// ```
    pub fn iter(&self) -> Iter<'_, T> {
        Iter {
            front: self.head,
            back: self.tail,
            remaining: self.len,
            _list: PhantomData,
        }
    }

    /// Iterates over shared references, back to front.
    ///
    /// ```
    /// use companion::foundations::raw_list::RawList;
    ///
    /// let mut list = RawList::new();
    /// list.push_back(1);
    /// list.push_back(2);
    /// assert_eq!(list.iter_rev().copied().collect::<Vec<_>>(), [2, 1]);
    /// ```
    pub fn iter_rev(&self) -> std::iter::Rev<Iter<'_, T>> {
        self.iter().rev()
    }

    /// Iterates over mutable references, front to back (double-ended).
    ///
    /// ```
    /// use companion::foundations::raw_list::RawList;
    ///
    /// let mut list = RawList::new();
    /// list.push_back(1);
    /// list.push_back(2);
    /// for v in list.iter_mut() {
    ///     *v *= 10;
    /// }
    /// assert_eq!(list.iter().copied().collect::<Vec<_>>(), [10, 20]);
    /// ```
    pub fn iter_mut(&mut self) -> IterMut<'_, T> {
        IterMut {
            front: self.head,
            back: self.tail,
            remaining: self.len,
            _list: PhantomData,
        }
    }
}

/// Moves `value` into a fresh heap node and gives up the `Box` for a raw
/// pointer; the caller links it into the list, and `pop_*` turns it back into
/// a `Box` with `Box::from_raw` to free it.
fn new_node<T>(value: T, prev: Link<T>, next: Link<T>) -> NonNull<Node<T>> {
    let raw = Box::into_raw(Box::new(Node { value, prev, next }));
    // SAFETY:
    // - `new_unchecked` requires a non-null pointer: `Box::into_raw` never
    //   returns null: it hands over the pointer of a live `Box`, and a
    //   `Box` is never null.
    unsafe { NonNull::new_unchecked(raw) }
}

impl<T> Default for RawList<T> {
    /// Same as [`RawList::new`].
    ///
    /// ```
    /// use companion::foundations::raw_list::RawList;
    ///
    /// let list: RawList<i32> = Default::default();
    /// assert!(list.is_empty());
    /// ```
    fn default() -> Self {
        RawList::new()
    }
}

impl<T: fmt::Debug> fmt::Debug for RawList<T> {
    /// Formats the values front to back, like a slice.
    ///
    /// ```
    /// use companion::foundations::raw_list::RawList;
    ///
    /// let mut list = RawList::new();
    /// list.push_back(1);
    /// list.push_back(2);
    /// assert_eq!(format!("{list:?}"), "[1, 2]");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<T> Drop for RawList<T> {
    /// Frees every node, front to back, in constant stack space.
    ///
    /// ```
    /// use companion::foundations::raw_list::RawList;
    ///
    /// let mut list = RawList::new();
    /// list.push_back(String::from("freed"));
    /// drop(list); // the node and the String are both freed
    /// ```
    fn drop(&mut self) {
        // If a value's destructor panics, the remaining nodes leak: a leak,
        // never a double free, because `pop_front` unlinks before dropping.
        while self.pop_front().is_some() {}
    }
}

/// Shared iterator over a [`RawList`], from [`RawList::iter`].
///
/// ```
/// use companion::foundations::raw_list::{Iter, RawList};
///
/// let mut list = RawList::new();
/// list.push_back(1);
/// list.push_back(2);
/// let mut it: Iter<'_, i32> = list.iter();
/// assert_eq!(it.next(), Some(&1));
/// assert_eq!(it.next_back(), Some(&2));
/// assert_eq!(it.next(), None);
/// ```
pub struct Iter<'a, T> {
    front: Link<T>,
    back: Link<T>,
    /// Nodes not yet yielded from either end; stops the two ends from
    /// crossing.
    remaining: usize,
    _list: PhantomData<&'a T>,
}

impl<'a, T> Iterator for Iter<'a, T> {
    type Item = &'a T;

    fn next(&mut self) -> Option<&'a T> {
        if self.remaining == 0 {
            return None;
        }
        let node = self.front?;
        self.remaining -= 1;
        // SAFETY:
        // - `node` could dangle: it cannot, it was reached from `head` by
        //   `next` links of live nodes (invariant 1), and `remaining > 0`
        //   means we have not walked past the last one.
        // - the node could be freed or mutated during `'a`: it cannot, the
        //   iterator borrows the list shared for `'a` (`_list`), and freeing
        //   or mutating needs `&mut RawList` (invariant 4).
        let node = unsafe { &*node.as_ptr() };
        self.front = node.next;
        Some(&node.value)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl<'a, T> DoubleEndedIterator for Iter<'a, T> {
    fn next_back(&mut self) -> Option<&'a T> {
        if self.remaining == 0 {
            return None;
        }
        let node = self.back?;
        self.remaining -= 1;
        // SAFETY:
        // - `node` could dangle: it cannot, it was reached from `tail` by
        //   `prev` links of live nodes (invariants 1 and 2) and
        //   `remaining > 0`.
        // - the node could be freed or mutated during `'a`: it cannot, the
        //   list is borrowed shared for `'a` (invariant 4).
        let node = unsafe { &*node.as_ptr() };
        self.back = node.prev;
        Some(&node.value)
    }
}

impl<T> ExactSizeIterator for Iter<'_, T> {}

/// Mutable iterator over a [`RawList`], from [`RawList::iter_mut`].
///
/// ```
/// use companion::foundations::raw_list::{IterMut, RawList};
///
/// let mut list = RawList::new();
/// list.push_back(1);
/// list.push_back(2);
/// let mut it: IterMut<'_, i32> = list.iter_mut();
/// let first = it.next().unwrap();
/// let last = it.next_back().unwrap();
/// std::mem::swap(first, last); // two live `&mut` to distinct nodes
/// assert_eq!(list.iter().copied().collect::<Vec<_>>(), [2, 1]);
/// ```
pub struct IterMut<'a, T> {
    front: Link<T>,
    back: Link<T>,
    remaining: usize,
    _list: PhantomData<&'a mut T>,
}

impl<'a, T> Iterator for IterMut<'a, T> {
    type Item = &'a mut T;

    fn next(&mut self) -> Option<&'a mut T> {
        if self.remaining == 0 {
            return None;
        }
        let node = self.front?;
        self.remaining -= 1;
        // SAFETY:
        // - `node` could dangle: it cannot, it was reached from `head` by
        //   `next` links of live nodes (invariant 1) and `remaining > 0`.
        // - the read could overlap a `&mut T` yielded earlier: it cannot, the
        //   link is read through a raw place, and a `&mut T` covers only a
        //   `value`.
        self.front = unsafe { (*node.as_ptr()).next };
        // SAFETY:
        // - `node` could dangle: it cannot, as above.
        // - two `&mut T` to one value could coexist: they cannot, each node
        //   is yielded once, because `remaining` stops the front and back
        //   cursors before they cross.
        // - the `&mut T` could overlap the links we read later: it cannot,
        //   it covers only `value`; the links are read through raw places.
        // - anything else could touch the node during `'a`: it cannot, the
        //   list is borrowed mutably for `'a` (invariant 4).
        Some(unsafe { &mut (*node.as_ptr()).value })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl<'a, T> DoubleEndedIterator for IterMut<'a, T> {
    fn next_back(&mut self) -> Option<&'a mut T> {
        if self.remaining == 0 {
            return None;
        }
        let node = self.back?;
        self.remaining -= 1;
        // SAFETY:
        // - `node` could dangle: it cannot, it was reached from `tail` by
        //   `prev` links of live nodes (invariants 1 and 2), `remaining > 0`.
        // - overlap with a `&mut T` yielded earlier: the link is read through
        //   a raw place, and a `&mut T` covers only a `value`.
        self.back = unsafe { (*node.as_ptr()).prev };
        // SAFETY:
        // - `node` could dangle: it cannot, as above.
        // - a value could be yielded twice: it cannot, `remaining` stops
        //   the cursors before they cross.
        // - overlap with the links: the `&mut T` covers only `value`.
        // - other access during `'a`: the list is borrowed mutably for `'a`.
        Some(unsafe { &mut (*node.as_ptr()).value })
    }
}

impl<T> ExactSizeIterator for IterMut<'_, T> {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::rc::Rc;

    use crate::testing::DropCounter;

    fn forward<T: Clone>(list: &RawList<T>) -> Vec<T> {
        list.iter().cloned().collect()
    }

    fn backward<T: Clone>(list: &RawList<T>) -> Vec<T> {
        list.iter_rev().cloned().collect()
    }

    #[test]
    fn push_and_pop_at_both_ends() {
        let mut list = RawList::new();
        assert_eq!(list.pop_front(), None);
        assert_eq!(list.pop_back(), None);
        list.push_front(String::from("b")); // into an empty list
        list.push_front(String::from("a")); // onto an existing head
        list.push_back(String::from("c")); // onto an existing tail
        assert_eq!(list.len(), 3);
        assert_eq!(forward(&list), ["a", "b", "c"]);
        assert_eq!(backward(&list), ["c", "b", "a"]);

        assert_eq!(list.pop_front().as_deref(), Some("a")); // head has a successor
        assert_eq!(list.pop_back().as_deref(), Some("c")); // tail has a predecessor
        assert_eq!(backward(&list), ["b"]);
        assert_eq!(list.pop_back().as_deref(), Some("b")); // last node, from the back
        assert!(list.is_empty());
        assert_eq!(list.front(), None);
        assert_eq!(list.back(), None);

        list.push_back(String::from("d")); // into an empty list from the back
        assert_eq!(list.pop_front().as_deref(), Some("d")); // last node, from the front
        assert!(list.is_empty());
        assert_eq!(list.iter().next(), None);
        assert_eq!(list.iter_mut().next_back(), None);
    }

    #[test]
    fn front_and_back_access() {
        let mut list = RawList::new();
        list.push_back(1);
        assert_eq!(list.front(), Some(&1));
        assert_eq!(list.back(), Some(&1));
        list.push_back(2);
        *list.front_mut().unwrap() += 10;
        *list.back_mut().unwrap() += 20;
        assert_eq!((list.front(), list.back()), (Some(&11), Some(&22)));
        let mut empty: RawList<i32> = RawList::new();
        assert_eq!(empty.front_mut(), None);
        assert_eq!(empty.back_mut(), None);
    }

    #[test]
    fn iterators_from_both_ends_meet_in_the_middle() {
        let mut list = RawList::new();
        for i in 0..5 {
            list.push_back(i);
        }
        let mut it = list.iter();
        assert_eq!(it.len(), 5);
        assert_eq!((it.next(), it.next_back()), (Some(&0), Some(&4)));
        assert_eq!((it.next(), it.next_back()), (Some(&1), Some(&3)));
        assert_eq!(it.next_back(), Some(&2));
        assert_eq!((it.next(), it.next_back()), (None, None));

        // All mutable references alive at once: they must not alias.
        let refs: Vec<&mut i32> = {
            let mut it = list.iter_mut();
            let mut out = Vec::new();
            while let (Some(a), b) = (it.next(), it.next_back()) {
                out.push(a);
                out.extend(b);
            }
            out
        };
        assert_eq!(refs.len(), 5);
        for r in refs {
            *r *= 10;
        }
        assert_eq!(forward(&list), [0, 10, 20, 30, 40]);
        for v in list.iter_mut().rev() {
            *v += 1;
        }
        assert_eq!(backward(&list), [41, 31, 21, 11, 1]);
    }

    #[test]
    fn shared_references_coexist_with_iteration() {
        let mut list = RawList::new();
        list.push_back(1);
        list.push_back(2);
        let first = list.front().unwrap();
        let last = list.back().unwrap();
        let sum: i32 = list.iter().chain(list.iter_rev()).sum();
        assert_eq!((first, last, sum), (&1, &2, 6));
    }

    #[test]
    fn every_value_dropped_exactly_once() {
        let drops = Rc::new(Cell::new(0));
        let mut list = RawList::new();
        for _ in 0..4 {
            list.push_back(DropCounter(Rc::clone(&drops)));
            list.push_front(DropCounter(Rc::clone(&drops)));
        }
        drop(list.pop_front());
        drop(list.pop_back());
        assert_eq!(drops.get(), 2);
        drop(list);
        assert_eq!(drops.get(), 8);
    }

    #[test]
    fn long_list_drops_without_deep_recursion() {
        let mut list = RawList::new();
        for i in 0..if cfg!(miri) { 1_000 } else { 200_000 } {
            list.push_back(i);
        }
        drop(list);
    }

    #[test]
    fn zero_sized_values() {
        let mut list = RawList::new();
        list.push_back(());
        list.push_front(());
        assert_eq!(list.iter().count(), 2);
        assert_eq!(list.pop_back(), Some(()));
        assert_eq!(list.pop_front(), Some(()));
        assert_eq!(list.pop_front(), None);
    }

    #[test]
    #[cfg(target_pointer_width = "64")]
    fn node_size_on_64_bit() {
        // value (8) + two pointers (8 each): `None` is the null pointer.
        assert_eq!(size_of::<Node<u64>>(), 24);
    }

    #[test]
    fn debug_and_default() {
        let mut list: RawList<u8> = RawList::default();
        list.push_back(1);
        list.push_back(2);
        assert_eq!(format!("{list:?}"), "[1, 2]");
    }
}
