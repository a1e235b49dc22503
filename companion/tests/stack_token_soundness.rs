//! Compile-fail cases for `companion::stack_token`: each program in
//! `tests/soundness/stack_token/` states one claim (`//! claim: ...`) and must
//! be rejected by the compiler. The `.stderr` next to each case is the exact,
//! normalised compiler output (regenerate with `TRYBUILD=overwrite`) and shows
//! that it fails for the stated reason, not for an unrelated one.

#[test]
fn stack_token_soundness() {
    // A refusal made while the program is built, not while it is
    // type-checked (`needs_drop` asserted in a `const` block, evaluated for
    // each type the program uses), shows only when the case is built. A
    // passing case makes trybuild build every case of its run, so those
    // cases, in `built/`, run beside the passing ones; the rest are only
    // type-checked, which is several times faster.
    let built = trybuild::TestCases::new();
    built.pass("tests/soundness/stack_token/pass/*.rs");
    built.compile_fail("tests/soundness/stack_token/built/*.rs");
    drop(built);
    let checked = trybuild::TestCases::new();
    checked.compile_fail("tests/soundness/stack_token/*.rs");
}
