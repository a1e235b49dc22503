// A tree whose nodes are `Rc<GhostCell<..>>`: each node owns its children
// (strong `Rc`s) and points back at its parent (a `Weak`, so that the tree
// has no cycle of strong links and frees itself). One token opens every node.
//
// Write `move_to`: move a node, with its whole subtree, to the end of another
// node's children. A node cannot be moved into its own subtree (under itself
// or one of its descendants): that would cut the subtree off the tree and
// make a cycle of parents. `move_to` refuses it and changes nothing. A root
// (a node without a parent) may be moved under another tree's node.

use companion::ghost::{GhostCell, GhostToken};
use std::rc::{Rc, Weak};

pub type NodeRc<'id> = Rc<GhostCell<'id, TreeNode<'id>>>;

pub struct TreeNode<'id> {
    pub name: String,
    parent: Option<Weak<GhostCell<'id, TreeNode<'id>>>>,
    children: Vec<NodeRc<'id>>,
}

#[derive(Debug, PartialEq, Eq)]
pub struct IntoOwnSubtree;

/// A node without parent or children.
pub fn new_root<'id>(name: &str) -> NodeRc<'id> {
    Rc::new(GhostCell::new(TreeNode { name: name.to_string(), parent: None, children: Vec::new() }))
}

/// Adds a new node at the end of `parent`'s children and returns it.
pub fn add_child<'id>(parent: &NodeRc<'id>, name: &str, token: &mut GhostToken<'id>) -> NodeRc<'id> {
    let child = Rc::new(GhostCell::new(TreeNode {
        name: name.to_string(),
        parent: Some(Rc::downgrade(parent)),
        children: Vec::new(),
    }));
    parent.borrow_mut(token).children.push(child.clone());
    child
}

/// The names from the root down to `node`, joined by `/`.
pub fn path<'id>(node: &NodeRc<'id>, token: &GhostToken<'id>) -> String {
    let mut names = vec![node.borrow(token).name.clone()];
    let mut parent = node.borrow(token).parent.as_ref().and_then(Weak::upgrade);
    while let Some(up) = parent {
        names.push(up.borrow(token).name.clone());
        parent = up.borrow(token).parent.as_ref().and_then(Weak::upgrade);
    }
    names.reverse();
    names.join("/")
}

/// The names of `node`'s children, in order.
pub fn child_names<'id>(node: &NodeRc<'id>, token: &GhostToken<'id>) -> Vec<String> {
    node.borrow(token).children.iter().map(|child| child.borrow(token).name.clone()).collect()
}

/// Moves `node` and its subtree to the end of `new_parent`'s children.
pub fn move_to<'id>(node: &NodeRc<'id>, new_parent: &NodeRc<'id>, token: &mut GhostToken<'id>) -> Result<(), IntoOwnSubtree> {
    let _ = (node, new_parent, token);
    todo!("refuse a move into the node's own subtree; unlink from the old parent; link under the new one")
}
