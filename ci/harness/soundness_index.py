"""The book's soundness catalogue, generated from the trybuild suites.

Each folder `companion/tests/soundness/<suite>/` holds programs that must not compile
against `companion::<suite>`: one claim per program (its first line is
`//! claim: ...`) and the exact compiler output next to it (`.stderr`), which trybuild
checks in the `cargo` step of `ci/test`. This module writes the appendix that lists
them (claim, program, error code, and the chapters that cite the case), and the
`rules` step fails when the appendix is out of date, when a case states no claim, when
a suite has no test target running it, or when no chapter cites a case.

The page ends with a hand-written section, `companion/tests/soundness/holes.md`: the
holes found in review (in our code or in the crates it builds on), each with the test
that demonstrates it and what closes it now. It is copied in as written, minus lines
that are only an HTML comment (notes for authors, never for readers).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import book
import error_index
from paths import BOOK, REPO

PAGE = BOOK / "appendix" / "soundness.md"
SUITES = REPO / "companion" / "tests" / "soundness"
CLAIM = re.compile(r"^//! claim: (.+)$")
CITATION = re.compile(r"soundness\.md#([a-z0-9_]+)")
HOLES = SUITES / "holes.md"
HOLES_HEADING = "## Holes found in review, and how each is closed"
AUTHOR_NOTE = re.compile(r"^\s*<!--.*-->\s*$")


def holes_section(text: str) -> tuple[str, list[str]]:
    """The holes file as it appears on the page, and what is wrong with it."""
    lines = [line for line in text.split("\n") if not AUTHOR_NOTE.match(line)]
    body = "\n".join(lines).strip("\n")
    problems = []
    where = HOLES.relative_to(REPO)
    if body.split("\n", 1)[0] != HOLES_HEADING:
        problems.append(f"{where}: the first line must be the heading `{HOLES_HEADING}`")
    if sum(1 for line in lines if line.startswith("## ")) > 1:
        problems.append(f"{where}: only the first heading may be `## `; write each hole as a `### ` entry")
    if not any(line.startswith("### ") for line in lines):
        problems.append(f"{where}: no `### ` entry; write one per hole (what it was, the test that shows it, what closes it)")
    return body + "\n", problems


@dataclass
class Case:
    suite: str
    stem: str
    claim: str
    program: str
    stderr: str

    @property
    def code(self) -> str:
        """The error code of the first error, or the first error's message when it has none."""
        first = re.search(r"^error(?:\[(E\d{4})\])?: (.*)$", self.stderr, re.M)
        if not first:
            return "(no error in the .stderr file)"
        return first.group(1) or f"no code: {first.group(2)}"


def cases() -> tuple[list[Case], list[str]]:
    found, problems = [], []
    for folder in sorted(p for p in SUITES.iterdir() if p.is_dir()) if SUITES.is_dir() else []:
        target = REPO / "companion" / "tests" / f"{folder.name}_soundness.rs"
        if not target.is_file() or f"tests/soundness/{folder.name}/" not in target.read_text():
            problems.append(f"{folder.relative_to(REPO)}: no test runs these cases; add {target.relative_to(REPO)} calling trybuild on tests/soundness/{folder.name}/*.rs")
        # `built/`: cases refused only when the program is built (see stack_token_soundness.rs).
        for program in sorted([*folder.glob("*.rs"), *folder.glob("built/*.rs")], key=lambda p: p.name):
            text = program.read_text()
            claim = CLAIM.match(text.split("\n", 1)[0])
            stderr = program.with_suffix(".stderr")
            if not claim:
                problems.append(f"{program.relative_to(REPO)}: the first line must state the claim, as `//! claim: <the rule this program shows is enforced>.`")
                continue
            if not stderr.is_file():
                problems.append(f"{program.relative_to(REPO)}: no .stderr next to it; run `TRYBUILD=overwrite cargo test -p companion --test {folder.name}_soundness` and read the result")
                continue
            body = text.split("\n", 1)[1] if "\n" in text else ""
            found.append(Case(folder.name, program.stem, claim.group(1), body.strip("\n"), stderr.read_text().rstrip("\n")))
    stems = [c.stem for c in found]
    for stem in sorted({s for s in stems if stems.count(s) > 1}):
        problems.append(f"the case name {stem} is used by two suites; the appendix links cases by name, so rename one")
    return found, problems


def citations() -> dict[str, list[str]]:
    """case stem -> chapters (paths relative to book/) that link to it, in book order."""
    cited: dict[str, list[str]] = {}
    for name in error_index.chapter_titles():
        if BOOK / name == PAGE:
            continue
        for stem in CITATION.findall((BOOK / name).read_text()):
            if name not in cited.setdefault(stem, []):
                cited[stem].append(name)
    return cited


def generate(found: list[Case]) -> str:
    titles = error_index.chapter_titles()
    cited = citations()
    out = [
        "# Soundness catalogue\n",
        "Every program below must be rejected by the compiler: each one tries to break a rule",
        "that the companion's cells, tokens and wrappers promise. The test suite compiles",
        "every program with trybuild and compares the compiler's complete output with the",
        "output shown here, so a program that starts to compile, or that fails for another",
        "reason, fails the tests. Each case links back to the chapters whose claim it backs.",
        "This page is generated from `companion/tests/soundness/` by `ci/bless`, and",
        "`ci/test` fails when it is out of date.\n",
        "Where the compiler's error has no code (\"lifetime may not live long enough\" is",
        "the usual one), the table says so; the complete output below is still checked.\n",
    ]
    holes = HOLES.read_text() if HOLES.is_file() else None
    if holes is not None:
        out.append("The [last section](#holes-found-in-review-and-how-each-is-closed) is of another kind:")
        out.append("the holes that review found, what each one was, the test that demonstrates it,")
        out.append("and what closes it now.\n")
    for suite in sorted({c.suite for c in found}):
        mine = [c for c in found if c.suite == suite]
        out.append(f"## `companion::{suite}`: {len(mine)} cases\n")
        out.append("| case | claim | error | cited in |\n|---|---|---|---|")
        for c in mine:
            places = ", ".join(
                f"[{titles[n]}]({Path(os.path.relpath(BOOK / n, PAGE.parent)).as_posix()})" for n in cited.get(c.stem, [])
            )
            code = f"[{c.code}](https://doc.rust-lang.org/error_codes/{c.code}.html)" if re.fullmatch(r"E\d{4}", c.code) else c.code
            out.append(f"| [`{c.stem}`](#{c.stem}) | {c.claim.replace('|', chr(92) + '|')} | {code} | {places} |")
        out.append("")
        for c in mine:
            out.append(f"### `{c.stem}`\n")
            out.append(f"Claim: {c.claim}\n")
            out.append(f"```text\n{c.program}\n```\n")
            out.append("The compiler says:\n")
            out.append(f"```text\n{c.stderr}\n```\n")
    if holes is not None:
        out.append(holes_section(holes)[0])
    return "\n".join(out).rstrip("\n") + "\n"


def problems() -> list[str]:
    found, problems = cases()
    if HOLES.is_file():
        problems += holes_section(HOLES.read_text())[1]
    if problems:
        return problems
    cited = citations()
    for c in found:
        if c.stem not in cited:
            problems.append(f"companion/tests/soundness/{c.suite}/{c.stem}.rs is cited by no chapter; link it from the page whose claim it backs as (../appendix/soundness.md#{c.stem})")
    if not PAGE.exists() or PAGE.read_text() != generate(found):
        problems.append(f"{book.rel(PAGE)} is out of date with companion/tests/soundness/: run ci/bless to regenerate it")
    return problems


def count() -> int:
    return len(cases()[0])


def write() -> bool:
    found, problems = cases()
    if HOLES.is_file():
        problems += holes_section(HOLES.read_text())[1]
    if problems:
        raise SystemExit("\n".join(problems))
    text = generate(found)
    if PAGE.exists() and PAGE.read_text() == text:
        return False
    PAGE.write_text(text)
    return True
