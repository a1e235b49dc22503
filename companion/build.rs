//! Turns every Rust snippet of the book into a test, with skeptic.
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
