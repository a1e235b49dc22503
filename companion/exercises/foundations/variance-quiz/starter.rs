// Predict the variance of each position, then let the compiler judge.
//
// Each constant below names a position in a type and the parameter asked about.
// Replace every `Variance::NotPredicted` with your prediction, without looking back
// at the table. The tests do not hold an answer key: for each question they ask
// rustc to use a longer-lived version of the type where a shorter-lived one is
// expected, and the other way round, and compare what it accepts with what you
// predicted. When you are wrong, they show you what the compiler said.

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

/// `&'a T` over `'a`.
pub const SHARED_REF_OVER_LIFETIME: Variance = Variance::NotPredicted;

/// `&'a mut T` over `'a`.
pub const UNIQUE_REF_OVER_LIFETIME: Variance = Variance::NotPredicted;

/// `&'a mut T` over `T`.
pub const UNIQUE_REF_OVER_TYPE: Variance = Variance::NotPredicted;

/// `fn(T)` over `T`.
pub const FN_OVER_ARGUMENT: Variance = Variance::NotPredicted;

/// `fn() -> U` over `U`.
pub const FN_OVER_RETURN: Variance = Variance::NotPredicted;

/// `Cell<T>` over `T`.
pub const CELL_OVER_TYPE: Variance = Variance::NotPredicted;

/// `Vec<fn(T)>` over `T`: two rules, one inside the other.
pub const VEC_OF_FN_OVER_ARGUMENT: Variance = Variance::NotPredicted;

/// `*mut T` over `T`.
pub const RAW_MUT_POINTER_OVER_TYPE: Variance = Variance::NotPredicted;
