// A doubly linked list of Rc<RefCell<Node>>. It works, but it leaks: every node is
// kept alive by its neighbour's back link, so dropping the list frees nothing.
// Make the back links weak so that the list frees every node when it is dropped.

use std::cell::RefCell;
use std::rc::Rc;

type Link<T> = Rc<RefCell<Node<T>>>;

pub struct Node<T> {
    pub value: T,
    next: Option<Link<T>>,
    prev: Option<Link<T>>,
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
                old_tail.borrow_mut().next = Some(Rc::clone(&node));
                node.borrow_mut().prev = Some(old_tail);
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
            cursor = node.borrow().prev.clone();
        }
        values
    }
}

impl<T> Default for List<T> {
    fn default() -> Self {
        Self::new()
    }
}
