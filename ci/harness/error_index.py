"""The book's index of compiler error codes, generated from the chapters.

`ci/bless` writes it; the `rules` step of `ci/test` fails when it is out of date, so
the index always lists every code the book mentions, each linked to the sections
that mention it, with the first paragraph of `rustc --explain`.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import book
import rust
from paths import BOOK

PAGE = BOOK / "appendix" / "error-codes.md"
CODE = re.compile(r"\bE\d{4}\b")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def heading_id(text: str) -> str:
    """The id mdbook gives a heading: plain text, lower case, spaces to hyphens."""
    # Backticks and emphasis stars are markup; underscores stay (`a_b` is the id a_b).
    plain = re.sub(r"[`*]|\[([^\]]*)\]\([^)]*\)", lambda m: m.group(1) or "", text)
    return "".join(c.lower() if c.isalnum() or c in "_-" else "-" if c.isspace() else "" for c in plain)


def chapter_titles() -> dict[str, str]:
    return {path: title for title, path in re.findall(r"\[([^\]]+)\]\(([^)]+\.md)\)", (BOOK / "SUMMARY.md").read_text())}


def occurrences() -> dict[str, list[tuple[str, str, str]]]:
    """code -> [(chapter path, section id, section title)], in book order, no repeats."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    for name in chapter_titles():
        path = BOOK / name
        if path == PAGE:
            continue
        seen_ids: dict[str, int] = {}
        section = ("", "")
        fence = None
        for line in path.read_text().split("\n"):
            m = book.FENCE.match(line)
            if m and fence is None:
                fence = m.group("fence")[0]
            elif fence and re.match(rf"^\s*{re.escape(fence)}{{3,}}\s*$", line):
                fence = None
            elif fence is None and (h := HEADING.match(line)):
                base = heading_id(h.group(2))
                n = seen_ids.get(base, 0)
                seen_ids[base] = n + 1
                section = (base if n == 0 else f"{base}-{n}", h.group(2))
            for code in CODE.findall(line):
                place = (name, *section)
                if place not in found.setdefault(code, []):
                    found[code].append(place)
    return found


def explanation(code: str) -> str:
    out = subprocess.run([str(rust.tool("rustc")), "--explain", code], capture_output=True, text=True)
    first = out.stdout.strip().split("\n\n")[0]
    return " ".join(first.split()).replace("|", "\\|") or "(no explanation in rustc)"


def escape_html(text: str) -> str:
    """Markdown text with `<` and `>` outside code spans escaped.

    A heading such as "Cell<T>: invariant over T" would otherwise open an HTML tag
    `<T>` in the link text, which mdbook warns about and the browser swallows.
    """
    parts = re.split(r"(`[^`]*`)", text)
    return "".join(p if p.startswith("`") else p.replace("<", "&lt;").replace(">", "&gt;") for p in parts)


def generate() -> str:
    titles = chapter_titles()
    here = PAGE.parent
    rows = []
    for code, places in sorted(occurrences().items()):
        links = []
        for name, anchor, heading in places:
            target = Path(os.path.relpath(BOOK / name, here))
            label = titles[name] + (f": {heading}" if heading and heading.strip("` ") != titles[name] else "")
            label = escape_html(label)
            links.append(f"[{label}]({target.as_posix()}{'#' + anchor if anchor else ''})")
        rows.append(f"| [{code}](https://doc.rust-lang.org/error_codes/{code}.html) | {explanation(code)} | {'<br>'.join(links)} |")
    return (
        "# Index of compiler errors\n\n"
        "Every compiler error code that appears in this book, with the first lines of\n"
        "`rustc --explain` and the sections that show or explain it. The page is generated\n"
        "from the chapters by `ci/bless`, and `ci/test` fails when it is out of date.\n\n"
        "| code | what rustc says it means | where the book shows it |\n|---|---|---|\n" + "\n".join(rows) + "\n"
    )


def problems() -> list[str]:
    if not PAGE.exists() or PAGE.read_text() != generate():
        return [f"{book.rel(PAGE)} is out of date with the chapters: run ci/bless to regenerate it"]
    return []


def write() -> bool:
    text = generate()
    if PAGE.exists() and PAGE.read_text() == text:
        return False
    PAGE.write_text(text)
    return True
