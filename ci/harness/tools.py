"""The pinned book tools, installed into the project's own `.tools/` when missing.

A reader's global tools are never touched: `cargo install --root .tools` keeps them
inside this checkout (git-ignored), and a tool of another version is replaced.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from paths import TOOLS

# name -> (version, extra `cargo install` arguments)
PINNED = {
    # search and serve only: the default `watch` feature is not needed by `mdbook serve`
    # and costs build time on a fresh machine.
    "mdbook": ("0.5.4", ["--no-default-features", "--features", "search,serve"]),
    # The only line that works with mdbook 0.5 (0.16 fails with "Unable to parse the input").
    "mdbook-mermaid": ("0.17.1", []),
}


def installed_version(name: str) -> str | None:
    binary = TOOLS / "bin" / name
    if not binary.exists():
        return None
    out = subprocess.run([str(binary), "--version"], capture_output=True, text=True)
    words = out.stdout.split()
    return words[-1].lstrip("v") if out.returncode == 0 and words else None


def ensure_tools() -> None:
    for name, (version, extra) in PINNED.items():
        have = installed_version(name)
        if have == version:
            continue
        why = "missing" if have is None else f"version {have} found"
        print(f"==> installing {name} {version} into .tools/ ({why}; about one to two minutes on 2 cores)", flush=True)
        start = time.monotonic()
        cmd = ["cargo", "install", "--locked", "--quiet", "--force", "--root", str(TOOLS), f"{name}@{version}", *extra]
        if subprocess.run(cmd).returncode != 0:
            raise SystemExit(
                f"Installing {name} {version} failed (see cargo's message above). It comes from crates.io: "
                f"check that the registry is reachable, then run ci/test or ci/serve again."
            )
        print(f"    {name} {version} installed in {time.monotonic() - start:.0f} s", flush=True)
    ensure_mermaid_assets()
    os.environ["PATH"] = f"{TOOLS / 'bin'}{os.pathsep}{os.environ['PATH']}"


def ensure_mermaid_assets() -> None:
    """mermaid.min.js and mermaid-init.js, as the pinned mdbook-mermaid writes them."""
    folder = TOOLS / "mermaid"
    stamp = folder / "version"
    version = PINNED["mdbook-mermaid"][0]
    if stamp.exists() and stamp.read_text() == version:
        return
    folder.mkdir(parents=True, exist_ok=True)
    # `install` writes the scripts next to a book.toml (and edits that file): give it a scratch one.
    (folder / "book.toml").write_text('[book]\ntitle = "scratch"\n')
    out = subprocess.run([str(TOOLS / "bin" / "mdbook-mermaid"), "install", str(folder)], capture_output=True, text=True)
    if out.returncode != 0 or not (folder / "mermaid.min.js").exists():
        raise SystemExit(f"`mdbook-mermaid install` failed:\n{out.stderr}\nDelete .tools/ and run again to reinstall the tools.")
    (folder / "book.toml").unlink()
    stamp.write_text(version)
