// Each question is a type with `'x` where the lifetime being asked about goes
// (`'r` is a second, fixed lifetime some types need). The compiler is asked two
// things: may the type with `'x = 'long` be returned as the type with `'x = 'short`
// (covariance), and the other way round (contravariance)? Neither is invariance.

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Compiles `fn probe(value: FROM) -> TO { value }` and returns the compiler's
/// complaint, or `None` when it accepts the conversion.
fn refusal(type_with_x: &str, from: &str, to: &str) -> Option<String> {
    let source = format!(
        "pub fn probe<'r, 'short, 'long: 'short>(value: {}) -> {} {{ value }}\n",
        type_with_x.replace("'x", from),
        type_with_x.replace("'x", to),
    );
    static PROBES: AtomicUsize = AtomicUsize::new(0);
    let number = PROBES.fetch_add(1, Ordering::Relaxed);
    let dir: PathBuf = std::env::temp_dir().join(format!("variance-quiz-{}-{number}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory for the probe");
    let file = dir.join("probe.rs");
    std::fs::write(&file, &source).expect("write the probe");
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let output = Command::new(rustc)
        .args(["--crate-type=lib", "--emit=metadata", "--edition=2021", "--color=never", "--crate-name=probe", "--out-dir"])
        .arg(&dir)
        .arg(&file)
        .output()
        .expect("rustc runs (the tests ask the real compiler)");
    std::fs::remove_dir_all(&dir).expect("remove the probe's directory");
    if output.status.success() {
        None
    } else {
        Some(format!("{source}\n{}", String::from_utf8_lossy(&output.stderr)))
    }
}

/// What the compiler actually does with `type_with_x`, and what it said when it refused.
fn ask_the_compiler(type_with_x: &str) -> (Variance, String) {
    let shrink = refusal(type_with_x, "'long", "'short");
    let grow = refusal(type_with_x, "'short", "'long");
    let said = [&shrink, &grow].into_iter().flatten().cloned().collect::<Vec<_>>().join("\n");
    let variance = match (shrink.is_none(), grow.is_none()) {
        (true, false) => Variance::Covariant,
        (false, true) => Variance::Contravariant,
        (false, false) => Variance::Invariant,
        (true, true) => panic!("`{type_with_x}` does not depend on 'x at all: the question is broken"),
    };
    (variance, said)
}

fn judge(question: &str, type_with_x: &str, predicted: Variance) {
    assert_ne!(predicted, Variance::NotPredicted, "{question}: write your prediction first");
    let (actual, said) = ask_the_compiler(type_with_x);
    assert!(
        predicted == actual,
        "{question}: you predicted {predicted:?}, the compiler says {actual:?}.\n\
         Asked with `{type_with_x}`, it refused:\n\n{said}"
    );
}

#[test]
fn shared_reference_over_its_lifetime() {
    judge("`&'a T` over `'a`", "&'x u8", SHARED_REF_OVER_LIFETIME);
}

#[test]
fn unique_reference_over_its_lifetime() {
    judge("`&'a mut T` over `'a`", "&'x mut u8", UNIQUE_REF_OVER_LIFETIME);
}

#[test]
fn unique_reference_over_its_target() {
    judge("`&'a mut T` over `T`", "&'r mut &'x u8", UNIQUE_REF_OVER_TYPE);
}

#[test]
fn function_over_its_argument() {
    judge("`fn(T)` over `T`", "fn(&'x u8)", FN_OVER_ARGUMENT);
}

#[test]
fn function_over_its_return_type() {
    judge("`fn() -> U` over `U`", "fn() -> &'x u8", FN_OVER_RETURN);
}

#[test]
fn cell_over_its_content() {
    judge("`Cell<T>` over `T`", "std::cell::Cell<&'x u8>", CELL_OVER_TYPE);
}

#[test]
fn vector_of_functions_over_their_argument() {
    judge("`Vec<fn(T)>` over `T`", "Vec<fn(&'x u8)>", VEC_OF_FN_OVER_ARGUMENT);
}

#[test]
fn raw_mutable_pointer_over_its_target() {
    judge("`*mut T` over `T`", "*mut &'x u8", RAW_MUT_POINTER_OVER_TYPE);
}
