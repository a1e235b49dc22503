"""Prepare the book for skeptic 0.14.2, closing the gaps it has (see toolchain-facts).

companion/build.rs calls this, then hands the prepared files to skeptic, which turns
every ```rust block into a test of the companion's `book_snippets` test target.

- Includes: skeptic does not expand mdbook's `{{#include}}`; the copies are expanded.
- `fn main`: skeptic does not wrap a snippet that has none, as rustdoc does. A block
  without one is given skeptic's own template `skt-main`, kept in the `.skt.md` side
  file skeptic reads, so the markdown's line numbers (in the test names) stay exact.
- compile_fail: skeptic would demand the block compile. Those blocks become ```text
  here; the harness's own checker verifies them against their error code.
- File names: skeptic names tests by file stem, so `foundations/exercises.md` and
  `arena/exercises.md` would clash; the copies are named by their whole path.
"""

from __future__ import annotations

from pathlib import Path

import book
from paths import BOOK

TEMPLATE = """```rust,skt-main
fn main() {{
{}
}}
```
"""


def prepare(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.md"):
        old.unlink()
    written = []
    for chapter in book.chapters():
        if chapter.name == "SUMMARY.md":
            continue
        text = book.chapter_text(chapter)
        lines = text.split("\n")
        wraps = False
        for block in book.blocks_of_text(text, chapter):
            if not block.is_rust:
                continue
            fence_line = lines[block.line - 1]
            fence = fence_line[: len(fence_line) - len(fence_line.lstrip())] + fence_line.strip()[:3]
            if block.compile_fail:
                lines[block.line - 1] = fence + "text"
                continue
            tags = ["rust"] + [a for a in block.attrs if a in ("should_panic", "no_run")]
            if not book.FN_MAIN.search(block.source()):
                tags.append("skt-main")
                wraps = True
            lines[block.line - 1] = fence + ",".join(tags)
        name = chapter.relative_to(BOOK).with_suffix("").as_posix().replace("/", "-") + ".md"
        (out / name).write_text("\n".join(lines))
        if wraps:
            (out / (name + ".skt.md")).write_text(TEMPLATE)
        written.append(out / name)
    return written
