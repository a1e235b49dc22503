// A tree whose nodes are `Rc<GhostCell<..>>`: each node owns its children
// (strong `Rc`s) and points back at its parent (a `Weak`), and one token
// opens every node.
//
// `move_to` first walks up from the new parent with the shared token: if it
// meets `node`, the move would go into `node`'s own subtree, and is refused
// before anything changes. Then three writes, one node at a time, each with
// the token borrowed mutably for that node only: the old parent lets go of
// its `Rc`, the new parent takes it, and the node learns its new parent.

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
    let mut ancestor = Some(new_parent.clone());
    while let Some(up) = ancestor {
        if Rc::ptr_eq(&up, node) {
            return Err(IntoOwnSubtree);
        }
        ancestor = up.borrow(token).parent.as_ref().and_then(Weak::upgrade);
    }
    let old_parent = node.borrow(token).parent.as_ref().and_then(Weak::upgrade);
    if let Some(old_parent) = old_parent {
        old_parent.borrow_mut(token).children.retain(|child| !Rc::ptr_eq(child, node));
    }
    new_parent.borrow_mut(token).children.push(node.clone());
    node.borrow_mut(token).parent = Some(Rc::downgrade(new_parent));
    Ok(())
}
