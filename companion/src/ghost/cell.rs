//! The cell: the data half of a GhostCell.
//!
//! A [`GhostCell<'brand, T>`] is a `T` behind an [`UnsafeCell`], stamped with
//! a brand. It has no borrow flag and no lock: whoever may touch the `T` is
//! decided by who holds the [`GhostToken<'brand>`](GhostToken) of the same
//! brand, and that is checked at compile time.

use core::cell::UnsafeCell;
use core::marker::PhantomData;
use core::{mem, ptr};

use super::multi::{GhostAliasingError, GhostBorrowMut};
use super::token::{GhostToken, InvariantBrand};

/// A `T` whose access is controlled by the [`GhostToken`] of brand `'brand`.
///
/// | you hold | you get | method |
/// |---|---|---|
/// | `&GhostCell` and `&GhostToken` | `&T` | [`borrow`](Self::borrow) |
/// | `&GhostCell` and `&mut GhostToken` | `&mut T` | [`borrow_mut`](Self::borrow_mut) |
/// | `&mut GhostCell` (no token) | `&mut T` | [`get_mut`](Self::get_mut) |
/// | `GhostCell` (no token) | `T` | [`into_inner`](Self::into_inner) |
///
/// Because `&GhostCell` can be copied freely, a structure may point at one
/// cell from many places (a doubly linked list, a graph) and still mutate it
/// safely: the permission travels with the single token, not with the
/// pointers.
///
/// `GhostCell<'brand, T>` is `#[repr(transparent)]` over `UnsafeCell<T>`, so
/// it has exactly the size, alignment and layout of `T`; the brand is a
/// zero-sized marker. Reading through it costs what reading a `T` costs.
///
/// # Example
///
/// ```
/// use companion::ghost::{GhostCell, GhostToken};
///
/// GhostToken::new(|mut token| {
///     let cell = GhostCell::new(vec![1]);
///     let (a, b) = (&cell, &cell); // two aliases of one cell
///     a.borrow_mut(&mut token).push(2);
///     b.borrow_mut(&mut token).push(3);
///     assert_eq!(*cell.borrow(&token), [1, 2, 3]);
/// });
/// ```
#[repr(transparent)]
pub struct GhostCell<'brand, T: ?Sized> {
    _brand: InvariantBrand<'brand>,
    value: UnsafeCell<T>,
}

impl<'brand, T> GhostCell<'brand, T> {
    /// Wraps `value` in a cell. The brand is fixed by the first token the
    /// cell is used with.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::ghost::{GhostCell, GhostToken};
    ///
    /// GhostToken::new(|token| {
    ///     let cell = GhostCell::new('g');
    ///     assert_eq!(*cell.borrow(&token), 'g');
    /// });
    /// ```
    pub const fn new(value: T) -> Self {
        GhostCell {
            _brand: PhantomData,
            value: UnsafeCell::new(value),
        }
    }

    /// Unwraps the cell. Owning the cell means nobody else can reach it, so no
    /// token is needed.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::ghost::{GhostCell, GhostToken};
    ///
    /// let value = GhostToken::new(|mut token| {
    ///     let cell = GhostCell::new(1);
    ///     *cell.borrow_mut(&mut token) = 2;
    ///     cell.into_inner()
    /// });
    /// assert_eq!(value, 2);
    /// ```
    pub fn into_inner(self) -> T {
        self.value.into_inner()
    }
}

impl<'brand, T: ?Sized> GhostCell<'brand, T> {
    /// Reads the cell. The token is only looked at, so any number of cells of
    /// the brand can be read at once.
    ///
    /// The result borrows both the cell and the token for `'a`: while it
    /// lives, nobody can take `&mut` to the token and write.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::ghost::{GhostCell, GhostToken};
    ///
    /// GhostToken::new(|token| {
    ///     let (x, y) = (GhostCell::new(3), GhostCell::new(4));
    ///     let (a, b) = (x.borrow(&token), y.borrow(&token));
    ///     assert_eq!(a * a + b * b, 25);
    /// });
    /// ```
    pub fn borrow<'a>(&'a self, _token: &'a GhostToken<'brand>) -> &'a T {
        // SAFETY: we hand out `&T` for `'a`; it is unsound only if a `&mut T`
        // to the same value could be live during `'a`. A `&mut T` comes from:
        // - `borrow_mut` or a `GhostBorrowMut` method: these need
        //   `&mut GhostToken<'brand>`, but the token is shared-borrowed for
        //   `'a` here, and the brand is invariant and unique (`GhostToken::new`)
        //   so no other token can stand in for this one;
        // - `get_mut` or `AsMut`: these need `&mut self`, but `self` is
        //   shared-borrowed for `'a` here;
        // - `from_mut`: the `&mut T` it consumed stays borrowed as long as
        //   this cell reference lives, so it cannot be used meanwhile.
        unsafe { &*self.value.get() }
    }

    /// Writes the cell. The token is borrowed mutably, so while the result
    /// lives no other cell of the brand can be read or written through it.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::ghost::{GhostCell, GhostToken};
    ///
    /// GhostToken::new(|mut token| {
    ///     let cell = GhostCell::new(1);
    ///     let alias = &cell;
    ///     *alias.borrow_mut(&mut token) += 1;
    ///     assert_eq!(*cell.borrow(&token), 2);
    /// });
    /// ```
    pub fn borrow_mut<'a>(&'a self, _token: &'a mut GhostToken<'brand>) -> &'a mut T {
        // SAFETY: we hand out `&mut T` for `'a`; it is unsound only if any
        // other reference to the value could be live during `'a`. Another
        // reference comes from:
        // - `borrow`, `borrow_mut` or the multi-borrow traits: all need the
        //   token of brand `'brand`, which is mutably borrowed for `'a` here,
        //   and no second token of this brand exists (invariant, fresh brand);
        // - `get_mut` or `AsMut`: these need `&mut self`, but `self` is
        //   shared-borrowed for `'a` here;
        // - `from_mut`: the original `&mut T` stays borrowed while this cell
        //   reference lives.
        unsafe { &mut *self.value.get() }
    }

    /// A raw pointer to the value. Dereferencing it is up to you: the token
    /// rules no longer protect you.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::ghost::GhostCell;
    ///
    /// let cell = GhostCell::new(7_u32);
    /// // The value lives exactly where the cell lives.
    /// assert_eq!(cell.as_ptr() as usize, &cell as *const _ as usize);
    /// ```
    pub const fn as_ptr(&self) -> *mut T {
        self.value.get()
    }

    /// Borrows the value through a unique reference to the cell. `&mut self`
    /// already proves nobody else can reach the cell, so no token is needed.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::ghost::{GhostCell, GhostToken};
    ///
    /// GhostToken::new(|token| {
    ///     let mut cell = GhostCell::new(1);
    ///     *cell.get_mut() = 2;
    ///     assert_eq!(*cell.borrow(&token), 2);
    /// });
    /// ```
    pub fn get_mut(&mut self) -> &mut T {
        self.value.get_mut()
    }

    /// Views a uniquely borrowed value as a cell, so it can be shared and then
    /// accessed through a token. The value stays borrowed as long as the cell
    /// reference is used.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::ghost::{GhostCell, GhostToken};
    ///
    /// let mut value = 1;
    /// GhostToken::new(|mut token| {
    ///     let cell: &GhostCell<'_, i32> = GhostCell::from_mut(&mut value);
    ///     *cell.borrow_mut(&mut token) = 2;
    /// });
    /// assert_eq!(value, 2);
    /// ```
    pub fn from_mut(value: &mut T) -> &mut Self {
        let value: *mut T = value;
        // SAFETY: we turn `&'x mut T` into `&'x mut GhostCell<'brand, T>`.
        // - Layout: `GhostCell` is `repr(transparent)` over `UnsafeCell<T>`
        //   (its other field is a zero-sized marker), and `UnsafeCell<T>` has
        //   the layout of `T`; the pointer cast keeps any slice length or
        //   vtable, so the result covers the same bytes.
        // - Aliasing: the input `&mut T` is unique and is reborrowed for the
        //   same lifetime, so the output is unique too.
        // - Brand: the value was not in any cell before, so no token already
        //   governs it; picking any brand cannot let two tokens reach it.
        // - Adding `UnsafeCell` only permits more (shared mutation); the
        //   caller gets back `T` only through this cell until `'x` ends.
        unsafe { &mut *(value as *mut Self) }
    }
}

// Safe conveniences built on `borrow_mut`, no unsafe code of their own.
impl<'brand, T> GhostCell<'brand, T> {
    /// Puts `value` in the cell and returns the old value.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::ghost::{GhostCell, GhostToken};
    ///
    /// GhostToken::new(|mut token| {
    ///     let cell = GhostCell::new("old");
    ///     assert_eq!(cell.replace("new", &mut token), "old");
    ///     assert_eq!(*cell.borrow(&token), "new");
    /// });
    /// ```
    pub fn replace(&self, value: T, token: &mut GhostToken<'brand>) -> T {
        mem::replace(self.borrow_mut(token), value)
    }

    /// Takes the value out, leaving `T::default()` behind.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::ghost::{GhostCell, GhostToken};
    ///
    /// GhostToken::new(|mut token| {
    ///     let cell = GhostCell::new(vec![1, 2]);
    ///     assert_eq!(cell.take(&mut token), [1, 2]);
    ///     assert!(cell.borrow(&token).is_empty());
    /// });
    /// ```
    pub fn take(&self, token: &mut GhostToken<'brand>) -> T
    where
        T: Default,
    {
        self.replace(T::default(), token)
    }

    /// Exchanges the values of two cells.
    ///
    /// * Two references to the **same** cell (same address): nothing to do,
    ///   returns `Ok(())`, exactly like swapping a value with itself. This is
    ///   also what `ghost-cell` does.
    /// * Two cells that **partly overlap** (possible with arrays carved out
    ///   of one slice of cells): returns [`GhostAliasingError`], because two
    ///   `&mut` to overlapping bytes would alias.
    /// * Otherwise the values are swapped.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::ghost::{GhostCell, GhostToken};
    ///
    /// GhostToken::new(|mut token| {
    ///     let (a, b) = (GhostCell::new(1), GhostCell::new(2));
    ///     a.swap(&b, &mut token).unwrap();
    ///     assert_eq!((*a.borrow(&token), *b.borrow(&token)), (2, 1));
    ///
    ///     // Swapping a cell with itself is a no-op, not an error.
    ///     a.swap(&a, &mut token).unwrap();
    ///     assert_eq!(*a.borrow(&token), 2);
    /// });
    /// ```
    pub fn swap(&self, other: &Self, token: &mut GhostToken<'brand>) -> Result<(), GhostAliasingError> {
        // Same type and same address means the very same bytes: the swap is
        // the identity. Checking this first keeps it from being reported as
        // an overlap by the general rule below.
        if ptr::eq(self, other) {
            return Ok(());
        }
        let (mine, theirs) = (self, other).borrow_mut(token)?;
        mem::swap(mine, theirs);
        Ok(())
    }
}

impl<'brand, T> GhostCell<'brand, [T]> {
    /// Views a cell holding a slice as a slice of cells, one per element, all
    /// of the same brand. Each element can then be borrowed on its own.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::ghost::{GhostCell, GhostToken};
    ///
    /// let mut numbers = [1, 2, 3];
    /// GhostToken::new(|mut token| {
    ///     let whole: &GhostCell<'_, [i32]> = GhostCell::from_mut(&mut numbers[..]);
    ///     let cells = whole.as_slice_of_cells();
    ///     *cells[1].borrow_mut(&mut token) = 20;
    /// });
    /// assert_eq!(numbers, [1, 20, 3]);
    /// ```
    pub fn as_slice_of_cells(&self) -> &[GhostCell<'brand, T>] {
        let whole: *const Self = self;
        // SAFETY: we turn `&'x GhostCell<[T]>` into `&'x [GhostCell<T>]`.
        // - Layout: `GhostCell<[T]>` has the layout of `[T]`, and
        //   `[GhostCell<T>]` has the layout of `[T]` because `GhostCell<T>` is
        //   transparent over `T`; the cast keeps the length, so both views
        //   cover the same bytes.
        // - Brand: every element keeps `'brand`, so the same token still
        //   governs every byte; no byte becomes reachable through another
        //   token or without one.
        // - Aliasing: the output is shared, like the input, and every byte is
        //   still inside an `UnsafeCell`, so shared mutation stays permitted.
        //   Writing through an element needs `&mut` to the token, which also
        //   excludes `borrow` of the whole (see `multi` for borrowing the
        //   whole and an element mutably at once: that is refused).
        unsafe { &*(whole as *const [GhostCell<'brand, T>]) }
    }

    /// The inverse of [`as_slice_of_cells`](Self::as_slice_of_cells): views a
    /// slice of cells (for instance a sub-slice of one) as one cell holding a
    /// slice.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::ghost::{GhostCell, GhostToken};
    ///
    /// GhostToken::new(|mut token| {
    ///     let cells = [GhostCell::new(1), GhostCell::new(2), GhostCell::new(3)];
    ///     let tail = GhostCell::from_slice_of_cells(&cells[1..]);
    ///     tail.borrow_mut(&mut token).reverse();
    ///     assert_eq!(*cells[1].borrow(&token), 3);
    /// });
    /// ```
    pub fn from_slice_of_cells<'slice>(slice: &'slice [GhostCell<'brand, T>]) -> &'slice Self {
        let cells: *const [GhostCell<'brand, T>] = slice;
        // SAFETY: we turn `&'x [GhostCell<T>]` into `&'x GhostCell<[T]>`.
        // - Layout: both have the layout of `[T]` (see `as_slice_of_cells`);
        //   the cast keeps the length.
        // - Brand: every element had brand `'brand`, the whole gets `'brand`,
        //   so one token still governs every byte.
        // - Aliasing: shared in, shared out, every byte still inside an
        //   `UnsafeCell`.
        unsafe { &*(cells as *const Self) }
    }
}

impl<'brand, T, const N: usize> GhostCell<'brand, [T; N]> {
    /// Views a cell holding an array as an array of cells.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::ghost::{GhostCell, GhostToken};
    ///
    /// GhostToken::new(|mut token| {
    ///     let grid = GhostCell::new([0; 3]);
    ///     let [_, middle, _] = grid.as_array_of_cells();
    ///     *middle.borrow_mut(&mut token) = 5;
    ///     assert_eq!(*grid.borrow(&token), [0, 5, 0]);
    /// });
    /// ```
    pub fn as_array_of_cells(&self) -> &[GhostCell<'brand, T>; N] {
        let whole: *const Self = self;
        // SAFETY: `[T; N]` and `[GhostCell<T>; N]` have the same layout
        // (`GhostCell<T>` is transparent over `T`, arrays lay elements out
        // back to back); the brand and the sharing are kept, as in
        // `as_slice_of_cells`.
        unsafe { &*(whole as *const [GhostCell<'brand, T>; N]) }
    }

    /// Views an array of cells as one cell holding an array.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::ghost::{GhostCell, GhostToken};
    ///
    /// GhostToken::new(|mut token| {
    ///     let cells = [GhostCell::new(1), GhostCell::new(2)];
    ///     let pair = GhostCell::from_array_of_cells(&cells);
    ///     pair.borrow_mut(&mut token).swap(0, 1);
    ///     assert_eq!(*cells[0].borrow(&token), 2);
    /// });
    /// ```
    pub fn from_array_of_cells<'a>(array: &'a [GhostCell<'brand, T>; N]) -> &'a Self {
        let cells: *const [GhostCell<'brand, T>; N] = array;
        // SAFETY: same layout both ways (see `as_array_of_cells`); every
        // element had brand `'brand` and the whole keeps it; shared in,
        // shared out.
        unsafe { &*(cells as *const Self) }
    }
}

impl<'brand, T: Default> Default for GhostCell<'brand, T> {
    /// A cell holding `T::default()`.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::ghost::{GhostCell, GhostToken};
    ///
    /// GhostToken::new(|token| {
    ///     let cell: GhostCell<'_, String> = GhostCell::default();
    ///     assert!(cell.borrow(&token).is_empty());
    /// });
    /// ```
    fn default() -> Self {
        GhostCell::new(T::default())
    }
}

impl<'brand, T> From<T> for GhostCell<'brand, T> {
    /// Same as [`GhostCell::new`].
    ///
    /// # Example
    ///
    /// ```
    /// use companion::ghost::{GhostCell, GhostToken};
    ///
    /// GhostToken::new(|token| {
    ///     let cell: GhostCell<'_, u8> = 9.into();
    ///     assert_eq!(*cell.borrow(&token), 9);
    /// });
    /// ```
    fn from(value: T) -> Self {
        GhostCell::new(value)
    }
}

impl<'brand, T: ?Sized> AsMut<T> for GhostCell<'brand, T> {
    /// Same as [`GhostCell::get_mut`].
    ///
    /// # Example
    ///
    /// ```
    /// use companion::ghost::GhostCell;
    ///
    /// let mut cell = GhostCell::new(1);
    /// *cell.as_mut() += 1;
    /// assert_eq!(cell.into_inner(), 2);
    /// ```
    fn as_mut(&mut self) -> &mut T {
        self.get_mut()
    }
}

// SAFETY: sending a `GhostCell<T>` moves the `T` it owns to another thread.
// - The `T` itself: required to be `Send` by the bound.
// - The brand marker: a zero-sized function-pointer type, holds no state.
// - Token state left behind: there is none; the token is a compile-time
//   permission and grants nothing on a cell the other thread now owns.
// So this is exactly as safe as sending the `T`, which is also what the
// compiler would derive; the impl is written out to pin the contract.
unsafe impl<'brand, T: ?Sized + Send> Send for GhostCell<'brand, T> {}

// SAFETY: sharing `&GhostCell<T>` between threads lets each thread use it
// with whatever token access it has.
// - Several threads reading at once: only through `&GhostToken`, yielding
//   `&T` on several threads, so `T: Sync` is required.
// - One thread writing while another reads: impossible, the writer needs
//   `&mut GhostToken`, which excludes every `&GhostToken` on every thread
//   (the token is one value, subject to ordinary borrow rules).
// - A thread moving a `T` in or out through `replace`/`take`/`swap`, a `T`
//   that was created on another thread: so `T: Send` is required too.
unsafe impl<'brand, T: ?Sized + Send + Sync> Sync for GhostCell<'brand, T> {}

#[cfg(test)]
mod tests {
    use super::*;
    use core::cell::Cell;
    use core::mem::{align_of, size_of};

    /// The same layout as `T` for several `T`, sized and not.
    #[test]
    fn cell_has_the_layout_of_its_value() {
        macro_rules! same_layout {
            ($($t:ty),*) => {$(
                assert_eq!(size_of::<GhostCell<'static, $t>>(), size_of::<$t>(), stringify!($t));
                assert_eq!(align_of::<GhostCell<'static, $t>>(), align_of::<$t>(), stringify!($t));
            )*};
        }
        same_layout!((), u8, u16, u64, u128, [u8; 3], (u8, u32), String, Vec<u64>, Option<Box<u8>>, &'static str);
        // Niches survive too: the `UnsafeCell` hides them, as in std.
        assert_eq!(size_of::<Option<GhostCell<'static, u8>>>(), 2);
        // Unsized values: the cell is the value.
        let mut bytes = [1_u8, 2, 3];
        let cell: &GhostCell<'_, [u8]> = GhostCell::from_mut(&mut bytes[..]);
        assert_eq!(core::mem::size_of_val(cell), 3);
    }

    #[test]
    fn borrow_and_borrow_mut_reach_the_value() {
        GhostToken::new(|mut token| {
            let cell = GhostCell::new(10);
            let aliases: Vec<&GhostCell<'_, i32>> = vec![&cell; 4];
            for (i, alias) in aliases.iter().enumerate() {
                *alias.borrow_mut(&mut token) += i as i32;
            }
            assert_eq!(*cell.borrow(&token), 16);
            let reads: Vec<&i32> = aliases.iter().map(|c| c.borrow(&token)).collect();
            assert!(reads.iter().all(|r| **r == 16));
        });
    }

    #[test]
    fn owning_or_unique_access_needs_no_token() {
        let mut cell = GhostCell::new(String::from("a"));
        cell.get_mut().push('b');
        cell.as_mut().push('c');
        assert_eq!(cell.into_inner(), "abc");
    }

    #[test]
    fn from_mut_writes_land_in_the_original() {
        let mut value = [0_u8; 4];
        GhostToken::new(|mut token| {
            let cell = GhostCell::from_mut(&mut value);
            let [a, _, _, d] = cell.as_array_of_cells();
            *a.borrow_mut(&mut token) = 1;
            *d.borrow_mut(&mut token) = 4;
        });
        assert_eq!(value, [1, 0, 0, 4]);
    }

    #[test]
    fn replace_take_swap() {
        GhostToken::new(|mut token| {
            let (a, b) = (GhostCell::new(1), GhostCell::new(2));
            assert_eq!(a.replace(3, &mut token), 1);
            assert_eq!(b.take(&mut token), 2);
            a.swap(&b, &mut token).unwrap();
            assert_eq!((*a.borrow(&token), *b.borrow(&token)), (0, 3));
            a.swap(&a, &mut token).unwrap();
            assert_eq!(*a.borrow(&token), 0);
        });
    }

    #[test]
    fn swap_refuses_partly_overlapping_cells() {
        GhostToken::new(|mut token| {
            let cells = [1, 2, 3].map(GhostCell::new);
            let front: &[GhostCell<'_, i32>; 2] = cells[..2].try_into().unwrap();
            let back: &[GhostCell<'_, i32>; 2] = cells[1..].try_into().unwrap();
            let front = GhostCell::from_array_of_cells(front);
            let back = GhostCell::from_array_of_cells(back);
            assert_eq!(front.swap(back, &mut token), Err(GhostAliasingError));
            // Nothing moved.
            let values: Vec<i32> = cells.iter().map(|c| *c.borrow(&token)).collect();
            assert_eq!(values, [1, 2, 3]);
        });
    }

    #[test]
    fn slices_and_arrays_of_cells_round_trip() {
        GhostToken::new(|mut token| {
            let whole = GhostCell::new([1, 2, 3, 4]);
            let as_slice: &GhostCell<'_, [i32]> = &whole;
            let cells = as_slice.as_slice_of_cells();
            assert_eq!(cells.len(), 4);
            assert_eq!(cells[2].as_ptr() as usize, whole.as_ptr() as usize + 2 * size_of::<i32>());
            let middle = GhostCell::from_slice_of_cells(&cells[1..3]);
            middle.borrow_mut(&mut token).copy_from_slice(&[20, 30]);
            let again = GhostCell::from_array_of_cells(whole.as_array_of_cells());
            assert_eq!(*again.borrow(&token), [1, 20, 30, 4]);
        });
    }

    #[test]
    fn default_and_from() {
        GhostToken::new(|token| {
            let d: GhostCell<'_, Vec<u8>> = GhostCell::default();
            let f: GhostCell<'_, u8> = GhostCell::from(5);
            assert!(d.borrow(&token).is_empty());
            assert_eq!(*f.borrow(&token), 5);
        });
    }

    #[test]
    fn const_new_works_in_const_context() {
        let cell = const { GhostCell::<'static, u8>::new(3) };
        assert_eq!(cell.into_inner(), 3);
    }

    #[test]
    fn dyn_values_work_through_from_mut() {
        let mut text = String::from("ghost");
        GhostToken::new(|mut token| {
            let cell: &GhostCell<'_, dyn core::fmt::Write> = GhostCell::from_mut(&mut text);
            cell.borrow_mut(&mut token).write_str("cell").unwrap();
        });
        assert_eq!(text, "ghostcell");
    }

    fn assert_send<T: ?Sized + Send>() {}
    fn assert_sync<T: ?Sized + Sync>() {}

    #[test]
    fn thread_rules_follow_the_value() {
        assert_send::<GhostCell<'static, u8>>();
        assert_sync::<GhostCell<'static, u8>>();
        assert_send::<GhostCell<'static, Cell<u8>>>(); // Send, not Sync
        assert_send::<GhostCell<'static, [u8]>>();
        assert_sync::<GhostCell<'static, [u8]>>();
        // The negative cases (`Rc`, `Cell` shared) are compile-fail cases in
        // tests/soundness/ghost/.
    }

    #[test]
    fn shared_cell_is_written_from_a_scoped_thread() {
        GhostToken::new(|mut token| {
            let cell = GhostCell::new(0_u64);
            std::thread::scope(|s| {
                let (cell, token) = (&cell, &mut token);
                s.spawn(move || *cell.borrow_mut(token) = 7);
            });
            std::thread::scope(|s| {
                // Two readers at once, each with `&token`.
                let (cell, token) = (&cell, &token);
                let a = s.spawn(move || *cell.borrow(token));
                let b = s.spawn(move || *cell.borrow(token));
                assert_eq!(a.join().unwrap() + b.join().unwrap(), 14);
            });
        });
    }
}
