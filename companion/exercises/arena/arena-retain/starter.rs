// A small doubly linked list of GhostCell nodes in a bump arena, with its ends
// and length in plain fields (so changing them takes `&mut self`) and its links
// in the cells (so changing them takes `&mut GhostToken`).
//
// Write `retain`: keep the values that pass a test and hand the others back as
// a list of their own, both in their old order, without allocating or moving a
// node. The arena never frees a node, so a `retain` that copied the kept values
// into new nodes would leak every old one until the arena goes.

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
        let node: NodeRef<'arena, 'id> = arena.alloc(GhostCell::new(Node { value, prev: None, next: None }));
        self.link_at_tail(node, token);
    }

    /// Makes `node`, a node of no list, the new tail.
    fn link_at_tail(&mut self, node: NodeRef<'arena, 'id>, token: &mut GhostToken<'id>) {
        {
            let node = node.borrow_mut(token);
            node.prev = self.tail;
            node.next = None;
        }
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

    /// Keeps the values for which `keep` returns `true` and returns the others
    /// as a list, both in their old order. `keep` is called once per value,
    /// from the head. No node is allocated or moved: only links change.
    pub fn retain(&mut self, keep: impl FnMut(&i64) -> bool, token: &mut GhostToken<'id>) -> List<'arena, 'id> {
        let _ = (keep, token);
        todo!("walk the nodes once; re-link each into the list it belongs to")
    }
}

impl Default for List<'_, '_> {
    fn default() -> Self {
        Self::new()
    }
}
