// The variance of each position, as the compiler decides it (the tests ask it).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variance {
    /// A longer-lived version may stand where a shorter-lived one is expected.
    Covariant,
    /// A shorter-lived version may stand where a longer-lived one is expected.
    Contravariant,
    /// Neither: the lifetime must match exactly.
    Invariant,
    /// No prediction yet.
    NotPredicted,
}

/// `&'a T` over `'a`: a reference that is valid longer is still valid for less.
pub const SHARED_REF_OVER_LIFETIME: Variance = Variance::Covariant;

/// `&'a mut T` over `'a`: shortening the loan itself is always safe.
pub const UNIQUE_REF_OVER_LIFETIME: Variance = Variance::Covariant;

/// `&'a mut T` over `T`: the place can be written, so its type must not change.
pub const UNIQUE_REF_OVER_TYPE: Variance = Variance::Invariant;

/// `fn(T)` over `T`: a function that accepts more is a fine function that accepts less.
pub const FN_OVER_ARGUMENT: Variance = Variance::Contravariant;

/// `fn() -> U` over `U`: a function that returns more than promised keeps the promise.
pub const FN_OVER_RETURN: Variance = Variance::Covariant;

/// `Cell<T>` over `T`: writable through `&`, so invariant like `&mut T`.
pub const CELL_OVER_TYPE: Variance = Variance::Invariant;

/// `Vec<fn(T)>` over `T`: covariant around contravariant is contravariant.
pub const VEC_OF_FN_OVER_ARGUMENT: Variance = Variance::Contravariant;

/// `*mut T` over `T`: a raw pointer that can write is treated like `&mut T`.
pub const RAW_MUT_POINTER_OVER_TYPE: Variance = Variance::Invariant;
