//! The design the arena list replaces: one lock per node.
//!
//! [`LockedList`] is the usual thread-safe doubly linked list without
//! `unsafe`: every node is an `Arc<RwLock<Node>>`, owned forward by `Arc`s and
//! pointed at backward by `Weak`s (two strong links would be a cycle that never
//! frees). Every visit of a node takes its lock, and moving on clones (or
//! upgrades) an atomic reference count. Threads can read and write values at
//! the same time through `&LockedList`, one node at a time, but a reader
//! walking the list while a writer updates it sees some values before and some
//! after the update: the locks protect nodes, not the list.
//!
//! The arena list keeps one permission for the whole structure instead (the
//! token, behind one `RwLock` when threads alternate reading and writing); the
//! chapter *Threads* compares the two, and the benchmark `arena` measures them.

#![forbid(unsafe_code)]

use std::sync::{Arc, RwLock, Weak};

type Strong<T> = Arc<RwLock<LockedNode<T>>>;

struct LockedNode<T> {
    value: T,
    next: Option<Strong<T>>,
    prev: Option<Weak<RwLock<LockedNode<T>>>>,
}

const POISONED: &str = "a node's lock is poisoned: a thread panicked while writing it";

/// A doubly linked list of `Arc<RwLock<Node>>` with `Weak` back links: one
/// lock per node.
///
/// ```
/// use companion::arena::locked::LockedList;
///
/// let list: LockedList<i64> = (1..=3).collect();
/// std::thread::scope(|s| {
///     s.spawn(|| list.for_each_mut(|v| *v *= 10)); // writes, one node at a time
///     s.spawn(|| list.iter().count()); // reads at the same time
/// });
/// assert_eq!(list.iter().collect::<Vec<_>>(), [10, 20, 30]);
/// ```
pub struct LockedList<T> {
    head: Option<Strong<T>>,
    tail: Option<Strong<T>>,
    len: usize,
}

impl<T> LockedList<T> {
    /// Creates an empty list.
    ///
    /// ```
    /// use companion::arena::locked::LockedList;
    ///
    /// let list: LockedList<u8> = LockedList::new();
    /// assert_eq!(list.len(), 0);
    /// ```
    pub fn new() -> Self {
        LockedList { head: None, tail: None, len: 0 }
    }

    /// The number of values.
    ///
    /// ```
    /// use companion::arena::locked::LockedList;
    ///
    /// let list: LockedList<u8> = [1, 2].into_iter().collect();
    /// assert_eq!(list.len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        self.len
    }

    /// `true` if the list holds no value.
    ///
    /// ```
    /// use companion::arena::locked::LockedList;
    ///
    /// assert!(LockedList::<u8>::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Adds `value` at the back. Changing the shape needs `&mut self`: the
    /// node locks protect values, not the links between nodes.
    ///
    /// ```
    /// use companion::arena::locked::LockedList;
    ///
    /// let mut list = LockedList::new();
    /// list.push_back(1);
    /// list.push_back(2);
    /// assert_eq!(list.iter().collect::<Vec<_>>(), [1, 2]);
    /// ```
    pub fn push_back(&mut self, value: T) {
        let node = Arc::new(RwLock::new(LockedNode {
            value,
            next: None,
            prev: self.tail.as_ref().map(Arc::downgrade),
        }));
        match self.tail.replace(Arc::clone(&node)) {
            Some(old_tail) => old_tail.write().expect(POISONED).next = Some(node),
            None => self.head = Some(node),
        }
        self.len += 1;
    }

    /// Calls `f` on every value, front to back, taking each node's write lock
    /// in turn. Takes `&self`: other threads may read or write meanwhile.
    ///
    /// ```
    /// use companion::arena::locked::LockedList;
    ///
    /// let list: LockedList<i32> = (1..=3).collect();
    /// list.for_each_mut(|v| *v += 1);
    /// assert_eq!(list.iter().collect::<Vec<_>>(), [2, 3, 4]);
    /// ```
    pub fn for_each_mut(&self, mut f: impl FnMut(&mut T)) {
        let mut cursor = self.head.clone();
        while let Some(node) = cursor {
            let mut guard = node.write().expect(POISONED);
            f(&mut guard.value);
            cursor = guard.next.clone();
        }
    }

    /// Copies the values out front to back, one read lock at a time.
    ///
    /// ```
    /// use companion::arena::locked::LockedList;
    ///
    /// let list: LockedList<i32> = (1..=3).collect();
    /// assert_eq!(list.iter().sum::<i32>(), 6);
    /// ```
    pub fn iter(&self) -> LockedIter<T> {
        LockedIter::forward(self.head.clone(), self.len)
    }

    /// Copies the values out back to front, following the `Weak` back links.
    ///
    /// ```
    /// use companion::arena::locked::LockedList;
    ///
    /// let list: LockedList<i32> = (1..=3).collect();
    /// assert_eq!(list.iter_rev().collect::<Vec<_>>(), [3, 2, 1]);
    /// ```
    pub fn iter_rev(&self) -> LockedIter<T> {
        LockedIter::backward(self.tail.clone(), self.len)
    }

    /// The front half walked forward and the back half walked backward, for
    /// two threads, as [`ArenaList::halves`](super::ArenaList::halves) does.
    ///
    /// ```
    /// use companion::arena::locked::LockedList;
    ///
    /// let list: LockedList<i64> = (1..=5).collect();
    /// let (front, back) = list.halves();
    /// let (a, b) = rayon::join(|| front.sum::<i64>(), || back.sum::<i64>());
    /// assert_eq!(a + b, 15);
    /// ```
    pub fn halves(&self) -> (LockedIter<T>, LockedIter<T>) {
        let back_len = self.len / 2;
        (
            LockedIter::forward(self.head.clone(), self.len - back_len),
            LockedIter::backward(self.tail.clone(), back_len),
        )
    }
}

impl<T> Default for LockedList<T> {
    /// Same as [`LockedList::new`].
    ///
    /// ```
    /// use companion::arena::locked::LockedList;
    ///
    /// let list: LockedList<u8> = Default::default();
    /// assert!(list.is_empty());
    /// ```
    fn default() -> Self {
        Self::new()
    }
}

impl<T> FromIterator<T> for LockedList<T> {
    /// Builds the list by pushing every value at the back.
    ///
    /// ```
    /// use companion::arena::locked::LockedList;
    ///
    /// let list: LockedList<char> = "ab".chars().collect();
    /// assert_eq!(list.iter().collect::<String>(), "ab");
    /// ```
    fn from_iter<I: IntoIterator<Item = T>>(values: I) -> Self {
        let mut list = LockedList::new();
        for value in values {
            list.push_back(value);
        }
        list
    }
}

impl<T> Drop for LockedList<T> {
    /// Frees the nodes front to back in a loop: the default drop would recurse
    /// once per node through the `next` links and overflow the stack on long
    /// lists.
    ///
    /// ```
    /// use companion::arena::locked::LockedList;
    ///
    /// let list: LockedList<String> = ["freed".to_string()].into_iter().collect();
    /// drop(list);
    /// ```
    fn drop(&mut self) {
        self.tail = None;
        let mut cursor = self.head.take();
        while let Some(node) = cursor {
            cursor = match Arc::try_unwrap(node) {
                Ok(lock) => lock.into_inner().unwrap_or_else(|e| e.into_inner()).next,
                // Someone else still holds this node (a `LockedIter`): it frees
                // the rest when it lets go.
                Err(_) => None,
            };
        }
    }
}

/// Values copied out of a [`LockedList`], one node's read lock at a time, in
/// one direction, from [`LockedList::iter`], [`LockedList::iter_rev`] or
/// [`LockedList::halves`]. Holds a strong reference to the next node, so it
/// stays valid even if the list is dropped meanwhile.
///
/// ```
/// use companion::arena::locked::{LockedIter, LockedList};
///
/// let list: LockedList<i32> = (1..=2).collect();
/// let mut it: LockedIter<i32> = list.iter();
/// assert_eq!(it.next(), Some(1));
/// drop(list);
/// assert_eq!(it.next(), Some(2));
/// ```
pub struct LockedIter<T> {
    next: Option<Strong<T>>,
    remaining: usize,
    forward: bool,
}

impl<T> LockedIter<T> {
    fn forward(from: Option<Strong<T>>, count: usize) -> Self {
        LockedIter { next: from, remaining: count, forward: true }
    }

    fn backward(from: Option<Strong<T>>, count: usize) -> Self {
        LockedIter { next: from, remaining: count, forward: false }
    }
}

impl<T: Clone> Iterator for LockedIter<T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        if self.remaining == 0 {
            return None;
        }
        self.remaining -= 1;
        let node = self.next.take()?;
        let guard = node.read().expect(POISONED);
        self.next = if self.forward {
            guard.next.clone()
        } else {
            guard.prev.as_ref().and_then(Weak::upgrade)
        };
        Some(guard.value.clone())
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::rc::Rc;
    use std::thread;

    use crate::testing::DropCounter;

    #[test]
    fn walks_both_ways_and_in_halves() {
        let list: LockedList<i32> = (0..5).collect();
        assert_eq!(list.len(), 5);
        assert_eq!(list.iter().collect::<Vec<_>>(), [0, 1, 2, 3, 4]);
        assert_eq!(list.iter_rev().collect::<Vec<_>>(), [4, 3, 2, 1, 0]);
        let (front, back) = list.halves();
        assert_eq!(front.size_hint(), (3, Some(3)));
        assert_eq!(front.collect::<Vec<_>>(), [0, 1, 2]);
        assert_eq!(back.collect::<Vec<_>>(), [4, 3]);
        let empty = LockedList::<i32>::default();
        assert_eq!(empty.iter().next(), None);
        assert!(empty.is_empty());
    }

    #[test]
    fn a_reader_may_see_a_half_done_update() {
        // One lock per node: nothing stops a reader from running between two
        // nodes of a writer's update. The test only checks the final state;
        // what the reader saw meanwhile may be any mix.
        let list: LockedList<u64> = std::iter::repeat_n(0, 64).collect();
        thread::scope(|s| {
            s.spawn(|| list.for_each_mut(|v| *v += 1));
            s.spawn(|| list.iter().filter(|&v| v == 1).count());
        });
        assert!(list.iter().all(|v| v == 1));
    }

    #[test]
    fn drops_every_value_once() {
        let drops = Rc::new(Cell::new(0));
        let list: LockedList<DropCounter> = (0..3).map(|_| DropCounter(Rc::clone(&drops))).collect();
        drop(list);
        assert_eq!(drops.get(), 3);
    }

    #[test]
    fn a_long_list_is_dropped_without_recursion() {
        let list: LockedList<u8> = std::iter::repeat_n(0, if cfg!(miri) { 300 } else { 200_000 }).collect();
        drop(list);
    }

    #[test]
    fn an_iterator_outlives_the_list() {
        let list: LockedList<i32> = (0..3).collect();
        let mut rest = list.iter();
        rest.next();
        drop(list);
        assert_eq!(rest.collect::<Vec<_>>(), [1, 2]);
    }
}
