// Part 1: the variance of each position, as the table in the variance chapter gives it.
// Part 2: `shorten` compiles only because `Vec<T>` and `&'a T` are covariant:
// a `Vec<&'static str>` is a subtype of `Vec<&'a str>`, so it is returned as it is.

#[derive(Debug, PartialEq, Eq)]
pub enum Variance {
    Covariant,
    Contravariant,
    Invariant,
}

/// `&'a T` over `'a`.
pub fn shared_ref_over_lifetime() -> Variance {
    Variance::Covariant
}

/// `&'a mut T` over `'a`.
pub fn unique_ref_over_lifetime() -> Variance {
    Variance::Covariant
}

/// `&'a mut T` over `T`.
pub fn unique_ref_over_type() -> Variance {
    Variance::Invariant
}

/// `fn(T) -> U` over `T`.
pub fn fn_over_argument() -> Variance {
    Variance::Contravariant
}

/// `fn(T) -> U` over `U`.
pub fn fn_over_return() -> Variance {
    Variance::Covariant
}

/// `Cell<T>` over `T`.
pub fn cell_over_type() -> Variance {
    Variance::Invariant
}

/// `Vec<&'static str>` used as a `Vec<&'a str>`: no copying, no new vector.
pub fn shorten<'a>(words: Vec<&'static str>, _scope: &'a str) -> Vec<&'a str> {
    words
}
