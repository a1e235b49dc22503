// Part 1: predict. Replace each todo!() with the variance you predict.
// Part 2: verify. Make `shorten` compile and pass its test; it only works because
// of one of the answers in part 1.

#[derive(Debug, PartialEq, Eq)]
pub enum Variance {
    Covariant,
    Contravariant,
    Invariant,
}

/// `&'a T` over `'a`.
pub fn shared_ref_over_lifetime() -> Variance {
    todo!()
}

/// `&'a mut T` over `'a`.
pub fn unique_ref_over_lifetime() -> Variance {
    todo!()
}

/// `&'a mut T` over `T`.
pub fn unique_ref_over_type() -> Variance {
    todo!()
}

/// `fn(T) -> U` over `T`.
pub fn fn_over_argument() -> Variance {
    todo!()
}

/// `fn(T) -> U` over `U`.
pub fn fn_over_return() -> Variance {
    todo!()
}

/// `Cell<T>` over `T`.
pub fn cell_over_type() -> Variance {
    todo!()
}

/// `Vec<&'static str>` used as a `Vec<&'a str>`: no copying, no new vector.
pub fn shorten<'a>(words: Vec<&'static str>, _scope: &'a str) -> Vec<&'a str> {
    todo!()
}
