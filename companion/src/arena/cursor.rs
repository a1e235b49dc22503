//! A cursor that walks the list and edits it where it stands, holding the
//! token mutably for as long as it lives.

#![forbid(unsafe_code)]

use bumpalo_herd::Member;
use ghost_cell::GhostToken;

use super::list::{ArenaList, Link, NodeRef};

/// A position in an [`ArenaList`] that can move both ways and edit the list
/// around it. Made by [`ArenaList::cursor_front`], [`ArenaList::cursor_back`]
/// or [`ArenaList::cursor_at`].
///
/// The cursor borrows the token mutably, so while it lives it is the one
/// reader and writer of the list. It stands either on a node or on the
/// *ghost* position between the back and the front (where
/// [`current`](Self::current) is `None`); moving past either end lands there,
/// and moving on from there wraps around, like the standard library's
/// linked-list cursors.
///
/// ```
/// use bumpalo_herd::Herd;
/// use companion::arena::ArenaList;
///
/// let herd = Herd::new();
/// ArenaList::new(&herd, |list, mut token, herd| {
///     let member = herd.get();
///     list.extend([1, 2, 3, 4], &member, &mut token);
///     let mut cursor = list.cursor_front(&mut token);
///     while let Some(&value) = cursor.current() {
///         if value % 2 == 0 {
///             cursor.remove_current(); // moves on to the next node
///         } else {
///             *cursor.current_mut().unwrap() *= 10;
///             cursor.move_next();
///         }
///     }
///     assert_eq!(list.iter(&token).copied().collect::<Vec<_>>(), [10, 30]);
/// });
/// ```
pub struct CursorMut<'a, 'arena, 'id, T> {
    list: &'a ArenaList<'arena, 'id, T>,
    token: &'a mut GhostToken<'id>,
    current: Link<'arena, 'id, T>,
}

impl<'arena, 'id, T> ArenaList<'arena, 'id, T> {
    /// A cursor on the first node (on the ghost position if the list is
    /// empty).
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     list.extend([1, 2], &member, &mut token);
    ///     assert_eq!(list.cursor_front(&mut token).current(), Some(&1));
    /// });
    /// ```
    pub fn cursor_front<'a>(&'a self, token: &'a mut GhostToken<'id>) -> CursorMut<'a, 'arena, 'id, T> {
        let current = self.front_node(token);
        CursorMut { list: self, token, current }
    }

    /// A cursor on the last node (on the ghost position if the list is
    /// empty).
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     list.extend([1, 2], &member, &mut token);
    ///     assert_eq!(list.cursor_back(&mut token).current(), Some(&2));
    /// });
    /// ```
    pub fn cursor_back<'a>(&'a self, token: &'a mut GhostToken<'id>) -> CursorMut<'a, 'arena, 'id, T> {
        let current = self.back_node(token);
        CursorMut { list: self, token, current }
    }

    /// A cursor on `node`.
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
    ///     list.push_back(1, &member, &mut token);
    ///     let two = list.push_back(2, &member, &mut token);
    ///     let mut cursor = list.cursor_at(two, &mut token);
    ///     cursor.move_prev();
    ///     assert_eq!(cursor.current(), Some(&1));
    /// });
    /// ```
    pub fn cursor_at<'a>(
        &'a self,
        node: NodeRef<'arena, 'id, T>,
        token: &'a mut GhostToken<'id>,
    ) -> CursorMut<'a, 'arena, 'id, T> {
        assert!(
            self.is_linked(node, token),
            "cursor_at: the node was unlinked from the list; its value is gone"
        );
        CursorMut { list: self, token, current: Some(node) }
    }
}

impl<'arena, 'id, T> CursorMut<'_, 'arena, 'id, T> {
    /// The node the cursor stands on, or `None` on the ghost position.
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     let only = list.push_back(1, &member, &mut token);
    ///     let mut cursor = list.cursor_front(&mut token);
    ///     assert_eq!(cursor.node(), Some(only));
    ///     cursor.move_next();
    ///     assert_eq!(cursor.node(), None);
    /// });
    /// ```
    pub fn node(&self) -> Link<'arena, 'id, T> {
        self.current
    }

    /// Borrows the current value (`None` on the ghost position).
    ///
    /// ```
    /// use companion::arena::ArenaList;
    ///
    /// use bumpalo_herd::Herd;
    ///
    /// ArenaList::<i32>::new(&Herd::new(), |list, mut token, _| {
    ///     assert_eq!(list.cursor_front(&mut token).current(), None);
    /// });
    /// ```
    pub fn current(&self) -> Option<&T> {
        self.current.map(|node| self.list.get(node, self.token))
    }

    /// Mutably borrows the current value (`None` on the ghost position).
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     list.push_back(1, &member, &mut token);
    ///     *list.cursor_front(&mut token).current_mut().unwrap() = 5;
    ///     assert_eq!(list.front(&token), Some(&5));
    /// });
    /// ```
    pub fn current_mut(&mut self) -> Option<&mut T> {
        self.current.map(|node| self.list.get_mut(node, self.token))
    }

    /// Moves to the next node; from the back to the ghost position, and from
    /// the ghost position to the front.
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     list.extend([1, 2], &member, &mut token);
    ///     let mut cursor = list.cursor_front(&mut token);
    ///     cursor.move_next();
    ///     assert_eq!(cursor.current(), Some(&2));
    ///     cursor.move_next();
    ///     assert_eq!(cursor.current(), None);
    ///     cursor.move_next();
    ///     assert_eq!(cursor.current(), Some(&1));
    /// });
    /// ```
    pub fn move_next(&mut self) {
        self.current = match self.current {
            Some(node) => self.list.next_node(node, self.token),
            None => self.list.front_node(self.token),
        };
    }

    /// Moves to the previous node; from the front to the ghost position, and
    /// from the ghost position to the back.
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     list.extend([1, 2], &member, &mut token);
    ///     let mut cursor = list.cursor_front(&mut token);
    ///     cursor.move_prev();
    ///     assert_eq!(cursor.current(), None);
    ///     cursor.move_prev();
    ///     assert_eq!(cursor.current(), Some(&2));
    /// });
    /// ```
    pub fn move_prev(&mut self) {
        self.current = match self.current {
            Some(node) => self.list.prev_node(node, self.token),
            None => self.list.back_node(self.token),
        };
    }

    /// Inserts `value` after the current node (at the front, from the ghost
    /// position). The cursor does not move.
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     list.push_back(1, &member, &mut token);
    ///     let mut cursor = list.cursor_front(&mut token);
    ///     cursor.insert_after(2, &member);
    ///     assert_eq!(cursor.current(), Some(&1));
    ///     assert_eq!(list.iter(&token).copied().collect::<Vec<_>>(), [1, 2]);
    /// });
    /// ```
    pub fn insert_after(&mut self, value: T, member: &Member<'arena>) -> NodeRef<'arena, 'id, T> {
        match self.current {
            Some(node) => self.list.insert_after(node, value, member, self.token),
            None => self.list.push_front(value, member, self.token),
        }
    }

    /// Inserts `value` before the current node (at the back, from the ghost
    /// position). The cursor does not move.
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     list.push_back(2, &member, &mut token);
    ///     let mut cursor = list.cursor_front(&mut token);
    ///     cursor.insert_before(1, &member);
    ///     assert_eq!(cursor.current(), Some(&2));
    ///     assert_eq!(list.iter(&token).copied().collect::<Vec<_>>(), [1, 2]);
    /// });
    /// ```
    pub fn insert_before(&mut self, value: T, member: &Member<'arena>) -> NodeRef<'arena, 'id, T> {
        match self.current {
            Some(node) => self.list.insert_before(node, value, member, self.token),
            None => self.list.push_back(value, member, self.token),
        }
    }

    /// Unlinks the current node, returns its value and moves to the next
    /// node. Returns `None` (and does nothing) on the ghost position.
    ///
    /// ```
    /// use bumpalo_herd::Herd;
    /// use companion::arena::ArenaList;
    ///
    /// let herd = Herd::new();
    /// ArenaList::new(&herd, |list, mut token, herd| {
    ///     let member = herd.get();
    ///     list.extend([1, 2], &member, &mut token);
    ///     let mut cursor = list.cursor_front(&mut token);
    ///     assert_eq!(cursor.remove_current(), Some(1));
    ///     assert_eq!(cursor.current(), Some(&2));
    /// });
    /// ```
    pub fn remove_current(&mut self) -> Option<T> {
        let node = self.current?;
        self.current = self.list.next_node(node, self.token);
        Some(self.list.unlink(node, self.token))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bumpalo_herd::Herd;

    #[test]
    fn a_cursor_walks_both_ways_and_wraps_through_the_ghost() {
        let herd = Herd::new();
        ArenaList::new(&herd, |list, mut token, herd| {
            let member = herd.get();
            list.extend([1, 2, 3], &member, &mut token);
            let mut cursor = list.cursor_back(&mut token);
            let mut seen = Vec::new();
            for _ in 0..8 {
                seen.push(cursor.current().copied());
                cursor.move_prev();
            }
            assert_eq!(seen, [Some(3), Some(2), Some(1), None, Some(3), Some(2), Some(1), None]);
        });
    }

    #[test]
    fn a_cursor_edits_where_it_stands() {
        let herd = Herd::new();
        ArenaList::new(&herd, |list, mut token, herd| {
            let member = herd.get();
            let mut cursor = list.cursor_front(&mut token);
            assert_eq!(cursor.remove_current(), None); // ghost position: nothing
            assert_eq!(cursor.current_mut(), None);
            cursor.insert_before(3, &member); // ghost: at the back
            cursor.insert_after(1, &member); // ghost: at the front
            cursor.move_next(); // onto 1
            cursor.insert_after(2, &member);
            cursor.insert_before(0, &member);
            assert_eq!(cursor.current(), Some(&1));
            cursor.move_next();
            *cursor.current_mut().unwrap() = 20;
            assert_eq!(cursor.remove_current(), Some(20));
            assert_eq!(cursor.current(), Some(&3));
            assert_eq!(cursor.remove_current(), Some(3)); // the tail
            assert_eq!(cursor.node(), None);
            assert_eq!(list.iter(&token).copied().collect::<Vec<_>>(), [0, 1]);
            assert_eq!(list.len(&token), 2);
        });
    }

    #[test]
    #[should_panic(expected = "cursor_at: the node was unlinked from the list")]
    fn a_cursor_cannot_start_on_an_unlinked_node() {
        let herd = Herd::new();
        ArenaList::new(&herd, |list, mut token, herd| {
            let member = herd.get();
            let node = list.push_back(1, &member, &mut token);
            list.pop_back(&mut token);
            list.cursor_at(node, &mut token);
        });
    }
}
