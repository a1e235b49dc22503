//! Compile-fail cases for `companion::ghost`: each program in
//! `tests/soundness/ghost/` states one claim (`//! claim: ...`) and must be
//! rejected by the compiler. The `.stderr` next to each case is the exact,
//! normalised compiler output (regenerate with `TRYBUILD=overwrite`) and shows
//! that it fails for the stated reason, not for an unrelated one.

#[test]
fn ghost_soundness() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/soundness/ghost/*.rs");
}
