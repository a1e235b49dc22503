"""Compiling snippets with the pinned toolchain and exactly the companion's crates.

Neither rustdoc (under `mdbook test`) nor plain rustc can find the companion's
dependencies by themselves, and `-L target/debug/deps` alone breaks with E0464 as soon
as that folder holds two builds of one crate. So the harness asks cargo which rlib it
just built for each crate and passes each one by name (`--extern name=path`) from an
argument file that rustc and rustdoc both read.
"""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from paths import HARNESS, REPO

EXTERNS = HARNESS / "externs.args"


@functools.cache
def real_sysroot() -> Path:
    """The sysroot of the toolchain pinned by rust-toolchain.toml."""
    out = subprocess.run(["rustc", "--print", "sysroot"], cwd=REPO, capture_output=True, text=True, check=True)
    return Path(out.stdout.strip())


@functools.cache
def host() -> str:
    out = subprocess.run(["rustc", "-vV"], cwd=REPO, capture_output=True, text=True, check=True)
    return re.search(r"^host: (\S+)", out.stdout, re.M).group(1)


def tool(name: str) -> Path:
    return real_sysroot() / "bin" / name


@functools.cache
def sysroot_shim() -> Path:
    """A sysroot with the standard library but without the `rust-src` component.

    With rust-src installed, rustc quotes std's source in its notes; without it, it does
    not. Compiling against this shim makes the output shown in the book the same on
    every machine, whatever components the reader installed.
    """
    shim = HARNESS / "sysroot"
    link = shim / "lib" / "rustlib" / host()
    real = real_sysroot() / "lib" / "rustlib" / host()
    if not (link.is_symlink() and link.resolve() == real.resolve()):
        link.parent.mkdir(parents=True, exist_ok=True)
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(real)
    return shim


def cargo_json(args: list[str]) -> list[dict]:
    out = subprocess.run(["cargo", *args], cwd=REPO, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"`cargo {' '.join(args)}` failed:\n{out.stderr}\nFix the build first (run that command to see the error in full).")
    return [json.loads(l) for l in out.stdout.splitlines() if l.startswith("{")]


def write_externs() -> list[str]:
    """Build the companion and write the argument file. Returns the crate names passed."""
    artifacts = {}
    for msg in cargo_json(["build", "-p", "companion", "--lib", "--message-format=json-render-diagnostics"]):
        if msg.get("reason") != "compiler-artifact":
            continue
        kinds = msg["target"]["kind"]
        if "lib" in kinds or "rlib" in kinds or "proc-macro" in kinds:
            files = [f for f in msg["filenames"] if f.endswith((".rlib", ".so"))]
            if files:
                artifacts[msg["package_id"]] = files[0]
    (metadata,) = cargo_json(["metadata", "--format-version", "1"])
    companion = next(p for p in metadata["packages"] if p["name"] == "companion")
    node = next(n for n in metadata["resolve"]["nodes"] if n["id"] == companion["id"])
    externs = {"companion": artifacts[companion["id"]]}
    for dep in node["deps"]:
        if any(k["kind"] is None for k in dep["dep_kinds"]) and dep["pkg"] in artifacts:
            externs[dep["name"]] = artifacts[dep["pkg"]]
    # cargo reports the workspace crate at its uplifted copy in target/debug, and the
    # others in target/debug/deps; rustc needs every such folder to find the crates
    # the passed ones were built against.
    lines = []
    for folder in sorted({str(Path(f).parent) for f in artifacts.values()}):
        lines += ["-L", f"dependency={folder}"]
    for name, path in sorted(externs.items()):
        lines += ["--extern", f"{name}={path}"]
    HARNESS.mkdir(parents=True, exist_ok=True)
    EXTERNS.write_text("\n".join(lines) + "\n")
    return sorted(externs)


@dataclass
class Compiled:
    ok: bool
    codes: list[str]  # error codes, in order, one per coded error
    uncoded: list[str]  # messages of errors that carry no code
    rendered: str  # the human-readable output, normalised
    binary: Path | None


def normalise(text: str) -> str:
    """Make compiler output independent of where the repository and registry are."""
    text = text.replace(str(REPO) + "/", "")
    text = re.sub(r"\S*/registry/src/[^/\s]+/", "~/.cargo/registry/src/…/", text)
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines())


def compile_program(program: str, workdir: Path, *, metadata_only: bool, test: bool = False, edition: str = "2024") -> Compiled:
    """Compile a snippet as `src/main.rs` (the path readers see in the output).

    With `test`, build the libtest harness of the program's #[test] functions instead.
    `edition` is the book's 2024 except where the harness mimics skeptic, which uses 2021.
    """
    src = workdir / "src" / "main.rs"
    src.parent.mkdir(parents=True, exist_ok=True)
    src.write_text(program)
    binary = workdir / "snippet"
    cmd = [
        str(tool("rustc")), "src/main.rs", "--crate-name", "snippet", *(["--test"] if test else ["--crate-type", "bin"]),
        f"--edition={edition}", "--sysroot", str(sysroot_shim()), "--error-format=json",
        "-A", "warnings", "-o", str(binary), f"@{EXTERNS}",
    ]
    if metadata_only:
        cmd.append("--emit=metadata")
    out = subprocess.run(cmd, cwd=workdir, capture_output=True, text=True)
    codes, uncoded, rendered = [], [], []
    for line in out.stderr.splitlines():
        try:
            diag = json.loads(line)
        except json.JSONDecodeError:
            rendered.append(line + "\n")
            continue
        if diag.get("$message_type", "diagnostic") != "diagnostic":
            continue
        rendered.append(diag.get("rendered") or "")
        if diag["level"] != "error":
            continue
        if diag.get("code"):
            codes.append(diag["code"]["code"])
        elif not diag["message"].startswith("aborting due to"):
            uncoded.append(diag["message"])
    return Compiled(out.returncode == 0, codes, uncoded, normalise("".join(rendered)), binary if out.returncode == 0 and not metadata_only else None)


def scratch() -> tempfile.TemporaryDirectory:
    HARNESS.mkdir(parents=True, exist_ok=True)
    return tempfile.TemporaryDirectory(prefix="snippet-", dir=HARNESS)


def run_binary(binary: Path, timeout: float = 20, args: tuple[str, ...] | list[str] = ()) -> subprocess.CompletedProcess:
    """Run a compiled snippet or test binary; panics print their message, not a backtrace."""
    env = dict(os.environ, RUST_BACKTRACE="0")
    return subprocess.run([str(binary), *args], cwd=binary.parent, capture_output=True, text=True, timeout=timeout, env=env)
