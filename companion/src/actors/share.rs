//! Shared state: one value several actors read and write, checked at
//! compile time.

#![forbid(unsafe_code)]

use std::rc::{Rc, Weak};

use super::context::Cx;
use super::runtime::{Core, Runtime};
use crate::async_cells::branded;
use crate::ghost::{GhostAliasingError, GhostBorrowMut, GhostCell, GhostToken};

mod sealed {
    use crate::ghost::GhostToken;

    /// A value only this file can make: its field is private to this
    /// module, and the module is private. Every method of [`Sealed`] takes
    /// one, so code outside this file cannot call them, not even through a
    /// generic `T: ShareOwner<'id>` bound, which would reach a supertrait's
    /// methods whatever the supertrait's name.
    pub struct Key(());

    /// The one key, for the accessors of [`Share`](super::Share).
    pub(super) const KEY: Key = Key(());

    /// How a [`ShareOwner`](super::ShareOwner) reaches the runtime's share
    /// token. Callable only with a [`Key`], so the token is not handed to
    /// user code by this path.
    pub trait Sealed<'id> {
        fn token(&mut self, key: Key) -> &mut GhostToken<'id>;
        fn token_ref(&self, key: Key) -> &GhostToken<'id>;
    }
}

use sealed::KEY;

/// What opens a [`Share`] of brand `'id`: the runtime, its [`Core`], an
/// actor's [`Cx`], and the poll context of a task the runtime runs
/// ([`branded::Cx`]). Sealed: no other type can implement it, and the
/// methods of its hidden supertrait take an argument that only this crate
/// can make, so a generic `T: ShareOwner<'id>` gives no way to reach the
/// token either; [`Share::rw`] and [`Share::ro`] are the only uses.
///
/// All of them hold, or borrow, the runtime's one share token, so a
/// `share.rw(cx)` borrows `cx` mutably for as long as the `&mut T` lives:
/// no call that needs `cx` can happen meanwhile, and no second share can be
/// opened for writing.
///
/// # Example
///
/// ```
/// use companion::actors::{Share, ShareOwner};
///
/// fn bump<'id>(share: &Share<'id, u32>, owner: &mut impl ShareOwner<'id>) {
///     *share.rw(owner) += 1;
/// }
///
/// companion::actors::Runtime::scope(std::time::Instant::now(), |mut rt| {
///     let s = Share::new(1);
///     bump(&s, &mut rt);
///     assert_eq!(*s.ro(&rt), 2);
/// });
/// ```
pub trait ShareOwner<'id>: sealed::Sealed<'id> {}

impl<'id> sealed::Sealed<'id> for Core<'id> {
    #[inline]
    fn token(&mut self, _: sealed::Key) -> &mut GhostToken<'id> {
        self.share_token()
    }
    #[inline]
    fn token_ref(&self, _: sealed::Key) -> &GhostToken<'id> {
        self.share_token_ref()
    }
}
impl<'id> ShareOwner<'id> for Core<'id> {}

impl<'id> sealed::Sealed<'id> for Runtime<'id> {
    #[inline]
    fn token(&mut self, _: sealed::Key) -> &mut GhostToken<'id> {
        self.share_token()
    }
    #[inline]
    fn token_ref(&self, _: sealed::Key) -> &GhostToken<'id> {
        self.share_token_ref()
    }
}
impl<'id> ShareOwner<'id> for Runtime<'id> {}

impl<'id, A> sealed::Sealed<'id> for Cx<'id, '_, A> {
    #[inline]
    fn token(&mut self, _: sealed::Key) -> &mut GhostToken<'id> {
        self.share_token()
    }
    #[inline]
    fn token_ref(&self, _: sealed::Key) -> &GhostToken<'id> {
        self.share_token_ref()
    }
}
impl<'id, A> ShareOwner<'id> for Cx<'id, '_, A> {}

impl<'id> sealed::Sealed<'id> for branded::Cx<'id, '_, GhostToken<'id>> {
    #[inline]
    fn token(&mut self, _: sealed::Key) -> &mut GhostToken<'id> {
        self.owner_mut()
    }
    #[inline]
    fn token_ref(&self, _: sealed::Key) -> &GhostToken<'id> {
        self.owner()
    }
}
impl<'id> ShareOwner<'id> for branded::Cx<'id, '_, GhostToken<'id>> {}

/// A value shared by reference count between actors (and tasks) of one
/// runtime, opened with [`rw`](Self::rw) and [`ro`](Self::ro).
///
/// Inside: an `Rc<GhostCell<'id, T>>`, opened with the runtime's share
/// token, which actor code reaches only through its context. So the borrow
/// checker sees every rule: a `&mut T` from `share.rw(cx)` blocks `cx` until
/// it ends (no call, no timer, no second share), and cannot be kept after
/// the method (the `cx` borrow ends with it). At run time `rw` is a plain
/// pointer access, the same machine code as a `&mut` access.
///
/// # Example
///
/// ```
/// use companion::actors::{Cx, Ret, Runtime, Share, actor, call};
/// use std::time::Instant;
///
/// struct Worker<'id> {
///     tally: Share<'id, u64>,
/// }
///
/// impl<'id> Worker<'id> {
///     fn init(_: &mut Cx<'id, '_, Self>, tally: Share<'id, u64>) -> Option<Self> {
///         Some(Worker { tally })
///     }
///     fn record(&mut self, cx: &mut Cx<'id, '_, Self>, n: u64) {
///         *self.tally.rw(cx) += n;
///     }
/// }
///
/// let now = Instant::now();
/// Runtime::scope(now, |mut rt| {
///     let tally = Share::new(0);
///     let a = actor!(rt, Worker::init(tally.clone()), Ret::nop());
///     let b = actor!(rt, Worker::init(tally.clone()), Ret::nop());
///     call!([a], record(2));
///     call!([b], record(3));
///     rt.run(now, false);
///     assert_eq!(*tally.ro(&rt), 5);
/// });
/// ```
// The `asm` step of `ci/test` compares the machine code of `rw` and `ro`
// with plain reference accesses.
pub struct Share<'id, T> {
    cell: Rc<GhostCell<'id, T>>,
}

impl<T> Clone for Share<'_, T> {
    fn clone(&self) -> Self {
        Share { cell: self.cell.clone() }
    }
}

impl<'id, T> Share<'id, T> {
    /// A new shared value. Its brand is the runtime's it is first used
    /// with.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{Runtime, Share};
    ///
    /// Runtime::scope(std::time::Instant::now(), |rt| {
    ///     let names = Share::new(vec!["ada"]);
    ///     assert_eq!(names.ro(&rt).len(), 1);
    /// });
    /// ```
    pub fn new(value: T) -> Self {
        Share { cell: Rc::new(GhostCell::new(value)) }
    }

    /// The value, mutably, for as long as `owner` is borrowed.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{Runtime, Share};
    ///
    /// Runtime::scope(std::time::Instant::now(), |mut rt| {
    ///     let s = Share::new(String::from("a"));
    ///     s.rw(&mut rt).push('b');
    ///     assert_eq!(s.ro(&rt), "ab");
    /// });
    /// ```
    #[inline]
    pub fn rw<'a>(&'a self, owner: &'a mut impl ShareOwner<'id>) -> &'a mut T {
        self.cell.borrow_mut(sealed::Sealed::token(owner, KEY))
    }

    /// The value, shared, for as long as `owner` is borrowed: any number of
    /// shares can be read at once.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{Runtime, Share};
    ///
    /// Runtime::scope(std::time::Instant::now(), |rt| {
    ///     let (a, b) = (Share::new(2), Share::new(3));
    ///     assert_eq!(*a.ro(&rt) * *b.ro(&rt), 6);
    /// });
    /// ```
    #[inline]
    pub fn ro<'a>(&'a self, owner: &'a impl ShareOwner<'id>) -> &'a T {
        self.cell.borrow(sealed::Sealed::token_ref(owner, KEY))
    }

    /// Two shares, mutably, at once: `Err` if they are the same share (two
    /// `&mut` to one value are never handed out). The check compares two
    /// addresses.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{Runtime, Share};
    ///
    /// Runtime::scope(std::time::Instant::now(), |mut rt| {
    ///     let (from, to) = (Share::new(10), Share::new(0));
    ///     let (f, t) = Share::rw2(&from, &to, &mut rt).unwrap();
    ///     std::mem::swap(f, t);
    ///     assert_eq!((*from.ro(&rt), *to.ro(&rt)), (0, 10));
    ///     assert!(Share::rw2(&from, &from.clone(), &mut rt).is_err());
    /// });
    /// ```
    pub fn rw2<'a, U>(
        a: &'a Self,
        b: &'a Share<'id, U>,
        owner: &'a mut impl ShareOwner<'id>,
    ) -> Result<(&'a mut T, &'a mut U), GhostAliasingError> {
        (&*a.cell, &*b.cell).borrow_mut(sealed::Sealed::token(owner, KEY))
    }

    /// Three shares, mutably, at once: `Err` if any two are the same share.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{Runtime, Share};
    ///
    /// Runtime::scope(std::time::Instant::now(), |mut rt| {
    ///     let (a, b, c) = (Share::new(1), Share::new(2), Share::new(3));
    ///     let (x, y, z) = Share::rw3(&a, &b, &c, &mut rt).unwrap();
    ///     *z = *x + *y;
    ///     assert_eq!(*c.ro(&rt), 3);
    ///     assert!(Share::rw3(&a, &b, &a, &mut rt).is_err());
    /// });
    /// ```
    #[allow(clippy::type_complexity)]
    pub fn rw3<'a, U, V>(
        a: &'a Self,
        b: &'a Share<'id, U>,
        c: &'a Share<'id, V>,
        owner: &'a mut impl ShareOwner<'id>,
    ) -> Result<(&'a mut T, &'a mut U, &'a mut V), GhostAliasingError> {
        (&*a.cell, &*b.cell, &*c.cell).borrow_mut(sealed::Sealed::token(owner, KEY))
    }

    /// A weak handle: does not keep the value alive.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::{Runtime, Share};
    ///
    /// Runtime::scope(std::time::Instant::now(), |rt| {
    ///     let s = Share::new(1);
    ///     let weak = s.downgrade();
    ///     assert_eq!(weak.upgrade().map(|s| *s.ro(&rt)), Some(1));
    ///     drop(s);
    ///     assert!(weak.upgrade().is_none());
    /// });
    /// ```
    pub fn downgrade(&self) -> ShareWeak<'id, T> {
        ShareWeak { cell: Rc::downgrade(&self.cell) }
    }

    /// How many `Share` handles of this value exist.
    pub fn strong_count(&self) -> usize {
        Rc::strong_count(&self.cell)
    }

    /// How many [`ShareWeak`] handles of this value exist.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::Share;
    ///
    /// let s = Share::<'_, u8>::new(0);
    /// let w = s.downgrade();
    /// assert_eq!((s.strong_count(), s.weak_count()), (1, 1));
    /// drop(w);
    /// assert_eq!(s.weak_count(), 0);
    /// ```
    pub fn weak_count(&self) -> usize {
        Rc::weak_count(&self.cell)
    }
}

/// A weak handle to a [`Share`]: upgrade it to use the value, if it is
/// still alive. Breaks the cycle when a shared value holds handles back to
/// its users.
///
/// # Example
///
/// ```
/// use companion::actors::{Runtime, Share, ShareWeak};
///
/// Runtime::scope(std::time::Instant::now(), |mut rt| {
///     let s = Share::new(10);
///     let w: ShareWeak<'_, i32> = s.downgrade();
///     if let Some(s) = w.upgrade() {
///         *s.rw(&mut rt) += 1;
///     }
///     assert_eq!(*s.ro(&rt), 11);
/// });
/// ```
pub struct ShareWeak<'id, T> {
    cell: Weak<GhostCell<'id, T>>,
}

impl<T> Clone for ShareWeak<'_, T> {
    fn clone(&self) -> Self {
        ShareWeak { cell: self.cell.clone() }
    }
}

impl<'id, T> ShareWeak<'id, T> {
    /// The share, if a strong handle still exists.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::Share;
    ///
    /// let s = Share::<'_, u8>::new(0);
    /// assert!(s.downgrade().upgrade().is_some());
    /// ```
    pub fn upgrade(&self) -> Option<Share<'id, T>> {
        self.cell.upgrade().map(|cell| Share { cell })
    }

    /// How many [`Share`] handles of the value exist: `0` once it is gone.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::Share;
    ///
    /// let s = Share::<'_, u8>::new(0);
    /// let w = s.downgrade();
    /// assert_eq!(w.strong_count(), 1);
    /// drop(s);
    /// assert_eq!(w.strong_count(), 0);
    /// ```
    pub fn strong_count(&self) -> usize {
        self.cell.strong_count()
    }

    /// How many `ShareWeak` handles of the value exist, this one included,
    /// while the value lives: `0` once it is gone, as [`Weak::weak_count`]
    /// counts.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::actors::Share;
    ///
    /// let s = Share::<'_, u8>::new(0);
    /// let w = s.downgrade();
    /// let w2 = w.clone();
    /// assert_eq!(w2.weak_count(), 2);
    /// drop(s);
    /// assert_eq!(w.weak_count(), 0, "the value is gone");
    /// ```
    pub fn weak_count(&self) -> usize {
        self.cell.weak_count()
    }
}
