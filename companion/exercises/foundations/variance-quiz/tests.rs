#[test]
fn shared_references() {
    assert_eq!(shared_ref_over_lifetime(), Variance::Covariant);
}

#[test]
fn unique_references() {
    assert_eq!(unique_ref_over_lifetime(), Variance::Covariant, "&'a mut T over 'a");
    assert_eq!(unique_ref_over_type(), Variance::Invariant, "&'a mut T over T");
}

#[test]
fn function_pointers() {
    assert_eq!(fn_over_argument(), Variance::Contravariant, "fn(T) -> U over T");
    assert_eq!(fn_over_return(), Variance::Covariant, "fn(T) -> U over U");
}

#[test]
fn cells() {
    assert_eq!(cell_over_type(), Variance::Invariant);
}

#[test]
fn shorten_keeps_the_same_vector() {
    let words = vec!["ghost", "cell"];
    let address = words.as_ptr() as usize;
    let scope = String::from("a short-lived scope");
    let shorter = shorten(words, &scope);
    assert_eq!(shorter, ["ghost", "cell"]);
    assert_eq!(shorter.as_ptr() as usize, address, "shorten must return the vector it was given, not a copy");
}
