// A doubly linked list of Rc<RefCell<Node>> whose back links are Weak: the forward
// links own the nodes, the back links only point, so there is no cycle of owners
// and dropping the list frees every node.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

type Link<T> = Rc<RefCell<Node<T>>>;

pub struct Node<T> {
    pub value: T,
    next: Option<Link<T>>,
    prev: Option<Weak<RefCell<Node<T>>>>,
}

pub struct List<T> {
    head: Option<Link<T>>,
    tail: Option<Link<T>>,
}

impl<T> List<T> {
    pub fn new() -> Self {
        List { head: None, tail: None }
    }

    pub fn push_back(&mut self, value: T) {
        let node = Rc::new(RefCell::new(Node { value, next: None, prev: None }));
        match self.tail.take() {
            Some(old_tail) => {
                node.borrow_mut().prev = Some(Rc::downgrade(&old_tail));
                old_tail.borrow_mut().next = Some(Rc::clone(&node));
            }
            None => self.head = Some(Rc::clone(&node)),
        }
        self.tail = Some(node);
    }

    /// The values from the back to the front, following the back links.
    pub fn values_backward(&self) -> Vec<T>
    where
        T: Clone,
    {
        let mut values = Vec::new();
        let mut cursor = self.tail.clone();
        while let Some(node) = cursor {
            values.push(node.borrow().value.clone());
            // A back link is alive as long as the list owns the node it points to.
            cursor = node.borrow().prev.as_ref().and_then(Weak::upgrade);
        }
        values
    }
}

impl<T> Default for List<T> {
    fn default() -> Self {
        Self::new()
    }
}
