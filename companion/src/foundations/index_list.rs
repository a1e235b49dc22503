//! A doubly linked list whose nodes live in a `Vec`, linked by indices.
//!
//! The list owns every node, so there is no question of who owns what: the
//! `Vec` does. Links are plain [`Handle`]s (indices into that `Vec`), which
//! the compiler does not track at all. That is why it compiles, and also what
//! it gives up:
//!
//! - **Handles are not checked.** A handle is a number. After
//!   [`remove`](IndexList::remove), its slot is reused by the next push, and
//!   the old handle silently refers to the new occupant. That is a logic bug,
//!   not undefined behaviour: the memory is valid, it just holds the wrong
//!   value. (Generational indices, as in the `slotmap` crate, catch this with
//!   one more run-time check per access.)
//! - **Nodes are reachable only through the list.** Following a handle needs
//!   `&IndexList` to read and `&mut IndexList` to write, so one mutable
//!   access locks the whole list, even to touch an unrelated node.
//! - **Every access is bounds-checked**, and freed slots stay allocated until
//!   the list is dropped.

#![forbid(unsafe_code)]

use std::fmt;

/// A link to a node of an [`IndexList`]: the index of its slot.
///
/// Handles are `Copy`, carry no lifetime, and do not know which list they
/// came from or whether their node is still there.
///
/// ```
/// use companion::foundations::index_list::IndexList;
///
/// let mut list = IndexList::new();
/// let a = list.push_back("a");
/// let copy = a; // just an index
/// assert_eq!(list.get(copy), Some(&"a"));
/// assert_eq!(a.index(), 0);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Handle(usize);

impl Handle {
    /// The index of the slot this handle points at.
    ///
    /// ```
    /// use companion::foundations::index_list::IndexList;
    ///
    /// let mut list = IndexList::new();
    /// list.push_back(10);
    /// let second = list.push_back(20);
    /// assert_eq!(second.index(), 1);
    /// ```
    pub fn index(self) -> usize {
        self.0
    }
}

struct Node<T> {
    value: T,
    prev: Option<usize>,
    next: Option<usize>,
}

enum Slot<T> {
    Occupied(Node<T>),
    /// A removed node's slot, chained into the free list.
    Free {
        next_free: Option<usize>,
    },
}

/// A doubly linked list stored in a `Vec`, with [`Handle`]s as links and a
/// free list that reuses removed slots.
///
/// ```
/// use companion::foundations::index_list::IndexList;
///
/// let mut list = IndexList::new();
/// let b = list.push_back('b');
/// list.push_front('a');
/// list.push_back('c');
/// assert_eq!(list.remove(b), Some('b'));
/// assert_eq!(list.iter().collect::<String>(), "ac");
/// assert_eq!(list.iter().rev().collect::<String>(), "ca");
/// ```
pub struct IndexList<T> {
    slots: Vec<Slot<T>>,
    head: Option<usize>,
    tail: Option<usize>,
    free: Option<usize>,
    len: usize,
}

impl<T> IndexList<T> {
    /// Creates an empty list. Allocates nothing.
    ///
    /// ```
    /// use companion::foundations::index_list::IndexList;
    ///
    /// let list: IndexList<i32> = IndexList::new();
    /// assert!(list.is_empty());
    /// ```
    pub fn new() -> Self {
        IndexList {
            slots: Vec::new(),
            head: None,
            tail: None,
            free: None,
            len: 0,
        }
    }

    /// The number of values in the list (not the number of slots).
    ///
    /// ```
    /// use companion::foundations::index_list::IndexList;
    ///
    /// let mut list = IndexList::new();
    /// let a = list.push_back(1);
    /// list.push_back(2);
    /// list.remove(a);
    /// assert_eq!(list.len(), 1);
    /// ```
    pub fn len(&self) -> usize {
        self.len
    }

    /// `true` if the list holds no value.
    ///
    /// ```
    /// use companion::foundations::index_list::IndexList;
    ///
    /// let mut list = IndexList::new();
    /// assert!(list.is_empty());
    /// list.push_back(1);
    /// assert!(!list.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Adds `value` at the back and returns its handle.
    ///
    /// ```
    /// use companion::foundations::index_list::IndexList;
    ///
    /// let mut list = IndexList::new();
    /// let h = list.push_back(5);
    /// assert_eq!(list.get(h), Some(&5));
    /// assert_eq!(list.back(), Some(h));
    /// ```
    pub fn push_back(&mut self, value: T) -> Handle {
        let index = self.allocate(Node {
            value,
            prev: self.tail,
            next: None,
        });
        match self.tail {
            Some(old_tail) => self.node_mut(old_tail).next = Some(index),
            None => self.head = Some(index),
        }
        self.tail = Some(index);
        self.len += 1;
        Handle(index)
    }

    /// Adds `value` at the front and returns its handle.
    ///
    /// ```
    /// use companion::foundations::index_list::IndexList;
    ///
    /// let mut list = IndexList::new();
    /// list.push_back(2);
    /// let h = list.push_front(1);
    /// assert_eq!(list.front(), Some(h));
    /// assert_eq!(list.iter().copied().collect::<Vec<_>>(), [1, 2]);
    /// ```
    pub fn push_front(&mut self, value: T) -> Handle {
        let index = self.allocate(Node {
            value,
            prev: None,
            next: self.head,
        });
        match self.head {
            Some(old_head) => self.node_mut(old_head).prev = Some(index),
            None => self.tail = Some(index),
        }
        self.head = Some(index);
        self.len += 1;
        Handle(index)
    }

    /// Unlinks the node at `handle` and returns its value, or `None` if the
    /// slot is free or out of range. The slot goes onto the free list and
    /// the next push reuses it.
    ///
    /// ```
    /// use companion::foundations::index_list::IndexList;
    ///
    /// let mut list = IndexList::new();
    /// let a = list.push_back(1);
    /// list.push_back(2);
    /// assert_eq!(list.remove(a), Some(1));
    /// assert_eq!(list.remove(a), None); // already free
    /// ```
    pub fn remove(&mut self, handle: Handle) -> Option<T> {
        let index = handle.0;
        if !matches!(self.slots.get(index), Some(Slot::Occupied(_))) {
            return None;
        }
        let freed = Slot::Free {
            next_free: self.free,
        };
        let Slot::Occupied(node) = std::mem::replace(&mut self.slots[index], freed) else {
            unreachable!("checked above");
        };
        self.free = Some(index);
        match node.prev {
            Some(prev) => self.node_mut(prev).next = node.next,
            None => self.head = node.next,
        }
        match node.next {
            Some(next) => self.node_mut(next).prev = node.prev,
            None => self.tail = node.prev,
        }
        self.len -= 1;
        Some(node.value)
    }

    /// Reads the value at `handle`, or `None` if the slot is free.
    ///
    /// Note what it takes: the list. A handle alone reaches nothing.
    ///
    /// ```
    /// use companion::foundations::index_list::IndexList;
    ///
    /// let mut list = IndexList::new();
    /// let h = list.push_back("x");
    /// assert_eq!(list.get(h), Some(&"x"));
    /// ```
    pub fn get(&self, handle: Handle) -> Option<&T> {
        match self.slots.get(handle.0) {
            Some(Slot::Occupied(node)) => Some(&node.value),
            _ => None,
        }
    }

    /// Mutably borrows the value at `handle`, or `None` if the slot is free.
    ///
    /// It takes `&mut self`: while the returned reference lives, the whole
    /// list is locked, even for nodes unrelated to `handle`.
    ///
    /// ```
    /// use companion::foundations::index_list::IndexList;
    ///
    /// let mut list = IndexList::new();
    /// let h = list.push_back(1);
    /// *list.get_mut(h).unwrap() += 1;
    /// assert_eq!(list.get(h), Some(&2));
    /// ```
    ///
    /// Writing one node while reading another is therefore rejected, even
    /// though the two values are distinct (error E0502):
    ///
    /// ```compile_fail,E0502
    /// use companion::foundations::index_list::IndexList;
    ///
    /// let mut list = IndexList::new();
    /// let a = list.push_back(1);
    /// let b = list.push_back(2);
    /// let x = list.get_mut(a).unwrap(); // borrows the whole list mutably
    /// let y = list.get(b).unwrap();     // so this shared borrow conflicts
    /// *x += *y;
    /// ```
    pub fn get_mut(&mut self, handle: Handle) -> Option<&mut T> {
        match self.slots.get_mut(handle.0) {
            Some(Slot::Occupied(node)) => Some(&mut node.value),
            _ => None,
        }
    }

    /// The handle of the first node.
    ///
    /// ```
    /// use companion::foundations::index_list::IndexList;
    ///
    /// let mut list = IndexList::new();
    /// assert_eq!(list.front(), None);
    /// let h = list.push_back(1);
    /// assert_eq!(list.front(), Some(h));
    /// ```
    pub fn front(&self) -> Option<Handle> {
        self.head.map(Handle)
    }

    /// The handle of the last node.
    ///
    /// ```
    /// use companion::foundations::index_list::IndexList;
    ///
    /// let mut list = IndexList::new();
    /// list.push_back(1);
    /// let h = list.push_back(2);
    /// assert_eq!(list.back(), Some(h));
    /// ```
    pub fn back(&self) -> Option<Handle> {
        self.tail.map(Handle)
    }

    /// The handle of the node after `handle`, or `None` at the end or if the
    /// slot is free.
    ///
    /// ```
    /// use companion::foundations::index_list::IndexList;
    ///
    /// let mut list = IndexList::new();
    /// let a = list.push_back(1);
    /// let b = list.push_back(2);
    /// assert_eq!(list.next(a), Some(b));
    /// assert_eq!(list.next(b), None);
    /// ```
    pub fn next(&self, handle: Handle) -> Option<Handle> {
        match self.slots.get(handle.0) {
            Some(Slot::Occupied(node)) => node.next.map(Handle),
            _ => None,
        }
    }

    /// The handle of the node before `handle`, or `None` at the start or if
    /// the slot is free.
    ///
    /// ```
    /// use companion::foundations::index_list::IndexList;
    ///
    /// let mut list = IndexList::new();
    /// let a = list.push_back(1);
    /// let b = list.push_back(2);
    /// assert_eq!(list.prev(b), Some(a));
    /// assert_eq!(list.prev(a), None);
    /// ```
    pub fn prev(&self, handle: Handle) -> Option<Handle> {
        match self.slots.get(handle.0) {
            Some(Slot::Occupied(node)) => node.prev.map(Handle),
            _ => None,
        }
    }

    /// Iterates over the values front to back; `.rev()` goes back to front.
    ///
    /// ```
    /// use companion::foundations::index_list::IndexList;
    ///
    /// let mut list = IndexList::new();
    /// list.push_back(1);
    /// list.push_back(2);
    /// list.push_back(3);
    /// assert_eq!(list.iter().copied().collect::<Vec<_>>(), [1, 2, 3]);
    /// assert_eq!(list.iter().rev().copied().collect::<Vec<_>>(), [3, 2, 1]);
    /// ```
    pub fn iter(&self) -> Iter<'_, T> {
        Iter {
            list: self,
            front: self.head,
            back: self.tail,
            remaining: self.len,
        }
    }

    fn allocate(&mut self, node: Node<T>) -> usize {
        match self.free {
            Some(index) => {
                let Slot::Free { next_free } = self.slots[index] else {
                    unreachable!("the free list only holds free slots");
                };
                self.free = next_free;
                self.slots[index] = Slot::Occupied(node);
                index
            }
            None => {
                self.slots.push(Slot::Occupied(node));
                self.slots.len() - 1
            }
        }
    }

    fn node(&self, index: usize) -> &Node<T> {
        match &self.slots[index] {
            Slot::Occupied(node) => node,
            Slot::Free { .. } => unreachable!("a link points at a free slot"),
        }
    }

    fn node_mut(&mut self, index: usize) -> &mut Node<T> {
        match &mut self.slots[index] {
            Slot::Occupied(node) => node,
            Slot::Free { .. } => unreachable!("a link points at a free slot"),
        }
    }
}

impl<T> Default for IndexList<T> {
    /// Same as [`IndexList::new`].
    ///
    /// ```
    /// use companion::foundations::index_list::IndexList;
    ///
    /// let list: IndexList<i32> = Default::default();
    /// assert!(list.is_empty());
    /// ```
    fn default() -> Self {
        IndexList::new()
    }
}

impl<T: fmt::Debug> fmt::Debug for IndexList<T> {
    /// Formats the values front to back, like a slice.
    ///
    /// ```
    /// use companion::foundations::index_list::IndexList;
    ///
    /// let mut list = IndexList::new();
    /// list.push_back(1);
    /// list.push_front(0);
    /// assert_eq!(format!("{list:?}"), "[0, 1]");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Iterator over the values of an [`IndexList`], from [`IndexList::iter`].
///
/// ```
/// use companion::foundations::index_list::{IndexList, Iter};
///
/// let mut list = IndexList::new();
/// list.push_back(1);
/// let mut it: Iter<'_, i32> = list.iter();
/// assert_eq!(it.next(), Some(&1));
/// assert_eq!(it.next(), None);
/// ```
pub struct Iter<'a, T> {
    list: &'a IndexList<T>,
    front: Option<usize>,
    back: Option<usize>,
    remaining: usize,
}

impl<'a, T> Iterator for Iter<'a, T> {
    type Item = &'a T;

    fn next(&mut self) -> Option<&'a T> {
        if self.remaining == 0 {
            return None;
        }
        let node = self.list.node(self.front?);
        self.front = node.next;
        self.remaining -= 1;
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
        let node = self.list.node(self.back?);
        self.back = node.prev;
        self.remaining -= 1;
        Some(&node.value)
    }
}

impl<T> ExactSizeIterator for Iter<'_, T> {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::rc::Rc;

    fn contents<T: Clone>(list: &IndexList<T>) -> Vec<T> {
        list.iter().cloned().collect()
    }

    #[test]
    fn contents_after_operations() {
        let mut list = IndexList::new();
        let b = list.push_back('b');
        let a = list.push_front('a');
        let c = list.push_back('c');
        assert_eq!(contents(&list), ['a', 'b', 'c']);
        assert_eq!(
            list.iter().rev().copied().collect::<Vec<_>>(),
            ['c', 'b', 'a']
        );
        assert_eq!(list.next(a), Some(b));
        assert_eq!(list.prev(c), Some(b));

        assert_eq!(list.remove(b), Some('b'));
        assert_eq!(list.next(a), Some(c));
        assert_eq!(list.prev(c), Some(a));
        assert_eq!(list.remove(a), Some('a'));
        assert_eq!(list.front(), Some(c));
        assert_eq!(list.remove(c), Some('c'));
        assert!(list.is_empty());
        assert_eq!(list.front(), None);
        assert_eq!(list.back(), None);
        assert_eq!(list.iter().next(), None);
    }

    #[test]
    fn removed_slots_are_reused() {
        let mut list = IndexList::new();
        let handles: Vec<_> = (0..4).map(|i| list.push_back(i)).collect();
        list.remove(handles[1]);
        list.remove(handles[3]);
        // Last freed, first reused.
        assert_eq!(list.push_back(10), handles[3]);
        assert_eq!(list.push_front(11), handles[1]);
        assert_eq!(list.push_back(12).index(), 4);
        assert_eq!(contents(&list), [11, 0, 2, 10, 12]);
        assert_eq!(list.slots.len(), 5);
    }

    /// The handle problem: nothing ties a handle to the value it was issued
    /// for. No undefined behaviour, just the wrong answer.
    #[test]
    fn stale_handle_reads_the_new_occupant() {
        let mut list = IndexList::new();
        let alice = list.push_back("alice");
        list.push_back("bob");
        list.remove(alice);
        let carol = list.push_back("carol");
        assert_eq!(alice, carol);
        assert_eq!(list.get(alice), Some(&"carol"));
        // And removing through the stale handle removes carol.
        assert_eq!(list.remove(alice), Some("carol"));
    }

    #[test]
    fn free_or_out_of_range_handles_give_none() {
        let mut list: IndexList<i32> = IndexList::new();
        let ghost = Handle(7);
        assert_eq!(list.get(ghost), None);
        assert_eq!(list.get_mut(ghost), None);
        assert_eq!(list.remove(ghost), None);
        assert_eq!(list.next(ghost), None);
        assert_eq!(list.prev(ghost), None);
        let h = list.push_back(1);
        list.remove(h);
        assert_eq!(list.get(h), None);
        assert_eq!(list.next(h), None);
    }

    #[test]
    fn iterator_from_both_ends_meets_in_the_middle() {
        let mut list = IndexList::new();
        for i in 0..5 {
            list.push_back(i);
        }
        let mut it = list.iter();
        assert_eq!(it.len(), 5);
        assert_eq!(it.next(), Some(&0));
        assert_eq!(it.next_back(), Some(&4));
        assert_eq!(it.next(), Some(&1));
        assert_eq!(it.next_back(), Some(&3));
        assert_eq!(it.next(), Some(&2));
        assert_eq!(it.next(), None);
        assert_eq!(it.next_back(), None);
    }

    #[test]
    #[cfg(target_pointer_width = "64")]
    fn slot_size_on_64_bit() {
        // value (8) + two `Option<usize>` links (16 each); the free-slot
        // variant fits in the links' unused tag values.
        assert_eq!(size_of::<Slot<u64>>(), 40);
    }

    #[test]
    fn values_dropped_once_on_remove_and_on_drop() {
        use crate::testing::DropCounter;
        let drops = Rc::new(Cell::new(0));
        let mut list = IndexList::new();
        let h = list.push_back(DropCounter(Rc::clone(&drops)));
        list.push_back(DropCounter(Rc::clone(&drops)));
        drop(list.remove(h));
        assert_eq!(drops.get(), 1);
        drop(list);
        assert_eq!(drops.get(), 2);
    }
}
