//! Borrowing several cells with one token in one call.
//!
//! [`GhostCell::borrow_mut`] holds the token mutably for as long as its result
//! lives, so two calls cannot overlap: that is the point. To write two cells
//! at once (swap two list nodes, move a value from one to another) the
//! borrows must be taken *together*, and then someone must check that the
//! cells are different. [`GhostBorrowMut`] does this check at run time and
//! refuses overlapping cells with [`GhostAliasingError`]; where the shape of
//! the input already proves the cells distinct (the elements of one slice or
//! array), it skips the check and its error type is
//! [`Infallible`].
//!
//! [`GhostBorrow`] is the shared counterpart. It needs no check (any number of
//! readers is fine) and exists so that both directions read the same way.
//!
//! The overlap rule, including zero-sized values, is explained in the docs of
//! [`GhostBorrowMut`].

use core::convert::Infallible;
use core::fmt;

use super::cell::GhostCell;
use super::overlap::{Span, check_disjoint};
use super::token::GhostToken;

/// The cells handed to a multi-borrow overlap, so borrowing them mutably at
/// once would alias.
///
/// Returned by [`GhostBorrowMut::borrow_mut`] and [`GhostCell::swap`].
///
/// # Example
///
/// ```
/// use companion::ghost::{GhostAliasingError, GhostBorrowMut, GhostCell, GhostToken};
///
/// GhostToken::new(|mut token| {
///     let cell = GhostCell::new(1);
///     let error = (&cell, &cell).borrow_mut(&mut token).unwrap_err();
///     assert_eq!(error, GhostAliasingError);
///     assert_eq!(
///         error.to_string(),
///         "the cells overlap: borrowing them mutably at once would alias"
///     );
/// });
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GhostAliasingError;

impl fmt::Display for GhostAliasingError {
    /// Names the rule that was broken.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::ghost::GhostAliasingError;
    ///
    /// assert!(GhostAliasingError.to_string().starts_with("the cells overlap"));
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the cells overlap: borrowing them mutably at once would alias")
    }
}

/// # Example
///
/// ```
/// use companion::ghost::GhostAliasingError;
///
/// let boxed: Box<dyn std::error::Error> = Box::new(GhostAliasingError);
/// assert!(boxed.to_string().contains("would alias"));
/// ```
impl core::error::Error for GhostAliasingError {}

impl From<Infallible> for GhostAliasingError {
    /// Lets code that handles any [`GhostBorrowMut::Error`] convert with `?`,
    /// whether the borrow could fail or not. Never actually runs.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::ghost::{GhostAliasingError, GhostBorrowMut, GhostCell, GhostToken};
    ///
    /// fn first_two<'a, 'brand>(
    ///     cells: &'a [GhostCell<'brand, u8>],
    ///     token: &'a mut GhostToken<'brand>,
    /// ) -> Result<&'a mut [u8], GhostAliasingError> {
    ///     Ok(&mut cells.borrow_mut(token)?[..2]) // `Infallible` converts
    /// }
    ///
    /// GhostToken::new(|mut token| {
    ///     let cells = [1, 2, 3].map(GhostCell::new);
    ///     assert_eq!(first_two(&cells, &mut token).unwrap(), [1, 2]);
    /// });
    /// ```
    fn from(never: Infallible) -> Self {
        match never {}
    }
}

/// Reads several cells with one shared token in one call.
///
/// Implemented for tuples of up to 12 cell references, for arrays of cell
/// references, and for slices and arrays of cells.
///
/// # Example
///
/// ```
/// use companion::ghost::{GhostBorrow, GhostCell, GhostToken};
///
/// GhostToken::new(|token| {
///     let (name, age) = (GhostCell::new("Ada"), GhostCell::new(36));
///     let (n, a): (&&str, &i32) = (&name, &age).borrow(&token);
///     assert_eq!((*n, *a), ("Ada", 36));
/// });
/// ```
pub trait GhostBorrow<'a, 'brand> {
    /// The shared references produced, for instance `(&'a T0, &'a T1)` for
    /// `(&'a GhostCell<'brand, T0>, &'a GhostCell<'brand, T1>)`.
    type Result;

    /// Borrows every cell in `self` for reading.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::ghost::{GhostBorrow, GhostCell, GhostToken};
    ///
    /// GhostToken::new(|token| {
    ///     let cells = [GhostCell::new(1), GhostCell::new(2)];
    ///     let values: &[i32] = cells[..].borrow(&token);
    ///     assert_eq!(values, [1, 2]);
    /// });
    /// ```
    fn borrow(self, token: &'a GhostToken<'brand>) -> Self::Result;
}

/// Writes several cells with one mutable token in one call.
///
/// # Which inputs can fail
///
/// | `Self` | `Result` | `Error` |
/// |---|---|---|
/// | `(&'a GhostCell<'brand, T0>, ..)`, 1 to 12 | `(&'a mut T0, ..)` | [`GhostAliasingError`] |
/// | `[&'a GhostCell<'brand, T>; N]` | `[&'a mut T; N]` | [`GhostAliasingError`] |
/// | `&'a [GhostCell<'brand, T>]` | `&'a mut [T]` | [`Infallible`] |
/// | `&'a [GhostCell<'brand, T>; N]` | `&'a mut [T; N]` | [`Infallible`] |
///
/// A slice or array *of cells* holds distinct elements by construction, so it
/// is never checked. References to cells can point anywhere, so they are.
///
/// # The overlap rule
///
/// A cell occupies the addresses `[start, start + size)`, with `size` from
/// `size_of_val` (so a cell of a whole slice counts every element).
///
/// * Two cells with bytes **overlap** when their ranges share a byte. A cell
///   of a slice and a cell of one of its elements overlap; two neighbouring
///   elements only touch, and do not.
/// * A **zero-sized** cell overlaps any cell whose range, *end included*,
///   contains its address, and another zero-sized cell at the same address.
///   Zero-sized values have no bytes to corrupt, but they can be capabilities
///   (a `GhostToken` is one), so two `&mut` to one of them must never be
///   handed out; and an address alone cannot tell "two distinct zero-sized
///   values" from "one value, twice". We refuse conservatively.
/// * The end is included because a zero-sized field can sit there: in
///   `(u32, GhostToken<'x>)` the token is at offset 4, one past the tuple's
///   four bytes. Lending the tuple and its token together would give two
///   `&mut GhostToken<'x>`. `ghost-cell` 0.2.6 (with its
///   `experimental-multiple-mutable-borrows` feature) counts a zero-sized
///   value as covering only its own address and accepts that pair: a
///   soundness hole, shown by `demos/ghost-cell-zst-hole` under Miri.
///
/// # Example
///
/// ```
/// use companion::ghost::{GhostBorrowMut, GhostCell, GhostToken};
///
/// GhostToken::new(|mut token| {
///     let (from, to) = (GhostCell::new(10), GhostCell::new(0));
///     let (f, t) = (&from, &to).borrow_mut(&mut token).unwrap();
///     *t += *f;
///     *f = 0;
///     assert_eq!((*from.borrow(&token), *to.borrow(&token)), (0, 10));
///
///     // The same cell twice is refused, not aliased.
///     assert!((&from, &from).borrow_mut(&mut token).is_err());
/// });
/// ```
pub trait GhostBorrowMut<'a, 'brand> {
    /// The mutable references produced, for instance `(&'a mut T0, &'a mut T1)`
    /// for `(&'a GhostCell<'brand, T0>, &'a GhostCell<'brand, T1>)`.
    type Result;

    /// [`GhostAliasingError`] when the input may overlap, [`Infallible`] when
    /// its shape rules overlap out (then the borrow costs nothing at run time).
    type Error: Into<GhostAliasingError>;

    /// Borrows every cell in `self` for writing, or returns an error if two of
    /// them overlap (see [the overlap rule](GhostBorrowMut#the-overlap-rule)).
    ///
    /// # Example
    ///
    /// ```
    /// use companion::ghost::{GhostBorrowMut, GhostCell, GhostToken};
    ///
    /// GhostToken::new(|mut token| {
    ///     let (a, b, c) = (GhostCell::new(1), GhostCell::new(2), GhostCell::new(3));
    ///     let (x, y, z) = (&a, &b, &c).borrow_mut(&mut token).unwrap();
    ///     core::mem::swap(x, z);
    ///     *y *= 10;
    ///     let all = [&a, &b, &c].map(|cell| *cell.borrow(&token));
    ///     assert_eq!(all, [3, 20, 1]);
    /// });
    /// ```
    fn borrow_mut(self, token: &'a mut GhostToken<'brand>) -> Result<Self::Result, Self::Error>;

    /// Borrows every cell in `self` for writing, without the overlap check.
    ///
    /// # Safety
    ///
    /// No two of the cells may overlap in the sense of
    /// [the overlap rule](GhostBorrowMut#the-overlap-rule). For two distinct
    /// zero-sized cells at one address, which the rule refuses, this is sound
    /// only if neither value is a capability such as a token.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::ghost::{GhostBorrowMut, GhostCell, GhostToken};
    ///
    /// GhostToken::new(|mut token| {
    ///     let (a, b) = (GhostCell::new(1), GhostCell::new(2));
    ///     // SAFETY: `a` and `b` are two different locals, they share no byte.
    ///     let (x, y) = unsafe { (&a, &b).borrow_mut_unchecked(&mut token) };
    ///     core::mem::swap(x, y);
    ///     assert_eq!(*a.borrow(&token), 2);
    /// });
    /// ```
    unsafe fn borrow_mut_unchecked(self, token: &'a mut GhostToken<'brand>) -> Self::Result;
}

impl<'a, 'brand, T> GhostBorrow<'a, 'brand> for &'a [GhostCell<'brand, T>] {
    type Result = &'a [T];

    fn borrow(self, token: &'a GhostToken<'brand>) -> &'a [T] {
        GhostCell::from_slice_of_cells(self).borrow(token)
    }
}

impl<'a, 'brand, T, const N: usize> GhostBorrow<'a, 'brand> for &'a [GhostCell<'brand, T>; N] {
    type Result = &'a [T; N];

    fn borrow(self, token: &'a GhostToken<'brand>) -> &'a [T; N] {
        GhostCell::from_array_of_cells(self).borrow(token)
    }
}

impl<'a, 'brand, T: ?Sized, const N: usize> GhostBorrow<'a, 'brand> for [&'a GhostCell<'brand, T>; N] {
    type Result = [&'a T; N];

    fn borrow(self, token: &'a GhostToken<'brand>) -> [&'a T; N] {
        self.map(|cell| cell.borrow(token))
    }
}

// The elements of one slice (or array) of cells are distinct values laid
// side by side, so lending the whole slice mutably is one ordinary
// `borrow_mut` of the cell that holds the slice: no check, no unsafe code.
impl<'a, 'brand, T> GhostBorrowMut<'a, 'brand> for &'a [GhostCell<'brand, T>] {
    type Result = &'a mut [T];
    type Error = Infallible;

    fn borrow_mut(self, token: &'a mut GhostToken<'brand>) -> Result<&'a mut [T], Infallible> {
        Ok(GhostCell::from_slice_of_cells(self).borrow_mut(token))
    }

    unsafe fn borrow_mut_unchecked(self, token: &'a mut GhostToken<'brand>) -> &'a mut [T] {
        GhostCell::from_slice_of_cells(self).borrow_mut(token)
    }
}

impl<'a, 'brand, T, const N: usize> GhostBorrowMut<'a, 'brand> for &'a [GhostCell<'brand, T>; N] {
    type Result = &'a mut [T; N];
    type Error = Infallible;

    fn borrow_mut(self, token: &'a mut GhostToken<'brand>) -> Result<&'a mut [T; N], Infallible> {
        Ok(GhostCell::from_array_of_cells(self).borrow_mut(token))
    }

    unsafe fn borrow_mut_unchecked(self, token: &'a mut GhostToken<'brand>) -> &'a mut [T; N] {
        GhostCell::from_array_of_cells(self).borrow_mut(token)
    }
}

impl<'a, 'brand, T: ?Sized, const N: usize> GhostBorrowMut<'a, 'brand> for [&'a GhostCell<'brand, T>; N] {
    type Result = [&'a mut T; N];
    type Error = GhostAliasingError;

    fn borrow_mut(self, token: &'a mut GhostToken<'brand>) -> Result<[&'a mut T; N], GhostAliasingError> {
        check_disjoint(&self.map(Span::of))?;
        // SAFETY: `borrow_mut_unchecked` needs cells that do not overlap.
        // - Overlapping bytes, or a zero-sized cell that could be (part of)
        //   another: `check_disjoint` just returned `Ok`, so there are none.
        // - The cells changing between check and borrow: they cannot; `self`
        //   holds shared references, which pin every cell in place for `'a`.
        Ok(unsafe { self.borrow_mut_unchecked(token) })
    }

    unsafe fn borrow_mut_unchecked(self, _token: &'a mut GhostToken<'brand>) -> [&'a mut T; N] {
        self.map(|cell| {
            // SAFETY: we hand out `&mut T` for `'a` to each cell; it is
            // unsound only if another reference to one of the values is live.
            // - From this same call: the caller guarantees the cells do not
            //   overlap, so the `N` results are pairwise disjoint.
            // - From `borrow`/`borrow_mut`/other multi-borrows: those need the
            //   token of brand `'brand`, mutably borrowed for `'a` here.
            // - From `get_mut`/`from_mut`: excluded by the shared borrow of
            //   each cell held for `'a` (as in `GhostCell::borrow_mut`).
            unsafe { &mut *cell.as_ptr() }
        })
    }
}

macro_rules! impl_for_tuples_of_references {
    ($( ($($cell:ident: $value:ident),+) )+) => {$(
        impl<'a, 'brand, $($value: ?Sized),+> GhostBorrow<'a, 'brand>
            for ($(&'a GhostCell<'brand, $value>,)+)
        {
            type Result = ($(&'a $value,)+);

            fn borrow(self, token: &'a GhostToken<'brand>) -> Self::Result {
                let ($($cell,)+) = self;
                ($($cell.borrow(token),)+)
            }
        }

        impl<'a, 'brand, $($value: ?Sized),+> GhostBorrowMut<'a, 'brand>
            for ($(&'a GhostCell<'brand, $value>,)+)
        {
            type Result = ($(&'a mut $value,)+);
            type Error = GhostAliasingError;

            fn borrow_mut(self, token: &'a mut GhostToken<'brand>) -> Result<Self::Result, GhostAliasingError> {
                let ($($cell,)+) = self;
                check_disjoint(&[$(Span::of($cell)),+])?;
                // SAFETY: `borrow_mut_unchecked` needs cells that do not
                // overlap.
                // - Overlapping bytes, or a zero-sized cell that could be
                //   (part of) another: `check_disjoint` returned `Ok`.
                // - The cells changing between check and borrow: `self` holds
                //   shared references that pin every cell for `'a`.
                Ok(unsafe { self.borrow_mut_unchecked(token) })
            }

            unsafe fn borrow_mut_unchecked(self, _token: &'a mut GhostToken<'brand>) -> Self::Result {
                let ($($cell,)+) = self;
                // SAFETY: we hand out one `&mut` per cell for `'a`; it is
                // unsound only if another reference to one of the values is
                // live.
                // - From this same call: the caller guarantees the cells do
                //   not overlap, so the results are pairwise disjoint.
                // - From `borrow`/`borrow_mut`/other multi-borrows: those need
                //   the token of brand `'brand`, mutably borrowed for `'a`.
                // - From `get_mut`/`from_mut`: excluded by the shared borrow
                //   of each cell held for `'a`.
                unsafe { ($(&mut *$cell.as_ptr(),)+) }
            }
        }
    )+};
}

impl_for_tuples_of_references! {
    (a: T0)
    (a: T0, b: T1)
    (a: T0, b: T1, c: T2)
    (a: T0, b: T1, c: T2, d: T3)
    (a: T0, b: T1, c: T2, d: T3, e: T4)
    (a: T0, b: T1, c: T2, d: T3, e: T4, f: T5)
    (a: T0, b: T1, c: T2, d: T3, e: T4, f: T5, g: T6)
    (a: T0, b: T1, c: T2, d: T3, e: T4, f: T5, g: T6, h: T7)
    (a: T0, b: T1, c: T2, d: T3, e: T4, f: T5, g: T6, h: T7, i: T8)
    (a: T0, b: T1, c: T2, d: T3, e: T4, f: T5, g: T6, h: T7, i: T8, j: T9)
    (a: T0, b: T1, c: T2, d: T3, e: T4, f: T5, g: T6, h: T7, i: T8, j: T9, k: T10)
    (a: T0, b: T1, c: T2, d: T3, e: T4, f: T5, g: T6, h: T7, i: T8, j: T9, k: T10, l: T11)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_and_three_distinct_cells() {
        GhostToken::new(|mut token| {
            let (a, b, c) = (GhostCell::new(1), GhostCell::new(2), GhostCell::new(3));
            let (x, y) = (&a, &b).borrow_mut(&mut token).unwrap();
            core::mem::swap(x, y);
            let (x, y, z) = (&a, &b, &c).borrow_mut(&mut token).unwrap();
            *x += 10;
            *y += 20;
            *z += 30;
            assert_eq!((&a, &b, &c).borrow(&token), (&12, &21, &33));
        });
    }

    #[test]
    fn the_same_cell_twice_is_refused_in_every_position() {
        GhostToken::new(|mut token| {
            let cells = [1, 2, 3, 4].map(GhostCell::new);
            let [p, q, r, s] = [&cells[0], &cells[1], &cells[2], &cells[3]];
            assert!((p, q, r, s).borrow_mut(&mut token).is_ok());
            assert!((p, p, r, s).borrow_mut(&mut token).is_err());
            assert!((p, q, r, p).borrow_mut(&mut token).is_err());
            assert!((p, q, s, s).borrow_mut(&mut token).is_err());
            assert!([p, q, r, s].borrow_mut(&mut token).is_ok());
            assert!([p, q, q, s].borrow_mut(&mut token).is_err());
        });
    }

    #[test]
    fn slice_cell_overlaps_its_elements_but_elements_do_not_overlap() {
        GhostToken::new(|mut token| {
            let whole: GhostCell<'_, [u16; 3]> = GhostCell::new([1, 2, 3]);
            let whole: &GhostCell<'_, [u16]> = &whole;
            let [first, second, third] = whole.as_slice_of_cells() else { unreachable!() };
            assert_eq!((whole, second).borrow_mut(&mut token), Err(GhostAliasingError));
            assert_eq!((third, whole).borrow_mut(&mut token), Err(GhostAliasingError));
            let (x, y, z) = (first, second, third).borrow_mut(&mut token).unwrap();
            (*x, *y, *z) = (*z, *x, *y);
            assert_eq!(whole.borrow(&token), [3, 1, 2]);
            // Two sub-slices that share one element overlap; two that only
            // touch do not.
            let cells = whole.as_slice_of_cells();
            let front = GhostCell::from_slice_of_cells(&cells[..2]);
            let back = GhostCell::from_slice_of_cells(&cells[1..]);
            let tail = GhostCell::from_slice_of_cells(&cells[2..]);
            assert!((front, back).borrow_mut(&mut token).is_err());
            let (f, t) = (front, tail).borrow_mut(&mut token).unwrap();
            f[0] = t[0];
            assert_eq!(whole.borrow(&token), [2, 1, 2]);
        });
    }

    #[test]
    fn slices_and_arrays_of_cells_are_infallible() {
        GhostToken::new(|mut token| {
            let cells = [1, 2, 3].map(GhostCell::new);
            let Ok(all): Result<&mut [i32; 3], Infallible> = (&cells).borrow_mut(&mut token);
            all.reverse();
            let Ok(some): Result<&mut [i32], Infallible> = cells[1..].borrow_mut(&mut token);
            some[1] = 0;
            assert_eq!((&cells).borrow(&token), &[3, 2, 0]);
        });
    }

    #[test]
    fn zero_sized_cells() {
        GhostToken::new(|mut token| {
            let unit = GhostCell::new(());
            // One zero-sized cell twice: refused (it could be a capability).
            assert!((&unit, &unit).borrow_mut(&mut token).is_err());
            // Two distinct zero-sized cells at one address: refused too,
            // conservatively (`Box` puts every `()` at the same address).
            let (one, two) = (Box::new(GhostCell::new(())), Box::new(GhostCell::new(())));
            assert_eq!(one.as_ptr(), two.as_ptr());
            assert!((&*one, &*two).borrow_mut(&mut token).is_err());
            // ...unless the caller vouches for them.
            // SAFETY: two distinct `()` values, and `()` grants nothing.
            let _ = unsafe { (&*one, &*two).borrow_mut_unchecked(&mut token) };
            // A zero-sized cell next to a sized one at another address: fine.
            let number = GhostCell::new(5_u64);
            assert!((&number, &*one).borrow_mut(&mut token).is_ok());
        });
    }

    #[test]
    fn zero_sized_field_at_either_end_of_a_value_is_refused() {
        #[repr(C)]
        struct Tagged {
            head: (),
            bytes: [u8; 4],
            tail: (),
        }
        let mut value = Tagged { head: (), bytes: [0; 4], tail: () };
        GhostToken::new(|mut token| {
            let Tagged { head, bytes, tail } = &mut value;
            let head = &*GhostCell::from_mut(head);
            let bytes = &*GhostCell::from_mut(bytes);
            let tail = &*GhostCell::from_mut(tail);
            assert_eq!(head.as_ptr() as usize, bytes.as_ptr() as usize);
            assert_eq!(tail.as_ptr() as usize, bytes.as_ptr() as usize + 4);
            assert!((head, bytes).borrow_mut(&mut token).is_err());
            assert!((bytes, tail).borrow_mut(&mut token).is_err());
            // The two zero-sized fields are 4 bytes apart: no conflict.
            assert!((head, tail).borrow_mut(&mut token).is_ok());
        });
    }

    /// The scenario of ghost-cell issue #32: cells holding *tokens*. If the
    /// same token cell could be borrowed mutably twice, the two `&mut
    /// GhostToken` would open one inner cell for two writers.
    #[test]
    fn a_token_in_a_cell_cannot_be_lent_twice() {
        GhostToken::new(|mut outer| {
            GhostToken::new(|inner| {
                let inner = GhostCell::new(inner);
                assert_eq!((&inner, &inner).borrow_mut(&mut outer).err(), Some(GhostAliasingError));
                assert_eq!([&inner, &inner].borrow_mut(&mut outer).err(), Some(GhostAliasingError));
                // Lending it once is fine, and is used like any token.
                let (inner_token,) = (&inner,).borrow_mut(&mut outer).unwrap();
                let value = GhostCell::new(1);
                *value.borrow_mut(inner_token) = 2;
                assert_eq!(*value.borrow(inner_token), 2);
            });
        });
    }

    #[test]
    fn unsized_values_of_different_kinds() {
        let mut text = String::new();
        let mut numbers = [1, 2];
        GhostToken::new(|mut token| {
            let writer: &GhostCell<'_, dyn core::fmt::Write> = GhostCell::from_mut(&mut text);
            let slice: &GhostCell<'_, [i32]> = GhostCell::from_mut(&mut numbers[..]);
            let (w, s) = (writer, slice).borrow_mut(&mut token).unwrap();
            write!(w, "{}", s[0] + s[1]).unwrap();
            s.fill(0);
        });
        assert_eq!((text.as_str(), numbers), ("3", [0, 0]));
    }

    #[test]
    fn twelve_cells_at_once() {
        GhostToken::new(|mut token| {
            let c: [GhostCell<'_, usize>; 12] = core::array::from_fn(GhostCell::new);
            let t = (&c[0], &c[1], &c[2], &c[3], &c[4], &c[5], &c[6], &c[7], &c[8], &c[9], &c[10], &c[11]);
            let r = t.borrow_mut(&mut token).unwrap();
            *r.11 += 100;
            let t = (&c[0], &c[1], &c[2], &c[3], &c[4], &c[5], &c[6], &c[7], &c[8], &c[9], &c[10], &c[0]);
            assert!(t.borrow_mut(&mut token).is_err());
            assert_eq!(*c[11].borrow(&token), 111);
        });
    }

    #[test]
    fn error_names_the_rule() {
        assert_eq!(
            GhostAliasingError.to_string(),
            "the cells overlap: borrowing them mutably at once would alias"
        );
    }
}
