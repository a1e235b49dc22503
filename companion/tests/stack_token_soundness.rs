//! Compile-fail cases for `companion::stack_token`: each program in
//! `tests/soundness/stack_token/` states one claim (`//! claim: ...`) and must
//! be rejected by the compiler. The `.stderr` next to each case is the exact,
//! normalised compiler output (regenerate with `TRYBUILD=overwrite`) and shows
//! that it fails for the stated reason, not for an unrelated one.

#[test]
fn stack_token_soundness() {
    let cases = trybuild::TestCases::new();
    // A passing case makes trybuild build instead of only type-check, so the
    // cases whose refusal is a build-time check (`needs_drop` in a `const`
    // block) fail as they would for a user.
    cases.pass("tests/soundness/stack_token/pass/*.rs");
    cases.compile_fail("tests/soundness/stack_token/*.rs");
}
