"""The pinned tools (the book's and cargo-hack), installed into the project's own `.tools/` when missing.

A reader's global tools are never touched: `cargo install --root .tools` keeps them
inside this checkout (git-ignored). Each tool is pinned by a version, the `cargo
install` arguments and the lockfile it is built from; `.tools/pins/<name>` records the
pin a binary was built with, so a change to any of the three reinstalls it (in
`ci/test` and in `ci/serve` alike).

Why mdbook-mermaid has a lockfile of the project's own: the lockfile packaged in
mdbook-mermaid 0.17.1 pins mdbook-preprocessor 0.5.0, and a preprocessor built
against 0.5.0 makes mdbook 0.5.4 warn on every build ("built against version 0.5.0
of mdbook, but we're being called from version 0.5.4"). The project's lockfile
(`ci/tools/`) is the packaged one with mdbook-preprocessor and mdbook-core moved to
0.5.4, the version of the pinned mdbook, so the pair matches and `--locked` keeps
the build reproducible.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from paths import REPO, TOOLS

LOCKFILES = REPO / "ci" / "tools"


@dataclass(frozen=True)
class Pin:
    version: str
    args: list[str] = field(default_factory=list)
    # None: the lockfile packaged in the crate (`cargo install --locked`).
    lockfile: Path | None = None

    def stamp(self) -> str:
        lock = hashlib.sha256(self.lockfile.read_bytes()).hexdigest() if self.lockfile else "packaged"
        return json.dumps({"version": self.version, "args": self.args, "lockfile": lock})


PINNED = {
    # search and serve only: the default `watch` feature is not needed by `mdbook serve`
    # and costs build time on a fresh machine.
    "mdbook": Pin("0.5.4", ["--no-default-features", "--features", "search,serve"]),
    # The only line that works with mdbook 0.5 (0.16 fails with "Unable to parse the input").
    # Built from the project's lockfile: see the module docs.
    "mdbook-mermaid": Pin("0.17.1", lockfile=LOCKFILES / "mdbook-mermaid-0.17.1.Cargo.lock"),
    # `cargo hack --each-feature`: the `features` step builds and tests every feature alone.
    "cargo-hack": Pin("0.6.46"),
}


def installed_version(name: str) -> str | None:
    binary = TOOLS / "bin" / name
    if not binary.exists():
        return None
    # A cargo subcommand's binary wants its subcommand first (`cargo-hack hack --version`).
    subcommand = [name.removeprefix("cargo-")] if name.startswith("cargo-") else []
    out = subprocess.run([str(binary), *subcommand, "--version"], capture_output=True, text=True)
    words = out.stdout.split()
    return words[-1].lstrip("v") if out.returncode == 0 and words else None


def stamp_file(name: str) -> Path:
    return TOOLS / "pins" / name


def up_to_date(name: str, pin: Pin) -> str | None:
    """None when the installed binary is the pinned build, else why it is not."""
    have = installed_version(name)
    if have is None:
        return "missing"
    if have != pin.version:
        return f"version {have} found"
    stamp = stamp_file(name)
    if not stamp.exists() or stamp.read_text() != pin.stamp():
        return "built from another pin"
    return None


def crate_source(name: str, version: str, scratch: Path) -> Path:
    """The unpacked source of a crates.io package, fetched by cargo into its registry cache."""
    fetcher = scratch / "fetch"
    (fetcher / "src").mkdir(parents=True)
    (fetcher / "src" / "lib.rs").write_text("")
    # `[workspace]`: a package of its own, not a member of any workspace above the scratch folder.
    (fetcher / "Cargo.toml").write_text(
        f'[package]\nname = "fetch-{name}"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n'
        f'[dependencies]\n{name} = "={version}"\n\n[workspace]\n'
    )
    out = subprocess.run(
        ["cargo", "metadata", "--quiet", "--format-version", "1", "--manifest-path", str(fetcher / "Cargo.toml")],
        cwd=REPO, capture_output=True, text=True,
    )
    if out.returncode != 0:
        raise SystemExit(f"Fetching the source of {name} {version} failed:\n{out.stderr}\nCheck that crates.io is reachable, then run again.")
    for package in json.loads(out.stdout)["packages"]:
        if package["name"] == name and package["version"] == version:
            return Path(package["manifest_path"]).parent
    raise SystemExit(f"cargo metadata did not list {name} {version}; run again, or delete .tools/ to start over.")


def install(name: str, pin: Pin) -> bool:
    common = ["--locked", "--quiet", "--force", "--root", str(TOOLS), *pin.args]
    if pin.lockfile is None:
        return subprocess.run(["cargo", "install", *common, f"{name}@{pin.version}"], cwd=REPO).returncode == 0
    with tempfile.TemporaryDirectory(prefix=f"book-tools-{name}-") as tmp:
        scratch = Path(tmp)
        source = scratch / "src"
        shutil.copytree(crate_source(name, pin.version, scratch), source)
        (source / "Cargo.lock").write_bytes(pin.lockfile.read_bytes())
        # The build folder is inside the scratch folder and goes with it.
        env = dict(os.environ, CARGO_TARGET_DIR=str(scratch / "target"))
        return subprocess.run(["cargo", "install", *common, "--path", str(source)], cwd=REPO, env=env).returncode == 0


BOOK_TOOLS = ("mdbook", "mdbook-mermaid")


def ensure_tools(names: tuple[str, ...] = tuple(PINNED)) -> None:
    """Install the named pinned tools where missing (`ci/serve` needs only the book's)."""
    TOOLS.mkdir(parents=True, exist_ok=True)
    # One installer at a time: parallel `ci/test` runs in one checkout wait here.
    with open(TOOLS / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for name in names:
            pin = PINNED[name]
            why = up_to_date(name, pin)
            if why is None:
                continue
            print(f"==> installing {name} {pin.version} into .tools/ ({why}; about one to two minutes on 2 cores)", flush=True)
            start = time.monotonic()
            stamp_file(name).unlink(missing_ok=True)
            if not install(name, pin):
                raise SystemExit(
                    f"Installing {name} {pin.version} failed (see cargo's message above). It comes from crates.io: "
                    f"check that the registry is reachable, then run ci/test or ci/serve again."
                )
            stamp_file(name).parent.mkdir(parents=True, exist_ok=True)
            stamp_file(name).write_text(pin.stamp())
            print(f"    {name} {pin.version} installed in {time.monotonic() - start:.0f} s", flush=True)
        ensure_mermaid_assets()
    os.environ["PATH"] = f"{TOOLS / 'bin'}{os.pathsep}{os.environ['PATH']}"


def ensure_mermaid_assets() -> None:
    """mermaid.min.js and mermaid-init.js, as the pinned mdbook-mermaid writes them."""
    folder = TOOLS / "mermaid"
    stamp = folder / "pin"
    pin = PINNED["mdbook-mermaid"].stamp()
    if stamp.exists() and stamp.read_text() == pin and (folder / "mermaid.min.js").exists():
        return
    folder.mkdir(parents=True, exist_ok=True)
    # `install` writes the scripts next to a book.toml (and edits that file): give it a scratch one.
    (folder / "book.toml").write_text('[book]\ntitle = "scratch"\n')
    out = subprocess.run([str(TOOLS / "bin" / "mdbook-mermaid"), "install", str(folder)], capture_output=True, text=True)
    if out.returncode != 0 or not (folder / "mermaid.min.js").exists():
        raise SystemExit(f"`mdbook-mermaid install` failed:\n{out.stderr}\nDelete .tools/ and run again to reinstall the tools.")
    (folder / "book.toml").unlink()
    (folder / "version").unlink(missing_ok=True)
    stamp.write_text(pin)
