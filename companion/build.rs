//! Decides whether the target keeps `thread_local!` values in native
//! thread-local storage (see `native_thread_locals` below), and turns every
//! Rust snippet of the book into a test, with skeptic.
//!
//! skeptic 0.14.2 does not expand `{{#include}}`, wrap snippets in `fn main`, or
//! understand `compile_fail`; the book's harness (`ci/harness/skeptic_prep.py`) writes a
//! copy of the book that closes those gaps, and skeptic extracts its tests from that copy.
//! When this crate is copied out of the repository without the book, there is nothing
//! to extract and the `book_snippets` test target is empty.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    native_thread_locals();
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

fn prepare(prep: &Path, dir: &Path) -> Vec<PathBuf> {
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
/// `companion::stack_token` relies on both and exists only there. On the other
/// targets (`x86_64-pc-windows-gnu`, the OpenHarmony targets, targets without
/// threads) std boxes each value on the heap, frees the box at thread exit
/// whatever the type, and makes a new one on the next access.
fn native_thread_locals() {
    println!("cargo::rustc-check-cfg=cfg(native_thread_locals)");
    let var = |name: &str| env::var(name).unwrap_or_default();
    let (os, target_env, abi) = (var("CARGO_CFG_TARGET_OS"), var("CARGO_CFG_TARGET_ENV"), var("CARGO_CFG_TARGET_ABI"));
    let native = match os.as_str() {
        "linux" => matches!(target_env.as_str(), "gnu" | "musl"),
        "macos" | "ios" | "freebsd" => true,
        "windows" => target_env == "msvc" || (target_env == "gnu" && abi == "llvm"),
        _ => false,
    };
    if native {
        println!("cargo::rustc-cfg=native_thread_locals");
    }
}
