//! A doubly linked list built from `Rc<RefCell<_>>` nodes with `Weak` back
//! links: the safe, reference-counted way to write a cyclic structure.
//!
//! Every node is owned by exactly one *strong* pointer coming from the front
//! (the list's `head`, or the previous node's `next`), plus the list's `tail`
//! for the last node. The links pointing back (`prev`) are [`Weak`]: they do
//! not keep a node alive. If they were strong, two neighbours would own each
//! other, their counts would never reach zero, and dropping the list would
//! leak every node (the chapter *Why cyclic data is hard* shows that leak).
//!
//! What this costs, compared with a list the compiler checks statically:
//!
//! - every node carries two reference counts (`Rc`) and a borrow flag
//!   (`RefCell`), three extra words per node on 64-bit targets;
//! - every access to a node adjusts the borrow flag at run time, and a
//!   conflicting access panics instead of failing to compile (see
//!   [`RcList::front_mut`]);
//! - walking the list clones and drops `Rc`s, touching the counts.

#![forbid(unsafe_code)]

use std::cell::{Ref, RefCell, RefMut};
use std::fmt;
use std::rc::{Rc, Weak};

type Strong<T> = Rc<RefCell<Node<T>>>;
type Back<T> = Weak<RefCell<Node<T>>>;

struct Node<T> {
    value: T,
    next: Option<Strong<T>>,
    prev: Option<Back<T>>,
}

impl<T> Node<T> {
    fn new_shared(value: T) -> Strong<T> {
        Rc::new(RefCell::new(Node {
            value,
            next: None,
            prev: None,
        }))
    }
}

/// A doubly linked list of `Rc<RefCell<Node<T>>>` with strong forward links
/// and [`Weak`] back links.
///
/// ```
/// use companion::foundations::rc_list::RcList;
///
/// let mut list = RcList::new();
/// list.push_back(2);
/// list.push_back(3);
/// list.push_front(1);
/// assert_eq!(list.to_vec(), [1, 2, 3]);
/// assert_eq!(list.to_vec_rev(), [3, 2, 1]);
/// ```
pub struct RcList<T> {
    head: Option<Strong<T>>,
    tail: Option<Strong<T>>,
    len: usize,
}

impl<T> RcList<T> {
    /// Creates an empty list. Allocates nothing.
    ///
    /// ```
    /// use companion::foundations::rc_list::RcList;
    ///
    /// let list: RcList<u8> = RcList::new();
    /// assert!(list.is_empty());
    /// ```
    pub fn new() -> Self {
        RcList {
            head: None,
            tail: None,
            len: 0,
        }
    }

    /// The number of values in the list.
    ///
    /// ```
    /// use companion::foundations::rc_list::RcList;
    ///
    /// let mut list = RcList::new();
    /// list.push_back('a');
    /// list.push_back('b');
    /// assert_eq!(list.len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        self.len
    }

    /// `true` if the list holds no value.
    ///
    /// ```
    /// use companion::foundations::rc_list::RcList;
    ///
    /// let mut list = RcList::new();
    /// assert!(list.is_empty());
    /// list.push_front(1);
    /// assert!(!list.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Adds `value` at the front of the list.
    ///
    /// ```
    /// use companion::foundations::rc_list::RcList;
    ///
    /// let mut list = RcList::new();
    /// list.push_front(2);
    /// list.push_front(1);
    /// assert_eq!(list.to_vec(), [1, 2]);
    /// ```
    pub fn push_front(&mut self, value: T) {
        let node = Node::new_shared(value);
        match self.head.take() {
            Some(old_head) => {
                // The old head points back at the new node (weakly), and the
                // new node owns the old head (strongly).
                old_head.borrow_mut().prev = Some(Rc::downgrade(&node));
                node.borrow_mut().next = Some(old_head);
            }
            None => self.tail = Some(Rc::clone(&node)),
        }
        self.head = Some(node);
        self.len += 1;
    }

    /// Adds `value` at the back of the list.
    ///
    /// ```
    /// use companion::foundations::rc_list::RcList;
    ///
    /// let mut list = RcList::new();
    /// list.push_back(1);
    /// list.push_back(2);
    /// assert_eq!(list.to_vec(), [1, 2]);
    /// ```
    pub fn push_back(&mut self, value: T) {
        let node = Node::new_shared(value);
        match self.tail.take() {
            Some(old_tail) => {
                node.borrow_mut().prev = Some(Rc::downgrade(&old_tail));
                old_tail.borrow_mut().next = Some(Rc::clone(&node));
            }
            None => self.head = Some(Rc::clone(&node)),
        }
        self.tail = Some(node);
        self.len += 1;
    }

    /// Removes the first value and returns it, or `None` if the list is empty.
    ///
    /// ```
    /// use companion::foundations::rc_list::RcList;
    ///
    /// let mut list = RcList::new();
    /// list.push_back(1);
    /// list.push_back(2);
    /// assert_eq!(list.pop_front(), Some(1));
    /// assert_eq!(list.pop_front(), Some(2));
    /// assert_eq!(list.pop_front(), None);
    /// ```
    pub fn pop_front(&mut self) -> Option<T> {
        let old_head = self.head.take()?;
        match old_head.borrow_mut().next.take() {
            Some(new_head) => {
                new_head.borrow_mut().prev = None;
                self.head = Some(new_head);
            }
            None => self.tail = None,
        }
        self.len -= 1;
        Some(into_value(old_head))
    }

    /// Removes the last value and returns it, or `None` if the list is empty.
    ///
    /// ```
    /// use companion::foundations::rc_list::RcList;
    ///
    /// let mut list = RcList::new();
    /// list.push_back(1);
    /// list.push_back(2);
    /// assert_eq!(list.pop_back(), Some(2));
    /// assert_eq!(list.pop_back(), Some(1));
    /// assert_eq!(list.pop_back(), None);
    /// ```
    pub fn pop_back(&mut self) -> Option<T> {
        let old_tail = self.tail.take()?;
        // The previous node is alive: it owns `old_tail` through its `next`.
        let prev = old_tail
            .borrow_mut()
            .prev
            .take()
            .and_then(|weak| weak.upgrade());
        match prev {
            Some(new_tail) => {
                // Drops the strong `next` link, leaving `old_tail` unique.
                new_tail.borrow_mut().next = None;
                self.tail = Some(new_tail);
            }
            None => self.head = None,
        }
        self.len -= 1;
        Some(into_value(old_tail))
    }

    /// Borrows the first value, or returns `None` if the list is empty.
    ///
    /// The returned [`Ref`] keeps the node's `RefCell` shared-borrowed until it
    /// is dropped. Values are not cloned.
    ///
    /// ```
    /// use companion::foundations::rc_list::RcList;
    ///
    /// let mut list = RcList::new();
    /// list.push_back(String::from("first"));
    /// list.push_back(String::from("second"));
    /// assert_eq!(*list.front().unwrap(), "first");
    /// ```
    pub fn front(&self) -> Option<Ref<'_, T>> {
        self.head
            .as_ref()
            .map(|node| Ref::map(node.borrow(), |node| &node.value))
    }

    /// Borrows the last value, or returns `None` if the list is empty.
    /// Like [`front`](Self::front), it returns a [`Ref`].
    ///
    /// ```
    /// use companion::foundations::rc_list::RcList;
    ///
    /// let mut list = RcList::new();
    /// list.push_back(String::from("first"));
    /// list.push_back(String::from("second"));
    /// assert_eq!(*list.back().unwrap(), "second");
    /// ```
    pub fn back(&self) -> Option<Ref<'_, T>> {
        self.tail
            .as_ref()
            .map(|node| Ref::map(node.borrow(), |node| &node.value))
    }

    /// Mutably borrows the first value through a *shared* reference to the
    /// list.
    ///
    /// This is interior mutability at work: the compiler lets anyone holding
    /// `&RcList` call it, and the node's `RefCell` checks at run time that no
    /// other borrow of that node is alive.
    ///
    /// ```
    /// use companion::foundations::rc_list::RcList;
    ///
    /// let mut list = RcList::new();
    /// list.push_back(1);
    /// let shared = &list;
    /// *shared.front_mut().unwrap() += 10;
    /// assert_eq!(*list.front().unwrap(), 11);
    /// ```
    ///
    /// # Panics
    ///
    /// Panics if the first node is already borrowed, for example from inside
    /// [`for_each`](Self::for_each):
    ///
    /// ```should_panic
    /// use companion::foundations::rc_list::RcList;
    ///
    /// let mut list = RcList::new();
    /// list.push_back(1);
    /// list.for_each(|_| *list.front_mut().unwrap() += 1); // RefCell already borrowed
    /// ```
    pub fn front_mut(&self) -> Option<RefMut<'_, T>> {
        self.head
            .as_ref()
            .map(|node| RefMut::map(node.borrow_mut(), |node| &mut node.value))
    }

    /// Mutably borrows the last value through a shared reference to the list.
    /// Same rules and same panic as [`front_mut`](Self::front_mut).
    ///
    /// ```
    /// use companion::foundations::rc_list::RcList;
    ///
    /// let mut list = RcList::new();
    /// list.push_back(1);
    /// list.push_back(2);
    /// *list.back_mut().unwrap() *= 10;
    /// assert_eq!(list.to_vec(), [1, 20]);
    /// ```
    pub fn back_mut(&self) -> Option<RefMut<'_, T>> {
        self.tail
            .as_ref()
            .map(|node| RefMut::map(node.borrow_mut(), |node| &mut node.value))
    }

    /// Calls `f` on every value, front to back.
    ///
    /// While `f` runs, the current node is shared-borrowed: `f` may read the
    /// list, but mutably borrowing that node again panics (see
    /// [`front_mut`](Self::front_mut)).
    ///
    /// ```
    /// use companion::foundations::rc_list::RcList;
    ///
    /// let mut list = RcList::new();
    /// list.push_back(1);
    /// list.push_back(2);
    /// let mut sum = 0;
    /// list.for_each(|v| sum += v);
    /// assert_eq!(sum, 3);
    /// ```
    pub fn for_each(&self, mut f: impl FnMut(&T)) {
        let mut cursor = self.head.clone();
        while let Some(node) = cursor {
            let node = node.borrow();
            f(&node.value);
            cursor = node.next.clone();
        }
    }

    /// Calls `f` on every value, back to front, following the `Weak` links.
    ///
    /// ```
    /// use companion::foundations::rc_list::RcList;
    ///
    /// let mut list = RcList::new();
    /// list.push_back('a');
    /// list.push_back('b');
    /// let mut seen = String::new();
    /// list.for_each_rev(|c| seen.push(*c));
    /// assert_eq!(seen, "ba");
    /// ```
    pub fn for_each_rev(&self, mut f: impl FnMut(&T)) {
        let mut cursor = self.tail.clone();
        while let Some(node) = cursor {
            let node = node.borrow();
            f(&node.value);
            // Every back link points at a live node: that node owns this one.
            cursor = node.prev.as_ref().and_then(Weak::upgrade);
        }
    }

    /// Clones the values into a `Vec`, front to back.
    ///
    /// ```
    /// use companion::foundations::rc_list::RcList;
    ///
    /// let mut list = RcList::new();
    /// list.push_back(1);
    /// list.push_back(2);
    /// assert_eq!(list.to_vec(), [1, 2]);
    /// ```
    pub fn to_vec(&self) -> Vec<T>
    where
        T: Clone,
    {
        let mut out = Vec::with_capacity(self.len);
        self.for_each(|v| out.push(v.clone()));
        out
    }

    /// Clones the values into a `Vec`, back to front.
    ///
    /// ```
    /// use companion::foundations::rc_list::RcList;
    ///
    /// let mut list = RcList::new();
    /// list.push_back(1);
    /// list.push_back(2);
    /// assert_eq!(list.to_vec_rev(), [2, 1]);
    /// ```
    pub fn to_vec_rev(&self) -> Vec<T>
    where
        T: Clone,
    {
        let mut out = Vec::with_capacity(self.len);
        self.for_each_rev(|v| out.push(v.clone()));
        out
    }

    /// Iterates over clones of the values, front to back. The values are
    /// collected first: an iterator cannot hand out `Ref`s into nodes that it
    /// reaches only through temporary `Rc` clones.
    ///
    /// ```
    /// use companion::foundations::rc_list::RcList;
    ///
    /// let mut list = RcList::new();
    /// list.push_back(1);
    /// list.push_back(2);
    /// let doubled: Vec<i32> = list.iter().map(|v| v * 2).collect();
    /// assert_eq!(doubled, [2, 4]);
    /// ```
    pub fn iter(&self) -> std::vec::IntoIter<T>
    where
        T: Clone,
    {
        self.to_vec().into_iter()
    }

    /// Iterates over clones of the values, back to front (collected first,
    /// like [`iter`](Self::iter)).
    ///
    /// ```
    /// use companion::foundations::rc_list::RcList;
    ///
    /// let mut list = RcList::new();
    /// list.push_back(1);
    /// list.push_back(2);
    /// assert_eq!(list.iter_rev().collect::<Vec<_>>(), [2, 1]);
    /// ```
    pub fn iter_rev(&self) -> std::vec::IntoIter<T>
    where
        T: Clone,
    {
        self.to_vec_rev().into_iter()
    }
}

/// Takes the value out of a node that nobody else owns any more.
fn into_value<T>(node: Strong<T>) -> T {
    match Rc::try_unwrap(node) {
        Ok(cell) => cell.into_inner().value,
        // Nodes never leave the list, and the callers unlink `node` from both
        // neighbours and from `head`/`tail` before calling this.
        Err(_) => unreachable!("an unlinked node is still shared"),
    }
}

impl<T> Default for RcList<T> {
    /// Same as [`RcList::new`].
    ///
    /// ```
    /// use companion::foundations::rc_list::RcList;
    ///
    /// let list: RcList<i32> = Default::default();
    /// assert_eq!(list.len(), 0);
    /// ```
    fn default() -> Self {
        RcList::new()
    }
}

impl<T: fmt::Debug> fmt::Debug for RcList<T> {
    /// Formats the values front to back, like a slice.
    ///
    /// ```
    /// use companion::foundations::rc_list::RcList;
    ///
    /// let mut list = RcList::new();
    /// list.push_back(1);
    /// list.push_back(2);
    /// assert_eq!(format!("{list:?}"), "[1, 2]");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_list();
        self.for_each(|v| {
            out.entry(v);
        });
        out.finish()
    }
}

impl<T> Drop for RcList<T> {
    /// Unlinks the nodes one by one.
    ///
    /// The default drop glue would drop `head`, whose `next` would drop the
    /// following node, and so on: one stack frame per node, enough to
    /// overflow the stack on a long list. Taking each `next` out before the
    /// node is dropped keeps the depth constant.
    ///
    /// ```
    /// use companion::foundations::rc_list::RcList;
    ///
    /// let long = if cfg!(miri) { 1_000 } else { 100_000 }; // Miri is slow
    /// let mut list = RcList::new();
    /// for i in 0..long {
    ///     list.push_back(i);
    /// }
    /// drop(list); // no stack overflow
    /// ```
    fn drop(&mut self) {
        self.tail = None;
        let mut cursor = self.head.take();
        while let Some(node) = cursor {
            cursor = node.borrow_mut().next.take();
            // `node` is dropped here, and with it the value, with no
            // strong link left to follow.
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    use crate::testing::DropCounter;

    #[test]
    fn contents_after_mixed_operations() {
        let mut list = RcList::new();
        assert_eq!(list.pop_front(), None);
        assert_eq!(list.pop_back(), None);
        list.push_back(2);
        list.push_front(1);
        list.push_back(3);
        list.push_front(0);
        assert_eq!(list.len(), 4);
        assert_eq!(list.to_vec(), [0, 1, 2, 3]);
        assert_eq!(list.to_vec_rev(), [3, 2, 1, 0]);
        assert_eq!(list.iter().collect::<Vec<_>>(), [0, 1, 2, 3]);
        assert_eq!(list.iter_rev().collect::<Vec<_>>(), [3, 2, 1, 0]);
        assert_eq!(*list.front().unwrap(), 0);
        assert_eq!(*list.back().unwrap(), 3);

        assert_eq!(list.pop_front(), Some(0));
        assert_eq!(list.pop_back(), Some(3));
        assert_eq!(list.to_vec(), [1, 2]);
        assert_eq!(list.to_vec_rev(), [2, 1]);

        assert_eq!(list.pop_back(), Some(2));
        assert_eq!(list.to_vec_rev(), [1]);
        assert_eq!(list.pop_back(), Some(1));
        assert!(list.is_empty());
        assert!(list.front().is_none());
        assert!(list.back().is_none());

        // The list is usable again once emptied from the back.
        list.push_front(7);
        assert_eq!(list.to_vec(), [7]);
        assert_eq!(list.to_vec_rev(), [7]);
    }

    #[test]
    fn front_and_back_mut_through_shared_reference() {
        let mut list = RcList::new();
        list.push_back(1);
        list.push_back(2);
        let shared = &list;
        *shared.front_mut().unwrap() = 10;
        *shared.back_mut().unwrap() = 20;
        assert_eq!(list.to_vec(), [10, 20]);
        assert_eq!(format!("{list:?}"), "[10, 20]");
    }

    #[test]
    fn every_value_dropped_exactly_once() {
        let drops = Rc::new(Cell::new(0));
        let mut list = RcList::new();
        for _ in 0..5 {
            list.push_back(DropCounter(Rc::clone(&drops)));
            list.push_front(DropCounter(Rc::clone(&drops)));
        }
        drop(list.pop_back());
        drop(list.pop_front());
        assert_eq!(drops.get(), 2);
        drop(list);
        assert_eq!(drops.get(), 10);
    }

    #[test]
    fn nodes_are_freed_because_back_links_are_weak() {
        let mut list = RcList::new();
        list.push_back(1);
        list.push_back(2);
        list.push_back(3);
        // Observe each node through a Weak pointer of our own.
        let mut observers = Vec::new();
        let mut cursor = list.head.clone();
        while let Some(node) = cursor {
            observers.push(Rc::downgrade(&node));
            cursor = node.borrow().next.clone();
        }
        assert_eq!(observers.len(), 3);
        // The middle node has one strong owner (the first node's `next`).
        assert_eq!(observers[1].strong_count(), 1);
        drop(list);
        assert!(observers.iter().all(|w| w.strong_count() == 0));
    }

    #[test]
    fn long_list_drops_without_deep_recursion() {
        let mut list = RcList::new();
        for i in 0..if cfg!(miri) { 1_000 } else { 200_000 } {
            list.push_back(i);
        }
        drop(list);
    }

    /// The leak the chapter talks about: the same two-node list, but with a
    /// STRONG back link. Each node owns the other, so neither count can fall
    /// to zero and neither value is ever dropped.
    #[test]
    fn strong_back_link_leaks() {
        struct LeakyNode {
            _value: DropCounter,
            next: Option<Rc<RefCell<LeakyNode>>>,
            prev: Option<Rc<RefCell<LeakyNode>>>, // strong: the mistake
        }

        let drops = Rc::new(Cell::new(0));
        let first = Rc::new(RefCell::new(LeakyNode {
            _value: DropCounter(Rc::clone(&drops)),
            next: None,
            prev: None,
        }));
        let second = Rc::new(RefCell::new(LeakyNode {
            _value: DropCounter(Rc::clone(&drops)),
            next: None,
            prev: Some(Rc::clone(&first)),
        }));
        first.borrow_mut().next = Some(Rc::clone(&second));

        assert!(Rc::ptr_eq(second.borrow().prev.as_ref().unwrap(), &first));

        let watch_first = Rc::downgrade(&first);
        let watch_second = Rc::downgrade(&second);
        assert_eq!(Rc::strong_count(&first), 2);
        drop(first);
        drop(second);

        // Nobody can reach the nodes any more, yet they are still alive.
        assert_eq!(watch_first.strong_count(), 1);
        assert_eq!(watch_second.strong_count(), 1);
        assert_eq!(drops.get(), 0);

        // Break the cycle by hand so the test itself does not leak (Miri
        // reports leaks as errors).
        let first = watch_first.upgrade().unwrap();
        first.borrow_mut().next = None;
        drop(first);
        assert_eq!(drops.get(), 2);
    }

    #[test]
    #[should_panic(expected = "already borrowed")]
    fn double_borrow_of_a_node_panics() {
        let mut list = RcList::new();
        list.push_back(1);
        let _reading = list.front().unwrap();
        let _writing = list.front_mut(); // the same node's RefCell: panic
    }

    #[test]
    #[should_panic(expected = "already borrowed")]
    fn mutating_the_visited_node_inside_for_each_panics() {
        let mut list = RcList::new();
        list.push_back(1);
        list.push_back(2);
        list.for_each(|_| {
            *list.front_mut().unwrap() += 1;
        });
    }

    #[test]
    #[cfg(target_pointer_width = "64")]
    fn node_size_on_64_bit() {
        // Strong and weak counts (16) + borrow flag (8) + value (8) + next
        // (8) + prev (8): the figure quoted in the module table.
        assert_eq!(2 * size_of::<usize>() + size_of::<RefCell<Node<u64>>>(), 48);
    }

    #[test]
    fn try_borrow_mut_reports_the_conflict_without_panicking() {
        let node = Node::new_shared(1);
        let reading = node.borrow();
        assert!(node.try_borrow_mut().is_err());
        drop(reading);
        assert!(node.try_borrow_mut().is_ok());
    }
}
