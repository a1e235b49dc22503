// A small doubly linked list of GhostCell nodes in a bump arena, with its ends
// and length in plain fields (so changing them takes `&mut self`) and its links
// in the cells (so changing them takes `&mut GhostToken`).
//
// `split_off` walks to the split point with the shared token, then cuts the two
// links between the halves with the mutable token.

use bumpalo::Bump;
use ghost_cell::{GhostCell, GhostToken};

pub type NodeRef<'arena, 'id> = &'arena GhostCell<'id, Node<'arena, 'id>>;

pub struct Node<'arena, 'id> {
    pub value: i64,
    pub prev: Option<NodeRef<'arena, 'id>>,
    pub next: Option<NodeRef<'arena, 'id>>,
}

pub struct List<'arena, 'id> {
    head: Option<NodeRef<'arena, 'id>>,
    tail: Option<NodeRef<'arena, 'id>>,
    len: usize,
}

impl<'arena, 'id> List<'arena, 'id> {
    pub fn new() -> Self {
        List { head: None, tail: None, len: 0 }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn push_back(&mut self, value: i64, arena: &'arena Bump, token: &mut GhostToken<'id>) {
        let node: NodeRef<'arena, 'id> =
            arena.alloc(GhostCell::new(Node { value, prev: self.tail, next: None }));
        match self.tail {
            Some(tail) => tail.borrow_mut(token).next = Some(node),
            None => self.head = Some(node),
        }
        self.tail = Some(node);
        self.len += 1;
    }

    /// The values from the head, following `next`.
    pub fn to_vec(&self, token: &GhostToken<'id>) -> Vec<i64> {
        let mut values = Vec::new();
        let mut cursor = self.head;
        while let Some(node) = cursor {
            values.push(node.borrow(token).value);
            cursor = node.borrow(token).next;
        }
        values
    }

    /// The values from the tail, following `prev`.
    pub fn to_vec_rev(&self, token: &GhostToken<'id>) -> Vec<i64> {
        let mut values = Vec::new();
        let mut cursor = self.tail;
        while let Some(node) = cursor {
            values.push(node.borrow(token).value);
            cursor = node.borrow(token).prev;
        }
        values
    }

    /// Splits the list at `at`: `self` keeps the first `at` values and the
    /// returned list holds the rest, in order. No node is allocated or moved:
    /// only links change.
    ///
    /// Panics with "split_off: at is past the end" if `at > len`.
    pub fn split_off(&mut self, at: usize, token: &mut GhostToken<'id>) -> List<'arena, 'id> {
        assert!(at <= self.len, "split_off: at is past the end");
        if at == 0 {
            return std::mem::take(self);
        }
        // The last node that stays: `at - 1` steps from the head.
        let mut last_kept = self.head.expect("at > 0 and at <= len, so the list is not empty");
        for _ in 1..at {
            last_kept = last_kept.borrow(token).next.expect("fewer than len steps");
        }
        // Cut: the first node that moves loses its `prev`, the last kept node its `next`.
        let first_moved = last_kept.borrow_mut(token).next.take();
        if let Some(first_moved) = first_moved {
            first_moved.borrow_mut(token).prev = None;
        }
        let rest = List {
            head: first_moved,
            tail: if first_moved.is_some() { self.tail } else { None },
            len: self.len - at,
        };
        self.tail = Some(last_kept);
        self.len = at;
        rest
    }
}

impl Default for List<'_, '_> {
    fn default() -> Self {
        Self::new()
    }
}
