//! The list itself: nodes, node handles, the one-brand constructor, and every
//! single-threaded operation (pushes, pops, inserts, unlinks, iteration).

use std::fmt;
use std::marker::PhantomData;
use std::mem::ManuallyDrop;
use std::ptr;

// bumpalo-herd: a bump arena that threads can allocate from at once (one
// `Member` each), so every node of the list shares the lifetime `'arena`.
use bumpalo_herd::{Herd, Member};
// ghost-cell: the real crate, so this part shows GhostCell as published, not
// Part II's reconstruction (`crate::ghost`).
use ghost_cell::{GhostCell, GhostToken};

/// A link to a neighbour, or `None` at either end of the list.
pub(super) type Link<'arena, 'id, T> = Option<NodeRef<'arena, 'id, T>>;

/// One node, allocated in the arena and wrapped in a `GhostCell` of the list's
/// brand. The arena never runs destructors, so the value is a `ManuallyDrop`:
/// the list drops it itself, exactly once (when it is unlinked and handed
/// back, or when the list is dropped).
// `repr(C)` fixes the field order, links first: the layout the `arena`
// benchmark measures (the compiler may otherwise put the value first). The
// size is three words either way.
#[repr(C)]
pub(super) struct Node<'arena, 'id, T> {
    pub(super) next: Link<'arena, 'id, T>,
    pub(super) prev: Link<'arena, 'id, T>,
    /// Initialised exactly while the node is linked into the list; moved out
    /// (and the node marked removed) by `unlink`.
    pub(super) value: ManuallyDrop<T>,
}

/// A handle to one node of an [`ArenaList`]: a shared reference into the
/// arena, `&'arena GhostCell<'id, Node>`, and nothing more.
///
/// Handles are `Copy` and may be kept anywhere (in a map, in another node),
/// but on their own they open nothing: every operation that reads or writes a
/// node goes through the list and the token. The brand `'id` belongs to
/// exactly one list (see [`ArenaList::new`]), so a handle can never be used
/// with the wrong list.
///
/// ```
/// use bumpalo_herd::Herd;
/// use companion::arena::ArenaList;
///
/// let herd = Herd::new();
/// ArenaList::new(&herd, |list, mut token, herd| {
///     let member = herd.get();
///     let first = list.push_back(1, &member, &mut token);
///     let copy = first; // handles are Copy
///     assert_eq!(*list.get(copy, &token), 1);
///     assert_eq!(list.front_node(&token), Some(first));
/// });
/// ```
pub struct NodeRef<'arena, 'id, T>(pub(super) &'arena GhostCell<'id, Node<'arena, 'id, T>>);

impl<T> Clone for NodeRef<'_, '_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for NodeRef<'_, '_, T> {}

impl<T> PartialEq for NodeRef<'_, '_, T> {
    /// Two handles are equal when they point at the same node.
    fn eq(&self, other: &Self) -> bool {
        ptr::eq(self.0, other.0)
    }
}

impl<T> Eq for NodeRef<'_, '_, T> {}

impl<T> fmt::Debug for NodeRef<'_, '_, T> {
    /// Shows the node's address: a handle alone cannot read the value.
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     let node = list.push_back(7, &member, &mut token);
    ///     assert!(format!("{node:?}").starts_with("NodeRef(0x"));
    /// });
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("NodeRef").field(&ptr::from_ref(self.0)).finish()
    }
}

impl<'arena, 'id, T> NodeRef<'arena, 'id, T> {
    /// Allocates a detached node (no neighbours yet) in `member`'s arena.
    pub(super) fn alloc(value: T, member: &Member<'arena>) -> Self {
        NodeRef(member.alloc(GhostCell::new(Node::detached(value))))
    }

    /// A removed node points at itself both ways, something no linked node
    /// ever does; this mark costs no memory.
    fn is_removed(self, token: &GhostToken<'id>) -> bool {
        self.0.borrow(token).next == Some(self)
    }
}

/// A node allocated in the arena and not linked into any list yet, which owns
/// its value: dropping it drops the value, which the arena would never do.
/// [`into_node`](Self::into_node) hands the node, value and all, to a list.
///
/// [`ArenaList::par_extend`] collects these from the rayon workers: if the
/// caller's parallel iterator panics, the values already made are dropped
/// with the partial results instead of leaking in the arena.
pub(super) struct Unlinked<'arena, 'id, T>(Option<&'arena mut GhostCell<'id, Node<'arena, 'id, T>>>);

impl<'arena, 'id, T> Unlinked<'arena, 'id, T> {
    /// Allocates a detached node holding `value` in `member`'s arena.
    pub(super) fn alloc(value: T, member: &Member<'arena>) -> Self {
        Unlinked(Some(member.alloc(GhostCell::new(Node::detached(value)))))
    }

    /// Gives the node up, to be linked: from here its value is the list's to
    /// drop.
    pub(super) fn into_node(mut self) -> NodeRef<'arena, 'id, T> {
        NodeRef(self.0.take().expect("an `Unlinked` holds its node until `into_node`"))
    }
}

impl<T> Drop for Unlinked<'_, '_, T> {
    fn drop(&mut self) {
        if let Some(cell) = self.0.take() {
            // SAFETY:
            // - the value could be uninitialised or already dropped: it
            //   cannot, `alloc` put a value in the node, and only this drop
            //   or `into_node` ends an `Unlinked`. `into_node` empties the
            //   `Option` first, so a node given to a list is never dropped
            //   here, and `take` empties it here, so this runs once.
            // - someone else could reach the value: nobody can, `cell` is the
            //   only reference to a node that no list links to yet.
            unsafe { ManuallyDrop::drop(&mut cell.get_mut().value) }
        }
    }
}

impl<T> Node<'_, '_, T> {
    /// A node holding `value`, not linked to anything yet.
    fn detached(value: T) -> Self {
        Node {
            value: ManuallyDrop::new(value),
            prev: None,
            next: None,
        }
    }
}

/// The ends and the length of the chain.
struct Ends<'arena, 'id, T> {
    head: Link<'arena, 'id, T>,
    tail: Link<'arena, 'id, T>,
    len: usize,
}

/// A doubly linked list whose nodes are `GhostCell`s allocated in a
/// [`bumpalo_herd::Herd`], linked by `&'arena GhostCell<'id, Node>` references.
///
/// * **One lifetime for every node.** Nodes live in the arena, so every link
///   has the same lifetime `'arena`: no node outlives another, and a cycle of
///   references is as easy to write as a chain.
/// * **One permission for the whole list.** Every method takes `&self` and the
///   [`GhostToken`]: `&GhostToken` to read, `&mut GhostToken` to change values
///   *or* the shape of the list. Whoever holds the token mutably holds the
///   whole structure; many threads can share `&GhostToken` to read it.
/// * **One list per brand.** [`ArenaList::new`] creates the brand together
///   with the list, so every node of brand `'id` belongs to this list. That
///   is what lets the list drop its values without a token (see `Drop`).
/// * **Values are dropped by the list**, exactly once: the arena frees memory
///   but runs no destructor. Memory of unlinked nodes comes back only when the
///   [`bumpalo_herd::Herd`] is reset or dropped.
///
/// ```
/// use bumpalo_herd::Herd;
/// use companion::arena::ArenaList;
///
/// let herd = Herd::new();
/// let sum = ArenaList::new(&herd, |list, mut token, herd| {
///     let member = herd.get();
///     list.extend(1..=4, &member, &mut token);
///     list.for_each_mut(&mut token, |v| *v *= 10);
///     list.iter(&token).sum::<i64>()
/// });
/// assert_eq!(sum, 100);
/// ```
pub struct ArenaList<'arena, 'id, T> {
    ends: GhostCell<'id, Ends<'arena, 'id, T>>,
    /// The list owns the `T`s inside its nodes (the `&'arena` links do not say
    /// so), which tells the drop checker that dropping the list drops `T`s.
    _owns: PhantomData<T>,
}

impl<T> ArenaList<'_, '_, T> {
    /// Creates an empty list together with a fresh brand and the one token of
    /// that brand, and calls `f` with both and with `herd`, the arena the
    /// list's nodes are allocated in.
    ///
    /// Like [`GhostToken::new`], the closure must work for every lifetime
    /// `'id`, so neither the list nor the token can leave it, and no other list
    /// ever has the same brand. It must also work for every `'arena`: a link
    /// `&'arena GhostCell<'id, Node>` requires the brand to outlive the arena
    /// borrow, and only a borrow of `herd` made *inside* the brand's scope is
    /// known to be shorter. That borrow is the `&'arena Herd` the closure
    /// receives; take [`Member`]s from it.
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// let len = ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     list.push_back("a", &member, &mut token);
    ///     list.len(&token)
    /// });
    /// assert_eq!(len, 1);
    /// ```
    // Named like `GhostToken::new`, which it wraps: the closure is what makes the
    // brand fresh, so the constructor cannot simply return `Self`.
    #[allow(clippy::new_ret_no_self)]
    pub fn new<R>(
        herd: &Herd,
        f: impl for<'arena, 'id> FnOnce(ArenaList<'arena, 'id, T>, GhostToken<'id>, &'arena Herd) -> R,
    ) -> R {
        GhostToken::new(|token| {
            let list = ArenaList {
                ends: GhostCell::new(Ends {
                    head: None,
                    tail: None,
                    len: 0,
                }),
                _owns: PhantomData,
            };
            f(list, token, herd)
        })
    }
}

impl<'arena, 'id, T> ArenaList<'arena, 'id, T> {
    /// The number of values in the list.
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     list.extend([1, 2, 3], &member, &mut token);
    ///     assert_eq!(list.len(&token), 3);
    /// });
    /// ```
    pub fn len(&self, token: &GhostToken<'id>) -> usize {
        self.ends.borrow(token).len
    }

    /// `true` if the list holds no value.
    ///
    /// ```
    /// use companion::arena::ArenaList;
    ///
    /// use bumpalo_herd::Herd;
    /// ArenaList::<u8>::new(&Herd::new(), |list, token, _| assert!(list.is_empty(&token)));
    /// ```
    pub fn is_empty(&self, token: &GhostToken<'id>) -> bool {
        self.len(token) == 0
    }

    /// The handle of the first node.
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     assert_eq!(list.front_node(&token), None);
    ///     let a = list.push_back('a', &member, &mut token);
    ///     list.push_back('b', &member, &mut token);
    ///     assert_eq!(list.front_node(&token), Some(a));
    /// });
    /// ```
    pub fn front_node(&self, token: &GhostToken<'id>) -> Link<'arena, 'id, T> {
        self.ends.borrow(token).head
    }

    /// The handle of the last node.
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     list.push_back('a', &member, &mut token);
    ///     let b = list.push_back('b', &member, &mut token);
    ///     assert_eq!(list.back_node(&token), Some(b));
    /// });
    /// ```
    pub fn back_node(&self, token: &GhostToken<'id>) -> Link<'arena, 'id, T> {
        self.ends.borrow(token).tail
    }

    /// Borrows the first value.
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     assert_eq!(list.front(&token), None);
    ///     list.extend([1, 2], &member, &mut token);
    ///     assert_eq!(list.front(&token), Some(&1));
    /// });
    /// ```
    pub fn front<'a>(&'a self, token: &'a GhostToken<'id>) -> Option<&'a T> {
        self.front_node(token).map(|node| self.get(node, token))
    }

    /// Borrows the last value.
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     list.extend([1, 2], &member, &mut token);
    ///     assert_eq!(list.back(&token), Some(&2));
    /// });
    /// ```
    pub fn back<'a>(&'a self, token: &'a GhostToken<'id>) -> Option<&'a T> {
        self.back_node(token).map(|node| self.get(node, token))
    }

    /// `true` while `node` is in the list; `false` once it has been unlinked
    /// (by [`unlink`](Self::unlink), a pop or a cursor).
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     let node = list.push_back(1, &member, &mut token);
    ///     assert!(list.is_linked(node, &token));
    ///     list.unlink(node, &mut token);
    ///     assert!(!list.is_linked(node, &token));
    /// });
    /// ```
    pub fn is_linked(&self, node: NodeRef<'arena, 'id, T>, token: &GhostToken<'id>) -> bool {
        !node.is_removed(token)
    }

    /// Borrows the value of `node`.
    ///
    /// # Panics
    ///
    /// If `node` has been unlinked: its value was handed back by `unlink`.
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     let node = list.push_back(String::from("hi"), &member, &mut token);
    ///     assert_eq!(list.get(node, &token), "hi");
    /// });
    /// ```
    pub fn get<'a>(&'a self, node: NodeRef<'arena, 'id, T>, token: &'a GhostToken<'id>) -> &'a T {
        self.assert_linked(node, token, "get");
        &node.0.borrow(token).value
    }

    /// Mutably borrows the value of `node`.
    ///
    /// # Panics
    ///
    /// If `node` has been unlinked.
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     let node = list.push_back(1, &member, &mut token);
    ///     *list.get_mut(node, &mut token) += 41;
    ///     assert_eq!(*list.get(node, &token), 42);
    /// });
    /// ```
    pub fn get_mut<'a>(
        &'a self,
        node: NodeRef<'arena, 'id, T>,
        token: &'a mut GhostToken<'id>,
    ) -> &'a mut T {
        self.assert_linked(node, token, "get_mut");
        &mut node.0.borrow_mut(token).value
    }

    /// The node after `node`, or `None` at the back.
    ///
    /// # Panics
    ///
    /// If `node` has been unlinked.
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     let a = list.push_back(1, &member, &mut token);
    ///     let b = list.push_back(2, &member, &mut token);
    ///     assert_eq!(list.next_node(a, &token), Some(b));
    ///     assert_eq!(list.next_node(b, &token), None);
    /// });
    /// ```
    pub fn next_node(
        &self,
        node: NodeRef<'arena, 'id, T>,
        token: &GhostToken<'id>,
    ) -> Link<'arena, 'id, T> {
        self.assert_linked(node, token, "next_node");
        node.0.borrow(token).next
    }

    /// The node before `node`, or `None` at the front.
    ///
    /// # Panics
    ///
    /// If `node` has been unlinked.
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     let a = list.push_back(1, &member, &mut token);
    ///     let b = list.push_back(2, &member, &mut token);
    ///     assert_eq!(list.prev_node(b, &token), Some(a));
    ///     assert_eq!(list.prev_node(a, &token), None);
    /// });
    /// ```
    pub fn prev_node(
        &self,
        node: NodeRef<'arena, 'id, T>,
        token: &GhostToken<'id>,
    ) -> Link<'arena, 'id, T> {
        self.assert_linked(node, token, "prev_node");
        node.0.borrow(token).prev
    }

    /// Adds `value` at the front, in a node allocated from `member`, and
    /// returns the new node's handle.
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     list.push_front(2, &member, &mut token);
    ///     list.push_front(1, &member, &mut token);
    ///     assert_eq!(list.iter(&token).copied().collect::<Vec<_>>(), [1, 2]);
    /// });
    /// ```
    pub fn push_front(
        &self,
        value: T,
        member: &Member<'arena>,
        token: &mut GhostToken<'id>,
    ) -> NodeRef<'arena, 'id, T> {
        let head = self.ends.borrow(token).head;
        self.attach(NodeRef::alloc(value, member), None, head, token)
    }

    /// Adds `value` at the back, in a node allocated from `member`, and
    /// returns the new node's handle.
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     list.push_back(1, &member, &mut token);
    ///     list.push_back(2, &member, &mut token);
    ///     assert_eq!(list.iter(&token).copied().collect::<Vec<_>>(), [1, 2]);
    /// });
    /// ```
    pub fn push_back(
        &self,
        value: T,
        member: &Member<'arena>,
        token: &mut GhostToken<'id>,
    ) -> NodeRef<'arena, 'id, T> {
        let tail = self.ends.borrow(token).tail;
        self.attach(NodeRef::alloc(value, member), tail, None, token)
    }

    /// Appends every value of `values` at the back, in order.
    ///
    /// The values are collected first and their nodes allocated last value
    /// first: the arena allocates downwards, so the new nodes then lie in
    /// rising order of address from the first to the last, the order of a
    /// walk from the head.
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     list.extend("abc".chars(), &member, &mut token);
    ///     assert_eq!(list.iter(&token).collect::<String>(), "abc");
    /// });
    /// ```
    pub fn extend(
        &self,
        values: impl IntoIterator<Item = T>,
        member: &Member<'arena>,
        token: &mut GhostToken<'id>,
    ) {
        // A bump arena allocates downwards. Allocating the last value first
        // puts the first node at the lowest address, so a walk from the head
        // reads the arena's memory upwards (see the chapter *Measured*).
        let values: Vec<T> = values.into_iter().collect();
        let nodes: Vec<NodeRef<'arena, 'id, T>> =
            values.into_iter().rev().map(|value| NodeRef::alloc(value, member)).collect();
        for node in nodes.into_iter().rev() {
            let tail = self.ends.borrow(token).tail;
            self.attach(node, tail, None, token);
        }
    }

    /// Inserts `value` right after `node` and returns the new node's handle.
    ///
    /// # Panics
    ///
    /// If `node` has been unlinked.
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     let a = list.push_back(1, &member, &mut token);
    ///     list.push_back(3, &member, &mut token);
    ///     list.insert_after(a, 2, &member, &mut token);
    ///     assert_eq!(list.iter(&token).copied().collect::<Vec<_>>(), [1, 2, 3]);
    /// });
    /// ```
    pub fn insert_after(
        &self,
        node: NodeRef<'arena, 'id, T>,
        value: T,
        member: &Member<'arena>,
        token: &mut GhostToken<'id>,
    ) -> NodeRef<'arena, 'id, T> {
        self.assert_linked(node, token, "insert_after");
        let next = node.0.borrow(token).next;
        self.attach(NodeRef::alloc(value, member), Some(node), next, token)
    }

    /// Inserts `value` right before `node` and returns the new node's handle.
    ///
    /// # Panics
    ///
    /// If `node` has been unlinked.
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     let c = list.push_back(3, &member, &mut token);
    ///     list.push_front(1, &member, &mut token);
    ///     list.insert_before(c, 2, &member, &mut token);
    ///     assert_eq!(list.iter(&token).copied().collect::<Vec<_>>(), [1, 2, 3]);
    /// });
    /// ```
    pub fn insert_before(
        &self,
        node: NodeRef<'arena, 'id, T>,
        value: T,
        member: &Member<'arena>,
        token: &mut GhostToken<'id>,
    ) -> NodeRef<'arena, 'id, T> {
        self.assert_linked(node, token, "insert_before");
        let prev = node.0.borrow(token).prev;
        self.attach(NodeRef::alloc(value, member), prev, Some(node), token)
    }

    /// Takes `node` out of the list and returns its value. The node's memory
    /// stays in the arena until the herd is reset or dropped; the handle stays
    /// valid but refers to a removed node ([`is_linked`](Self::is_linked) is
    /// `false`).
    ///
    /// # Panics
    ///
    /// If `node` has already been unlinked: its value was handed out once and
    /// cannot be handed out twice.
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     list.push_back(1, &member, &mut token);
    ///     let two = list.push_back(2, &member, &mut token);
    ///     list.push_back(3, &member, &mut token);
    ///     assert_eq!(list.unlink(two, &mut token), 2);
    ///     assert_eq!(list.iter(&token).copied().collect::<Vec<_>>(), [1, 3]);
    /// });
    /// ```
    pub fn unlink(&self, node: NodeRef<'arena, 'id, T>, token: &mut GhostToken<'id>) -> T {
        self.assert_linked(node, token, "unlink");
        let (prev, next) = {
            let n = node.0.borrow(token);
            (n.prev, n.next)
        };
        match prev {
            Some(prev) => prev.0.borrow_mut(token).next = next,
            None => self.ends.borrow_mut(token).head = next,
        }
        match next {
            Some(next) => next.0.borrow_mut(token).prev = prev,
            None => self.ends.borrow_mut(token).tail = prev,
        }
        self.ends.borrow_mut(token).len -= 1;
        let removed = node.0.borrow_mut(token);
        removed.prev = Some(node);
        removed.next = Some(node);
        // SAFETY:
        // - the value could be uninitialised (taken before): it cannot, the
        //   node was linked (checked above), and a linked node's value is
        //   always initialised; only this line takes it out.
        // - the value could be taken twice: it cannot, the node is now marked
        //   removed (it points at itself), so `assert_linked` stops any later
        //   `unlink`, `get` or `get_mut`, and the list's `Drop` walks only
        //   linked nodes. Nothing between the mark and this line can panic.
        unsafe { ManuallyDrop::take(&mut removed.value) }
    }

    /// Removes the first value and returns it, or `None` if the list is empty.
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     list.extend([1, 2], &member, &mut token);
    ///     assert_eq!(list.pop_front(&mut token), Some(1));
    ///     assert_eq!(list.pop_front(&mut token), Some(2));
    ///     assert_eq!(list.pop_front(&mut token), None);
    /// });
    /// ```
    pub fn pop_front(&self, token: &mut GhostToken<'id>) -> Option<T> {
        let head = self.front_node(token)?;
        Some(self.unlink(head, token))
    }

    /// Removes the last value and returns it, or `None` if the list is empty.
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     list.extend([1, 2], &member, &mut token);
    ///     assert_eq!(list.pop_back(&mut token), Some(2));
    ///     assert_eq!(list.pop_back(&mut token), Some(1));
    ///     assert_eq!(list.pop_back(&mut token), None);
    /// });
    /// ```
    pub fn pop_back(&self, token: &mut GhostToken<'id>) -> Option<T> {
        let tail = self.back_node(token)?;
        Some(self.unlink(tail, token))
    }

    /// Iterates over the values front to back with a shared token. The
    /// iterator is double-ended: `.rev()` walks the back links.
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     list.extend([1, 2, 3], &member, &mut token);
    ///     assert_eq!(list.iter(&token).sum::<i32>(), 6);
    ///     assert_eq!(list.iter(&token).rev().copied().collect::<Vec<_>>(), [3, 2, 1]);
    /// });
    /// ```
    pub fn iter<'a>(&'a self, token: &'a GhostToken<'id>) -> Iter<'a, 'arena, 'id, T> {
        let ends = self.ends.borrow(token);
        Iter {
            front: ends.head,
            back: ends.tail,
            remaining: ends.len,
            token,
            _list: PhantomData,
        }
    }

    /// Calls `f` on every value, front to back, with the token held mutably:
    /// the one writer of the whole list.
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     list.extend([1, 2, 3], &member, &mut token);
    ///     list.for_each_mut(&mut token, |v| *v += 1);
    ///     assert_eq!(list.iter(&token).copied().collect::<Vec<_>>(), [2, 3, 4]);
    /// });
    /// ```
    pub fn for_each_mut(&self, token: &mut GhostToken<'id>, mut f: impl FnMut(&mut T)) {
        let mut cursor = self.ends.borrow(token).head;
        while let Some(node) = cursor {
            let node = node.0.borrow_mut(token);
            f(&mut node.value);
            cursor = node.next;
        }
    }

    /// Links the detached `node` between `prev` and `next`, which must be
    /// neighbours in this list (or `None` for an end).
    pub(super) fn attach(
        &self,
        node: NodeRef<'arena, 'id, T>,
        prev: Link<'arena, 'id, T>,
        next: Link<'arena, 'id, T>,
        token: &mut GhostToken<'id>,
    ) -> NodeRef<'arena, 'id, T> {
        {
            let n = node.0.borrow_mut(token);
            n.prev = prev;
            n.next = next;
        }
        match prev {
            Some(prev) => prev.0.borrow_mut(token).next = Some(node),
            None => self.ends.borrow_mut(token).head = Some(node),
        }
        match next {
            Some(next) => next.0.borrow_mut(token).prev = Some(node),
            None => self.ends.borrow_mut(token).tail = Some(node),
        }
        self.ends.borrow_mut(token).len += 1;
        node
    }

    fn assert_linked(&self, node: NodeRef<'arena, 'id, T>, token: &GhostToken<'id>, what: &str) {
        assert!(
            !node.is_removed(token),
            "{what}: the node was unlinked from the list; its value is gone"
        );
    }
}

impl<T> Drop for ArenaList<'_, '_, T> {
    /// Drops every value still in the list, front to back, exactly once. The
    /// arena would run no destructor: without this, a `String` in a node would
    /// leak. The nodes' memory itself goes back when the herd is reset or
    /// dropped.
    ///
    /// If a value's destructor panics, the values after it are leaked, never
    /// dropped twice.
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     list.push_back(String::from("dropped by the list"), &member, &mut token);
    /// }); // the list, and its String, are dropped here
    /// ```
    fn drop(&mut self) {
        // `&mut self` reaches the ends without a token.
        let mut cursor = self.ends.get_mut().head;
        while let Some(node) = cursor {
            let raw = node.0.as_ptr();
            // SAFETY:
            // - another thread or borrow could be using the node: it cannot.
            //   The brand `'id` was created with this list, so every node of
            //   that brand is one of its nodes, and every path to a node's
            //   contents goes through `&ArenaList` (handles alone open
            //   nothing). We hold `&mut self`, so no such path is alive, and
            //   none will be: the list is being dropped.
            // - `raw` could dangle: it cannot, nodes live in the arena for
            //   `'arena`, which outlives the list.
            let node = unsafe { &mut *raw };
            cursor = node.next;
            // SAFETY:
            // - the value could be uninitialised or dropped twice: it cannot,
            //   we walk the chain from `head`, which holds only linked nodes,
            //   and a linked node's value is initialised; we visit each node
            //   once and read `next` before dropping the value.
            unsafe { ManuallyDrop::drop(&mut node.value) };
        }
    }
}

/// Front-to-back iterator over an [`ArenaList`], from [`ArenaList::iter`];
/// double-ended.
///
/// ```
/// use bumpalo_herd::Herd;
/// use companion::arena::{ArenaList, Iter};
///
/// let herd = Herd::new();
/// ArenaList::new(&herd, |list, mut token, herd| {
///     let member = herd.get();
///     list.extend([1, 2, 3], &member, &mut token);
///     let mut it: Iter<'_, '_, '_, i32> = list.iter(&token);
///     assert_eq!(it.len(), 3);
///     assert_eq!((it.next(), it.next_back()), (Some(&1), Some(&3)));
///     assert_eq!((it.next(), it.next()), (Some(&2), None));
/// });
/// ```
pub struct Iter<'a, 'arena, 'id, T> {
    front: Link<'arena, 'id, T>,
    back: Link<'arena, 'id, T>,
    /// Values not yet yielded from either end: stops the ends crossing.
    remaining: usize,
    token: &'a GhostToken<'id>,
    _list: PhantomData<&'a ArenaList<'arena, 'id, T>>,
}

impl<'a, T> Iterator for Iter<'a, '_, '_, T> {
    type Item = &'a T;

    fn next(&mut self) -> Option<&'a T> {
        if self.remaining == 0 {
            return None;
        }
        self.remaining -= 1;
        let node = self.front?.0.borrow(self.token);
        self.front = node.next;
        Some(&node.value)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl<'a, T> DoubleEndedIterator for Iter<'a, '_, '_, T> {
    fn next_back(&mut self) -> Option<&'a T> {
        if self.remaining == 0 {
            return None;
        }
        self.remaining -= 1;
        let node = self.back?.0.borrow(self.token);
        self.back = node.prev;
        Some(&node.value)
    }
}

impl<T> ExactSizeIterator for Iter<'_, '_, '_, T> {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::panic::{AssertUnwindSafe, catch_unwind};
    use std::rc::Rc;

    use bumpalo_herd::Herd;

    use crate::testing::DropCounter;

    fn forward<'id, T: Clone>(list: &ArenaList<'_, 'id, T>, token: &GhostToken<'id>) -> Vec<T> {
        list.iter(token).cloned().collect()
    }

    fn backward<'id, T: Clone>(list: &ArenaList<'_, 'id, T>, token: &GhostToken<'id>) -> Vec<T> {
        list.iter(token).rev().cloned().collect()
    }

    #[test]
    fn push_pop_and_walk_both_ways() {
        let herd = Herd::new();
        ArenaList::new(&herd, |list, mut token, herd| {
            let member = herd.get();
            assert_eq!(list.pop_front(&mut token), None);
            assert_eq!(list.pop_back(&mut token), None);
            assert!(list.is_empty(&token));
            list.push_front("b", &member, &mut token); // into an empty list
            list.push_front("a", &member, &mut token);
            list.push_back("c", &member, &mut token);
            assert_eq!(list.len(&token), 3);
            assert_eq!(forward(&list, &token), ["a", "b", "c"]);
            assert_eq!(backward(&list, &token), ["c", "b", "a"]);
            assert_eq!((list.front(&token), list.back(&token)), (Some(&"a"), Some(&"c")));
            assert_eq!(list.pop_front(&mut token), Some("a"));
            assert_eq!(list.pop_back(&mut token), Some("c"));
            assert_eq!(list.pop_back(&mut token), Some("b")); // the last one
            assert_eq!((list.front_node(&token), list.back_node(&token)), (None, None));
            list.push_back("d", &member, &mut token); // into an empty list, from the back
            assert_eq!(list.pop_front(&mut token), Some("d"));
            assert_eq!(list.iter(&token).next(), None);
            assert_eq!(list.iter(&token).next_back(), None);
        });
    }

    #[test]
    fn insert_and_unlink_anywhere() {
        let herd = Herd::new();
        ArenaList::new(&herd, |list, mut token, herd| {
            let member = herd.get();
            let two = list.push_back(2, &member, &mut token);
            let one = list.insert_before(two, 1, &member, &mut token); // new head
            let four = list.insert_after(two, 4, &member, &mut token); // new tail
            let three = list.insert_before(four, 3, &member, &mut token); // middle
            list.insert_after(one, 15, &member, &mut token); // middle
            assert_eq!(forward(&list, &token), [1, 15, 2, 3, 4]);
            assert_eq!(list.next_node(two, &token), Some(three));
            assert_eq!(list.prev_node(two, &token).map(|n| *list.get(n, &token)), Some(15));
            assert_eq!(list.unlink(one, &mut token), 1); // the head
            assert_eq!(list.unlink(four, &mut token), 4); // the tail
            assert_eq!(list.unlink(two, &mut token), 2); // a middle node
            assert_eq!(forward(&list, &token), [15, 3]);
            assert_eq!(backward(&list, &token), [3, 15]);
            assert!(!list.is_linked(two, &token));
            assert!(list.is_linked(three, &token));
            *list.get_mut(three, &mut token) = 30;
            assert_eq!(list.len(&token), 2);
            assert_eq!(backward(&list, &token), [30, 15]);
        });
    }

    #[test]
    fn handles_compare_by_node() {
        let herd = Herd::new();
        ArenaList::new(&herd, |list, mut token, herd| {
            let member = herd.get();
            let a = list.push_back(0, &member, &mut token);
            let b = list.push_back(0, &member, &mut token);
            assert_eq!(a, a.clone());
            assert_ne!(a, b); // equal values, different nodes
            assert_ne!(format!("{a:?}"), format!("{b:?}"));
        });
    }

    #[test]
    #[should_panic(expected = "unlink: the node was unlinked from the list; its value is gone")]
    fn unlinking_twice_panics() {
        let herd = Herd::new();
        ArenaList::new(&herd, |list, mut token, herd| {
            let member = herd.get();
            let node = list.push_back(1, &member, &mut token);
            list.unlink(node, &mut token);
            list.unlink(node, &mut token);
        });
    }

    #[test]
    #[should_panic(expected = "get: the node was unlinked from the list; its value is gone")]
    fn reading_an_unlinked_node_panics() {
        let herd = Herd::new();
        ArenaList::new(&herd, |list, mut token, herd| {
            let member = herd.get();
            let node = list.push_back(1, &member, &mut token);
            list.pop_back(&mut token);
            list.get(node, &token);
        });
    }

    #[test]
    #[should_panic(expected = "insert_after: the node was unlinked from the list")]
    fn inserting_after_an_unlinked_node_panics() {
        let herd = Herd::new();
        ArenaList::new(&herd, |list, mut token, herd| {
            let member = herd.get();
            let node = list.push_back(1, &member, &mut token);
            list.pop_front(&mut token);
            list.insert_after(node, 2, &member, &mut token);
        });
    }

    #[test]
    fn iterators_from_both_ends_meet_in_the_middle() {
        let herd = Herd::new();
        ArenaList::new(&herd, |list, mut token, herd| {
            let member = herd.get();
            list.extend(0..5, &member, &mut token);
            let mut it = list.iter(&token);
            assert_eq!(it.size_hint(), (5, Some(5)));
            assert_eq!((it.next(), it.next_back()), (Some(&0), Some(&4)));
            assert_eq!((it.next(), it.next_back()), (Some(&1), Some(&3)));
            assert_eq!(it.next_back(), Some(&2));
            assert_eq!((it.next(), it.next_back()), (None, None));
        });
    }

    #[test]
    fn mutation_of_every_value_with_the_mutable_token() {
        let herd = Herd::new();
        ArenaList::new(&herd, |list, mut token, herd| {
            let member = herd.get();
            list.extend(["a", "b"].map(String::from), &member, &mut token);
            list.for_each_mut(&mut token, |s| s.push('!'));
            assert_eq!(forward(&list, &token), ["a!", "b!"]);
        });
    }

    #[test]
    fn a_long_list_is_dropped_without_recursion() {
        let herd = Herd::new();
        let n = if cfg!(miri) { 500 } else { 200_000 };
        let sum = ArenaList::new(&herd, |list, mut token, herd| {
            let member = herd.get();
            list.extend((0..n).map(|i| vec![i]), &member, &mut token);
            list.iter(&token).map(|v| v[0]).sum::<u64>()
        });
        assert_eq!(sum, n * (n - 1) / 2);
    }

    #[test]
    fn nodes_sit_next_to_each_other_in_the_arena() {
        let herd = Herd::new();
        let node_size = size_of::<GhostCell<'_, Node<'_, '_, u64>>>();
        ArenaList::new(&herd, |list, mut token, herd| {
            let member = herd.get();
            // The arena allocates downwards: each push lands just below.
            let a = list.push_back(1, &member, &mut token);
            let b = list.push_back(2, &member, &mut token);
            assert_eq!(ptr::from_ref(a.0).addr() - ptr::from_ref(b.0).addr(), node_size);
            // `extend` allocates last value first: its nodes rise from front to back.
            list.extend(3..=5_u64, &member, &mut token);
            let c = list.next_node(b, &token).unwrap();
            let d = list.next_node(c, &token).unwrap();
            assert_eq!(ptr::from_ref(d.0).addr() - ptr::from_ref(c.0).addr(), node_size);
            assert!(list.iter(&token).copied().eq(1..=5));
        });
    }

    #[test]
    #[cfg(target_pointer_width = "64")]
    fn node_size_on_64_bit() {
        // value (8) + two links (8 each): `None` is the null reference, and
        // `GhostCell` and `ManuallyDrop` add nothing.
        assert_eq!(size_of::<GhostCell<'_, Node<'_, '_, u64>>>(), 24);
    }

    #[test]
    fn unlinked_nodes_keep_their_memory_until_the_herd_goes() {
        let mut herd = Herd::new();
        let churn = if cfg!(miri) { 100 } else { 10_000 };
        let grown = ArenaList::new(&herd, |list, mut token, herd| {
            let member = herd.get();
            list.push_back(0_u64, &member, &mut token);
            let before = member.as_bump().allocated_bytes();
            for i in 0..churn {
                list.push_back(i, &member, &mut token);
                list.pop_front(&mut token);
            }
            assert_eq!(list.len(&token), 1); // one value in the list...
            member.as_bump().allocated_bytes() - before // ...and all this memory
        });
        assert!(grown >= churn as usize * size_of::<GhostCell<'_, Node<'_, '_, u64>>>());
        herd.reset(); // the only way to get it back: no list can be alive here
    }

    fn counter() -> Rc<Cell<usize>> {
        Rc::new(Cell::new(0))
    }

    #[test]
    fn drops_an_unlinked_value_once_whether_it_is_linked_or_not() {
        let drops = counter();
        let herd = Herd::new();
        ArenaList::new(&herd, |list, mut token, herd| {
            let member = herd.get();
            let kept = Unlinked::alloc(DropCounter(Rc::clone(&drops)), &member);
            let dropped = Unlinked::alloc(DropCounter(Rc::clone(&drops)), &member);
            drop(dropped);
            assert_eq!(drops.get(), 1); // dropped by the guard, not leaked
            list.attach(kept.into_node(), None, None, &mut token);
            assert_eq!(drops.get(), 1); // linked: now the list's
        });
        assert_eq!(drops.get(), 2);
    }

    #[test]
    fn drops_every_value_once_when_the_list_is_dropped() {
        let drops = counter();
        let herd = Herd::new();
        ArenaList::new(&herd, |list, mut token, herd| {
            let member = herd.get();
            list.extend((0..5).map(|_| DropCounter(Rc::clone(&drops))), &member, &mut token);
            assert_eq!(drops.get(), 0);
        });
        assert_eq!(drops.get(), 5);
        drop(herd); // freeing the arena's memory drops nothing more
        assert_eq!(drops.get(), 5);
    }

    #[test]
    fn drops_unlinked_values_once_through_their_new_owner() {
        let drops = counter();
        let herd = Herd::new();
        ArenaList::new(&herd, |list, mut token, herd| {
            let member = herd.get();
            let nodes: Vec<_> = (0..4)
                .map(|_| list.push_back(DropCounter(Rc::clone(&drops)), &member, &mut token))
                .collect();
            let taken = list.unlink(nodes[1], &mut token);
            assert_eq!(drops.get(), 0); // moved out, not dropped
            drop(taken);
            assert_eq!(drops.get(), 1);
            drop(list.pop_front(&mut token));
            drop(list.pop_back(&mut token));
            assert_eq!(drops.get(), 3);
            // The unlinked nodes stay in the arena; the list must not drop
            // their (moved-out) values again.
        });
        assert_eq!(drops.get(), 4);
    }

    #[test]
    fn drops_every_value_once_when_a_panic_interrupts_iteration() {
        let drops = counter();
        let herd = Herd::new();
        let result = catch_unwind(AssertUnwindSafe(|| {
            ArenaList::new(&herd, |list, mut token, herd| {
                let member = herd.get();
                list.extend((0..6).map(|_| DropCounter(Rc::clone(&drops))), &member, &mut token);
                drop(list.pop_back(&mut token));
                for (i, _) in list.iter(&token).enumerate() {
                    if i == 2 {
                        panic!("interrupting the walk");
                    }
                }
            })
        }));
        assert!(result.is_err());
        assert_eq!(drops.get(), 6); // 1 popped + 5 dropped by the unwinding list
    }

    #[test]
    #[cfg_attr(miri, ignore = "leaks a value on purpose, and Miri reports every leak")]
    fn drops_the_rest_are_leaked_not_doubled_when_a_destructor_panics() {
        struct PanicsOnDrop {
            _counted: DropCounter,
        }
        impl Drop for PanicsOnDrop {
            fn drop(&mut self) {
                panic!("a destructor panicked");
            }
        }
        let drops = counter();
        let herd = Herd::new();
        let result = catch_unwind(AssertUnwindSafe(|| {
            ArenaList::new(&herd, |list, mut token, herd| {
                let member = herd.get();
                for i in 0..3 {
                    let value = DropCounter(Rc::clone(&drops));
                    let value = if i == 1 { Err(PanicsOnDrop { _counted: value }) } else { Ok(value) };
                    list.push_back(value, &member, &mut token);
                }
            })
        }));
        assert!(result.is_err());
        // The first value and the panicking one (its field is still dropped
        // during unwinding); the third is leaked.
        assert_eq!(drops.get(), 2);
    }
}
