//! Decides whether the target keeps `thread_local!` values in native
//! thread-local storage (see `native_thread_locals` below), and, with the
//! default features, turns every Rust snippet of the book into a test, with
//! skeptic.
//!
//! skeptic 0.14.2 does not expand `{{#include}}`, wrap snippets in `fn main`, or
//! understand `compile_fail`; the book's harness (`ci/harness/skeptic_prep.py`) writes a
//! copy of the book that closes those gaps, and skeptic extracts its tests from that copy.
//! When this crate is copied out of the repository without the book, there is nothing
//! to extract and the `book_snippets` test target is empty. Without the default
//! features, neither skeptic nor that target is built: the snippets use every module.

use std::env;
use std::path::PathBuf;
use std::process::Command;

fn main() {
    native_thread_locals();
    #[cfg(feature = "default")]
    book_snippets();
}

#[cfg(feature = "default")]
fn book_snippets() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let repo = manifest.parent().unwrap();
    let book = repo.join("book");
    let prep = repo.join("ci/harness/cli.py");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={}", book.display());
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    if !book.join("SUMMARY.md").is_file() || !prep.is_file() {
        println!("cargo:warning=no book next to this crate (../book): its snippet tests are skipped");
        std::fs::write(out.join("skeptic-tests.rs"), "").unwrap();
        return;
    }
    println!("cargo:rerun-if-changed={}", repo.join("ci/harness").display());
    println!("cargo:rerun-if-changed={}", manifest.join("exercises").display());
    let files = prepare(&prep, &out.join("book"));
    skeptic::generate_doc_tests(&files);
}

#[cfg(feature = "default")]
fn prepare(prep: &std::path::Path, dir: &std::path::Path) -> Vec<PathBuf> {
    let output = Command::new("python3")
        .arg(prep)
        .arg("skeptic-prep")
        .arg(dir)
        .output()
        .unwrap_or_else(|e| panic!("could not run python3 ({e}): the book's snippet tests need python3 on PATH"));
    if !output.status.success() {
        panic!(
            "preparing the book's snippets for skeptic failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    String::from_utf8(output.stdout).unwrap().lines().map(PathBuf::from).collect()
}

/// Sets `cfg(native_thread_locals)` on targets where std keeps `thread_local!`
/// values in native thread-local storage: a value without drop glue is then
/// never destroyed, and the storage is freed only when the thread is gone.
/// `companion::stack_token` relies on both and exists only there. Elsewhere
/// (`x86_64-pc-windows-gnu`, `x86_64-unknown-linux-gnux32`,
/// `i686-win7-windows-msvc`, the OpenHarmony targets) std boxes each value on
/// the heap, frees the box at thread exit whatever the type, and makes a new
/// one on the next access; targets without threads are left out as well.
///
/// std decides by the compiler's `target_thread_local` cfg. Stable Rust does
/// not let a build script read unstable cfgs, so the decision has two parts,
/// and both must agree: an allowlist of targets known to have it, and, where
/// the compiler will say, `target_thread_local` itself, read from
/// `rustc --print cfg` (which lists unstable cfgs only with
/// `RUSTC_BOOTSTRAP=1`; nothing is compiled with it). When the compiler
/// cannot be asked, the module is left out. A cfg of the same name passed in
/// `RUSTFLAGS` is refused here, and one passed to rustc by any other route
/// fails the module's own check of the decision written to `OUT_DIR`.
fn native_thread_locals() {
    println!("cargo::rustc-check-cfg=cfg(native_thread_locals)");
    println!("cargo::rerun-if-env-changed=RUSTFLAGS");
    println!("cargo::rerun-if-env-changed=CARGO_ENCODED_RUSTFLAGS");
    if env::var_os("CARGO_CFG_NATIVE_THREAD_LOCALS").is_some() {
        panic!(
            "`--cfg native_thread_locals` came from outside the build script: it would compile \
             companion::stack_token on targets where its safety argument does not hold. Remove it \
             from RUSTFLAGS; the build script decides"
        );
    }
    let var = |name: &str| env::var(name).unwrap_or_default();
    let (os, target_env, abi, vendor) = (
        var("CARGO_CFG_TARGET_OS"),
        var("CARGO_CFG_TARGET_ENV"),
        var("CARGO_CFG_TARGET_ABI"),
        var("CARGO_CFG_TARGET_VENDOR"),
    );
    let allowed = match os.as_str() {
        "linux" => matches!(target_env.as_str(), "gnu" | "musl") && abi != "x32",
        "macos" | "ios" | "freebsd" => true,
        "windows" => vendor != "win7" && (target_env == "msvc" || (target_env == "gnu" && abi == "llvm")),
        _ => false,
    };
    // Fail closed: a compiler that cannot be asked (a custom target spec, a
    // wrapper that hides `--print`) leaves the module out.
    let native = allowed && target_thread_local() == Some(true);
    if native {
        println!("cargo::rustc-cfg=native_thread_locals");
    }
    // The cfg can also reach rustc by hand (`cargo rustc -- --cfg ...`, a
    // wrapper), past `CARGO_CFG_*`: the module checks this file too.
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    std::fs::write(out.join("native_thread_locals.rs"), if native { "true" } else { "false" }).unwrap();
}

/// Whether the compiler reports `target_thread_local` for the target being
/// built, or `None` when it cannot be asked.
fn target_thread_local() -> Option<bool> {
    let rustc = env::var_os("RUSTC")?;
    let target = env::var("TARGET").ok()?;
    let out = Command::new(rustc)
        .args(["--print", "cfg", "--target", &target])
        .env("RUSTC_BOOTSTRAP", "1")
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let cfgs = String::from_utf8_lossy(&out.stdout);
    Some(cfgs.lines().any(|line| line.trim() == "target_thread_local"))
}
