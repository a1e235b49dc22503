"""The companion's API documentation, built by rustdoc and published beside the book.

`cargo doc --no-deps` writes the companion's pages into `target/doc/`, with
`-D warnings`: a broken intra-doc link or a public item without docs fails the build.
`install` copies them into the built book as `api/`, so `api/companion/index.html` sits
beside the chapters, the parts' pages link their module's docs, and the module docs
link back to the chapters, all by relative links that the `links` step checks.

rustdoc links an item of a dependency to that crate's local docs when `target/doc/`
holds them (after a `cargo doc` without `--no-deps`). The site has only the
companion's, so such a folder is found from rustdoc's list of crates and the docs are
built again without it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

from paths import REPO, TARGET

DOC = TARGET / "doc"
CRATE = "companion"
SITE_FOLDER = "api"


class DocsFailed(Exception):
    pass


def documented_crates() -> list[str]:
    """The crates rustdoc lists in `target/doc/crates.js` (the sidebar's crate list)."""
    listing = DOC / "crates.js"
    if not listing.exists():
        return []
    m = re.search(r"\[.*?\]", listing.read_text(), re.S)
    return json.loads(m.group(0)) if m else []


def cargo_doc() -> None:
    env = dict(os.environ, RUSTDOCFLAGS="-D warnings")
    out = subprocess.run(["cargo", "doc", "-p", CRATE, "--no-deps", "--locked", "--quiet"], cwd=REPO, env=env)
    if out.returncode != 0:
        raise DocsFailed(f"`RUSTDOCFLAGS='-D warnings' cargo doc -p {CRATE} --no-deps` failed (see above): fix the doc comment it names")


def build() -> int:
    """Build the companion's docs; returns the number of pages rustdoc wrote for it."""
    cargo_doc()
    if documented_crates() != [CRATE]:
        shutil.rmtree(DOC)
        cargo_doc()
    return sum(1 for _ in (DOC / CRATE).rglob("*.html"))


def install(site) -> None:
    """Copy the built docs into the built book (`target/book/api/`)."""
    if not (DOC / CRATE / "index.html").exists():
        raise DocsFailed(f"no API docs in {DOC}: build them first")
    dest = site / SITE_FOLDER
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(DOC, dest, ignore=shutil.ignore_patterns(".lock"))
    # rustdoc's help and settings pages link to the folder's index, which it does not write.
    (dest / "index.html").write_text(
        f'<!DOCTYPE html>\n<meta charset="utf-8">\n<meta http-equiv="refresh" content="0; url={CRATE}/index.html">\n'
        f'<title>{CRATE}: API documentation</title>\n<a href="{CRATE}/index.html">The {CRATE} crate\'s API documentation</a>\n'
    )
