//! When may two cells be borrowed mutably at the same time?
//!
//! Handing out two `&mut` at once is sound only if they cannot *alias*. Two
//! questions hide in that word, and the rule below answers both.
//!
//! 1. **Bytes.** Two `&mut` must not cover a common byte. A cell covers the
//!    address range `[start, start + size)`, so two cells that carry bytes
//!    conflict when their ranges intersect. Comparing start addresses alone is
//!    not enough: a cell of a whole slice and a cell of one of its elements
//!    start at different addresses and still share bytes (ghost-cell issue
//!    #23). Adjacent elements of one slice touch but share no byte, so they
//!    do not conflict.
//!
//! 2. **Zero-sized values.** A zero-sized value has no bytes, so the memory
//!    model has nothing to protect. But a zero-sized value can still be a
//!    *capability*: [`GhostToken`](super::GhostToken) is one, and two
//!    `&mut GhostToken<'x>` to one token would let two writers into every cell
//!    of brand `'x` (ghost-cell issue #32). So we must refuse to hand out two
//!    `&mut` to the same zero-sized value, or to a zero-sized value and a
//!    bigger value that contains it. Addresses cannot tell two distinct
//!    zero-sized values at one address apart from one value seen twice, so we
//!    refuse conservatively: a zero-sized cell conflicts with any cell whose
//!    *closed* range `[start, start + size]` contains its address. The closed
//!    end matters because a zero-sized field may sit exactly at the end of the
//!    value that contains it: the last field of a `repr(C)` struct, or the
//!    token in `(u32, GhostToken)`, which the compiler puts at offset 4.
//!    Counting only the zero-sized value's own address, as `ghost-cell` 0.2.6
//!    does, accepts that tuple with its token: two `&mut` to one token.
//!
//! The price of the conservative choice: two distinct zero-sized cells at
//! the same address (`Box::new(GhostCell::new(()))` twice, for instance) are
//! refused even though lending both would be harmless. A caller who knows
//! better can use `borrow_mut_unchecked`.

#![forbid(unsafe_code)]

use super::multi::GhostAliasingError;

/// The addresses a value occupies: `[start, end)`, `end - start` its size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Span {
    start: usize,
    end: usize,
}

impl Span {
    /// The span of the value behind `value`, sized by `size_of_val` so that
    /// slices and trait objects count all their bytes.
    pub(crate) fn of<T: ?Sized>(value: &T) -> Span {
        let start = (value as *const T).addr();
        let size = core::mem::size_of_val(value);
        // A Rust value never wraps around the end of the address space (the
        // one-past-the-end pointer of every value is valid), so this cannot
        // fail; if it ever did, a panic is safer than a wrong answer.
        let end = start.checked_add(size).expect("a value never wraps around the address space");
        Span { start, end }
    }

    #[cfg(test)]
    pub(crate) const fn new(start: usize, size: usize) -> Span {
        Span { start, end: start + size }
    }

    const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// Whether a zero-sized value at `self.start` could be `other` or a part
    /// of it: its address lies in the closed range `[start, end]`.
    const fn could_hold(self, address: usize) -> bool {
        self.start <= address && address <= self.end
    }

    /// Whether lending `&mut` to both values could alias (see module docs).
    pub(crate) const fn conflicts_with(self, other: Span) -> bool {
        match (self.is_empty(), other.is_empty()) {
            (false, false) => self.start < other.end && other.start < self.end,
            (true, _) => other.could_hold(self.start),
            (false, true) => self.could_hold(other.start),
        }
    }
}

/// `Ok(())` if no two of `spans` conflict. Pairwise, so `N * (N - 1) / 2`
/// comparisons: at most 66 for the largest tuple we support, and no sorting
/// subtleties around zero-sized spans.
pub(crate) fn check_disjoint(spans: &[Span]) -> Result<(), GhostAliasingError> {
    for (i, first) in spans.iter().enumerate() {
        for second in &spans[i + 1..] {
            if first.conflicts_with(*second) {
                return Err(GhostAliasingError);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conflict(a: Span, b: Span) -> bool {
        // The rule must be symmetric; check both orders every time.
        assert_eq!(a.conflicts_with(b), b.conflicts_with(a), "{a:?} vs {b:?}");
        a.conflicts_with(b)
    }

    #[test]
    fn sized_values_conflict_when_their_bytes_intersect() {
        let s = Span::new;
        assert!(conflict(s(100, 4), s(100, 4)), "same value");
        assert!(conflict(s(100, 8), s(104, 4)), "whole and its last element");
        assert!(conflict(s(100, 8), s(100, 4)), "whole and its first element");
        assert!(conflict(s(100, 4), s(102, 4)), "partial overlap");
        assert!(!conflict(s(100, 4), s(104, 4)), "adjacent: touch, share no byte");
        assert!(!conflict(s(100, 4), s(200, 4)), "far apart");
    }

    #[test]
    fn zero_sized_values_conflict_with_anything_that_could_contain_them() {
        let s = Span::new;
        assert!(conflict(s(100, 0), s(100, 0)), "one ZST seen twice, or two at one address");
        assert!(!conflict(s(100, 0), s(101, 0)), "ZSTs at different addresses");
        assert!(conflict(s(100, 0), s(100, 4)), "ZST at the start of a value");
        assert!(conflict(s(102, 0), s(100, 4)), "ZST inside a value");
        assert!(conflict(s(104, 0), s(100, 4)), "ZST at the end of a value (last field)");
        assert!(!conflict(s(99, 0), s(100, 4)), "ZST just before");
        assert!(!conflict(s(105, 0), s(100, 4)), "ZST past the end");
    }

    #[test]
    fn spans_are_measured_from_real_values() {
        let array = [0_u32; 3];
        let whole = Span::of(&array);
        let first = Span::of(&array[0]);
        let second = Span::of(&array[1]);
        let as_slice: &[u32] = &array;
        assert_eq!(Span::of(as_slice), whole, "size_of_val counts slice bytes");
        assert!(whole.conflicts_with(second));
        assert!(!first.conflicts_with(second));
        let unit = ();
        assert!(Span::of(&unit).is_empty());
    }

    #[test]
    fn check_disjoint_looks_at_every_pair() {
        let s = Span::new;
        assert_eq!(check_disjoint(&[]), Ok(()));
        assert_eq!(check_disjoint(&[s(0, 4)]), Ok(()));
        assert_eq!(check_disjoint(&[s(0, 4), s(4, 4), s(8, 4)]), Ok(()));
        assert_eq!(check_disjoint(&[s(0, 4), s(4, 4), s(8, 4), s(0, 4)]), Err(GhostAliasingError));
        assert_eq!(check_disjoint(&[s(8, 4), s(4, 4), s(0, 12)]), Err(GhostAliasingError));
        assert_eq!(check_disjoint(&[s(8, 0), s(0, 4), s(4, 0)]), Err(GhostAliasingError));
    }
}
