"""Every internal link and anchor of the built book resolves.

Each HTML page of `target/book/` is parsed once: the ids it defines, and every
`href`/`src` it uses. Then each internal reference is checked: the file exists, and
when the reference has a `#fragment`, the target page defines that id. Links that
leave the book (`https:`, `mailto:`) are not followed: the machines that run the
tests have no general internet access.

The companion's API pages (rustdoc's output, copied to `api/`) are checked the same
way: their links between items, to their source pages and back to the chapters. Their
links to the standard library's docs and to docs.rs leave the book and are not followed.
rustdoc also repeats the docs of dependencies' traits on our types (futures'
`FutureExt` on every future), and writes an intra-doc link of those docs that it cannot
place, because that crate's docs are not in the site, as the bare path
(`href="futures_core::future::TryFuture"`); such paths are not followed.
A fragment is matched the way browsers match it, as written and then percent-decoded
(rustdoc's ids keep `%3C` for `<`), and a source page's line range `#N-M`, which
rustdoc's script highlights, needs the ids of both lines.

LinkChecker did this job first, but it parses a page again for every anchor that
points into it; with the generated appendices (hundreds of anchors into one long
page) that took eight minutes, where one pass takes about a second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

@dataclass
class Page:
    ids: set[str] = field(default_factory=set)
    base: str | None = None  # a <base href>, which relative references resolve against
    refs: list[tuple[str, int]] = field(default_factory=list)  # (reference, line)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "base":
            self.page.base = attributes.get("href")
            return
        for name in ("id", "name") if tag == "a" else ("id",):
            if attributes.get(name):
                self.page.ids.add(attributes[name])
        for name in ("href", "src"):
            value = attributes.get(name)
            if value is not None and not (tag == "link" and attributes.get("rel") == "preconnect"):
                self.page.refs.append((value, self.getpos()[0]))


def parse(path: Path) -> Page:
    collector = _Collector()
    collector.feed(path.read_text(errors="replace"))
    return collector.page


def anchor_found(fragment: str, ids: set[str]) -> bool:
    if fragment in ids or unquote(fragment) in ids:
        return True
    lines = re.fullmatch(r"(\d+)-(\d+)", fragment)
    return bool(lines) and lines.group(1) in ids and lines.group(2) in ids


UNPLACED_PATH = re.compile(r"[a-z_][a-z0-9_]*(?:::[A-Za-z0-9_]+)+")


def check(root: Path) -> tuple[int, list[str]]:
    """Returns the number of internal references checked and one line per broken one."""
    root = root.resolve()
    pages = {p: parse(p) for p in sorted(root.rglob("*.html"))}
    checked, broken = 0, []
    for page_path, page in pages.items():
        for ref, line in page.refs:
            parts = urlsplit(ref)
            if parts.scheme or parts.netloc or ref.startswith("javascript:") or UNPLACED_PATH.fullmatch(ref):
                continue
            checked += 1
            # Paths starting with / are relative to the book's root, where the book is served.
            folder = root if page.base == "/" else page_path.parent
            path = unquote(parts.path)
            target = page_path if not path else (root / path.lstrip("/") if path.startswith("/") else folder / path).resolve()
            if target.is_dir():
                target = target / "index.html"
            where = f"{page_path.relative_to(root)}:{line}: `{ref}`"
            if not target.exists():
                broken.append(f"{where}: no file {target.relative_to(root) if target.is_relative_to(root) else target}")
                continue
            fragment = parts.fragment
            if fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if not anchor_found(fragment, ids):
                    broken.append(f"{where}: {target.relative_to(root)} has no anchor #{unquote(fragment)}")
    return checked, broken
