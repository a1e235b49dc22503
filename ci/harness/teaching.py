"""The instructor's guide (`book/instructor/`): its timings and its list of exercises.

The guide's timings are estimates computed from the pages and the exercises by the
formula stated in `book/instructor/index.md`. This module is that formula, and the
`rules` step holds the guide to it, so a page that grows or an exercise that is
added cannot leave the guide behind:

- a link to a chapter followed by `(N)` must give that page's estimate in minutes;
  `(N alone)` must give the time to read it alone, half the class estimate;
- an exercise name in backticks followed by `(N)`, or a table row that starts with
  an exercise name and has an `N min` cell, must give the exercise's estimate;
- a table column headed `total` must be the sum of the `(N)` in the row's cells to
  its left;
- a session (a heading or bold line `Session N: title (N min)`, or `Wrap-up ...
  (N min)`) must list `(N)` adding up to its stated minutes; a numbered session
  carries a line `Split: lecture L, live demo D, exercise E.` in which L + D is the
  time of everything it lists that is not an exercise, and E the time of its
  exercises; a line `Day total: N min.` must be the sum of the sessions (or of a
  table's `total` column) since the last heading of level 3 or above;
- a page about one part says `Every page of this part, in class: N min.`, the sum
  of the estimates of that part's chapters in SUMMARY.md (exercise pages left out);
- a section `## The design exercise: `name`` works its timing out in a line
  `**Timing:** N minutes ... plus S lines of starter ... plus C lines changed ...
  which makes R, rounded ...`: N, S and C must be the exercise's estimate and its
  two counts, and R the sum before rounding to 5 (`about R` when it is not whole);
- every exercise under `companion/exercises/` appears in the guide's estimate table
  (`index.md`), on the page of its part, and in the checklist of
  `running-exercises.md`, and those three name no exercise that does not exist.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from pathlib import Path

import book
import exercises
from paths import BOOK

GUIDE = BOOK / "instructor"
INDEX = GUIDE / "index.md"
CHECKLIST = GUIDE / "running-exercises.md"
# The guide's page for the exercises of each folder of companion/exercises/.
PART_PAGE = {
    "foundations": "foundations.md",
    "ghost": "ghost.md",
    "qcell-family": "qcell-family.md",
    "arena": "systems.md",
    "stack-token": "systems.md",
    "async-cells": "async-cells.md",
    "actors": "actors.md",
}

WORDS_PER_MINUTE = 120
RUST_LINES_PER_MINUTE = 8
STARTER_LINES_PER_MINUTE = 3
EXERCISE_START_MINUTES = 10


@dataclass
class PageEstimate:
    words: int
    rust_lines: int

    @property
    def minutes(self) -> int:
        """In class: rounded up to the next 5 minutes."""
        return 5 * math.ceil((self.words / WORDS_PER_MINUTE + self.rust_lines / RUST_LINES_PER_MINUTE) / 5)

    @property
    def alone(self) -> int:
        """Read alone: half the class time, rounded up to the next 5 minutes."""
        return 5 * math.ceil(self.minutes / 2 / 5)

    def __str__(self) -> str:
        return f"{self.words} words of prose, {self.rust_lines} lines of Rust shown"


@dataclass
class ExerciseEstimate:
    starter_lines: int
    changed_lines: int

    @property
    def minutes(self) -> int:
        """Rounded to the nearest 5 minutes (a half rounds up)."""
        raw = EXERCISE_START_MINUTES + self.starter_lines / STARTER_LINES_PER_MINUTE + self.changed_lines
        return 5 * math.floor(raw / 5 + 0.5)

    def __str__(self) -> str:
        return f"{self.starter_lines} lines of starter, {self.changed_lines} lines changed by the solution"


LINK_TARGET = re.compile(r"\]\([^)]*\)")
WORD = re.compile(r"[^\s|#*>`-]+")


def page_estimate(path: Path) -> PageEstimate:
    """Words of prose (outside code blocks and comments, link targets left out; tables and
    headings count) and visible lines of the Rust blocks, includes expanded."""
    text = book.chapter_text(path)
    words = sum(len(WORD.findall(LINK_TARGET.sub("]", line))) for para in book.prose_paragraphs(text) for _, line in para)
    rust_lines = sum(
        1 for block in book.blocks_of_text(text, path) if block.is_rust for line in block.lines if book.hidden_line(line) is None
    )
    return PageEstimate(words, rust_lines)


def _code_lines(text: str) -> list[str]:
    return [s for s in (line.strip() for line in text.splitlines()) if s and not s.startswith("//")]


def exercise_estimate(exercise: exercises.Exercise) -> ExerciseEstimate:
    """Non-blank lines of the starter, and the lines a diff of starter against solution
    adds or removes, blank lines and comments left out."""
    starter = (exercise.folder / "starter.rs").read_text()
    solution = (exercise.folder / "solution.rs").read_text()
    starter_lines = sum(1 for line in starter.splitlines() if line.strip())
    diff = difflib.unified_diff(_code_lines(starter), _code_lines(solution), lineterm="", n=0)
    changed = sum(1 for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---")))
    return ExerciseEstimate(starter_lines, changed)


# A link to a chapter of the book, then its minutes: `[Ownership](../foundations/ownership.md) (30)`.
PAGE_TIMING = re.compile(r"\[[^\]]*\]\(\.\./(?P<page>[\w/.-]+\.md)\)\s*\((?P<minutes>\d+)(?P<alone> alone)?\)")
EXERCISE_TIMING = re.compile(r"`(?P<name>[a-z0-9-]+)`\s*\((?P<minutes>\d+)\)")
MINUTES_CELL = re.compile(r"(\d+) min\b")
PAREN_MINUTES = re.compile(r"\((\d+)\)")
SESSION_START = re.compile(r"^(?:#+\s*|\*\*)(?P<kind>Session \d+|Wrap-up)\b.*?\((?P<minutes>\d+) min\)")
SPLIT = re.compile(r"^Split: lecture (\d+), live demo (\d+), exercise (\d+)\.")
DAY_TOTAL = re.compile(r"^Day total: (\d+) min\.")
PART_TOTAL = re.compile(r"Every page of this part, in class: (\d+) min\b")


def table_cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


@dataclass
class Session:
    line: int
    stated: int
    listed: int = 0  # every (N) of the session: pages, exercises, anything else done in class
    exercises: int = 0
    split: tuple[int, int, int] | None = None
    needs_split: bool = True


def check_session(where: str, session: Session) -> list[str]:
    problems = []
    if session.stated != session.listed:
        problems.append(f"{where}:{session.line}: the session is stated at {session.stated} min, but what it lists adds up to {session.listed} min: write ({session.listed} min)")
    if session.split is None:
        if session.needs_split:
            problems.append(f"{where}:{session.line}: the session has no `Split: lecture L, live demo D, exercise E.` line; add one")
    else:
        lecture, demo, exercise = session.split
        taught = session.listed - session.exercises
        if lecture + demo != taught or exercise != session.exercises:
            problems.append(
                f"{where}:{session.line}: the session's split gives lecture and live demo {lecture} + {demo} = {lecture + demo} min and "
                f"exercise {exercise} min, but it lists {taught} min of pages and {session.exercises} min of exercises: make lecture "
                f"plus live demo {taught} and exercise {session.exercises}"
            )
    return problems


# How many stated timings the last `problems()` recomputed (for the summary line of ci/test).
RECOMPUTED = [0]


def check_timings(path: Path, pages: dict[str, PageEstimate], known: dict[str, ExerciseEstimate]) -> list[str]:
    problems: list[str] = []
    where = book.rel(path)
    header: list[str] = []
    session: Session | None = None
    day: list[int] = []  # the stated minutes of the sessions since the last heading above them

    def close_session() -> None:
        nonlocal session
        if session is not None:
            problems.extend(check_session(where, session))
            day.append(session.stated)
            session = None

    for number, line in enumerate(path.read_text().split("\n"), 1):
        for m in PAGE_TIMING.finditer(line):
            name = m.group("page")
            if name not in pages:
                target = (BOOK / name).resolve()
                if not target.is_file():
                    continue  # the links step names the broken link
                pages[name] = page_estimate(target)
            estimate = pages[name]
            RECOMPUTED[0] += 1
            want = estimate.alone if m.group("alone") else estimate.minutes
            if int(m.group("minutes")) != want:
                how = f"half of its {estimate.minutes} in class" if m.group("alone") else f"from {estimate}"
                problems.append(
                    f"{where}:{number}: {name} is listed at {m.group('minutes')} min{' alone' if m.group('alone') else ''}; the guide's formula "
                    f"gives {want} ({how}): write ({want}{' alone' if m.group('alone') else ''}) and correct the totals that include it"
                )
        for m in EXERCISE_TIMING.finditer(line):
            name = m.group("name")
            RECOMPUTED[0] += name in known
            if name in known and int(m.group("minutes")) != known[name].minutes:
                problems.append(
                    f"{where}:{number}: the exercise {name} is listed at {m.group('minutes')} min; the guide's formula gives "
                    f"{known[name].minutes} (from {known[name]}): write ({known[name].minutes}) and correct the totals that include it"
                )
        if line.lstrip().startswith("|"):
            cells = table_cells(line)
            if not header:
                header = [c.lower() for c in cells]
                continue
            if set("".join(cells)) <= set("-: "):
                continue
            first = re.fullmatch(r"`([a-z0-9-]+)`", cells[0])
            if first and first.group(1) in known:
                estimate = known[first.group(1)]
                for m in MINUTES_CELL.finditer(" ".join(cells[1:])):
                    RECOMPUTED[0] += 1
                    if int(m.group(1)) != estimate.minutes:
                        problems.append(
                            f"{where}:{number}: the exercise {first.group(1)} is listed at {m.group(1)} min; the guide's formula gives "
                            f"{estimate.minutes} (from {estimate}): write {estimate.minutes} min"
                        )
            if "total" in header and len(cells) == len(header):
                column = header.index("total")
                stated = MINUTES_CELL.search(cells[column])
                listed = sum(int(n) for cell in cells[:column] for n in PAREN_MINUTES.findall(cell))
                if stated is None or int(stated.group(1)) != listed:
                    problems.append(f"{where}:{number}: the row's total must be the sum of the minutes to its left: write {listed} min")
                day.append(listed)  # a table of sessions counts towards a `Day total` line below it
            continue
        header = []
        start = SESSION_START.match(line.strip())
        if start:
            close_session()
            session = Session(number, int(start.group("minutes")), needs_split=start.group("kind") != "Wrap-up")
            line = line.strip()[start.end():]  # what the session lists may start on its own first line
        elif line.startswith("**"):
            close_session()  # a bold label (homework, say) ends the session above it
        elif line.startswith("#"):
            close_session()
            if not line.startswith("####"):
                day = []
            continue
        total = DAY_TOTAL.match(line.strip())
        if total:
            close_session()
            if int(total.group(1)) != sum(day):
                problems.append(f"{where}:{number}: the day's total is {total.group(1)} min, but its sessions add up to {sum(day)} min: write {sum(day)} min")
            day = []
            continue
        if session is not None:
            session.listed += sum(int(n) for n in PAREN_MINUTES.findall(line))
            session.exercises += sum(int(m.group("minutes")) for m in EXERCISE_TIMING.finditer(line) if m.group("name") in known)
            split = SPLIT.match(line.strip())
            if split:
                session.split = tuple(int(n) for n in split.groups())
    close_session()
    return problems


# The worked timing of a design exercise, within its own section of the page.
DESIGN_TIMING = re.compile(
    r"^## The design exercise: `(?P<name>[a-z0-9-]+)`(?:(?!\n## ).)*?\*\*Timing:\*\* (?P<minutes>\d+) minutes\b"
    r"(?:(?!\n## ).)*?plus (?P<starter>\d+) lines of\s+starter(?:(?!\n## ).)*?plus (?P<changed>\d+) lines changed"
    r"(?:(?!\n## ).)*?which makes (?P<raw>(?:about )?\S+?), rounded",
    re.S | re.M,
)


def check_design_timings(path: Path, known: dict[str, ExerciseEstimate]) -> list[str]:
    problems = []
    text = path.read_text()
    for m in DESIGN_TIMING.finditer(text):
        estimate = known.get(m.group("name"))
        if estimate is None:
            continue  # the coverage check names an exercise that does not exist
        raw = EXERCISE_START_MINUTES + estimate.starter_lines / STARTER_LINES_PER_MINUTE + estimate.changed_lines
        whole = math.floor(raw + 0.5)
        worked = f"{whole}" if raw == whole else f"about {whole}"
        stated = (int(m.group("minutes")), int(m.group("starter")), int(m.group("changed")), m.group("raw"))
        want = (estimate.minutes, estimate.starter_lines, estimate.changed_lines, worked)
        if stated != want:
            line = text.count("\n", 0, text.index("**Timing:**", m.start())) + 1
            problems.append(
                f"{book.rel(path)}:{line}: the timing of {m.group('name')} must be worked out from {estimate}: write "
                f"\"{want[0]} minutes\", \"plus {want[1]} lines of starter\", \"plus {want[2]} lines changed\" and \"which makes {worked}\""
            )
    return problems


def part_pages(guide_page: Path) -> list[str]:
    """The chapters (exercise pages left out) of the part a page of the guide is about."""
    folders = [folder for folder, page in PART_PAGE.items() if page == guide_page.name]
    listed = re.findall(r"\]\(([^)]+\.md)\)", (BOOK / "SUMMARY.md").read_text())
    return [name for name in listed if name.split("/")[0] in folders and not name.endswith("/exercises.md")]


def check_part_total(path: Path, pages: dict[str, PageEstimate]) -> list[str]:
    chapters = part_pages(path)
    if not chapters:
        return []
    for name in chapters:
        pages.setdefault(name, page_estimate(BOOK / name))
    total = sum(pages[name].minutes for name in chapters)
    m = PART_TOTAL.search(path.read_text().replace("\n", " "))
    if m is None:
        return [f"{book.rel(path)}: say how long the part takes in class, as `Every page of this part, in class: {total} min.`"]
    if int(m.group(1)) != total:
        return [f"{book.rel(path)}: the part is stated at {m.group(1)} min in class, but its {len(chapters)} pages add up to {total} min by the guide's formula: write {total} min"]
    return []


def check_coverage(names: dict[str, str], guide: Path = GUIDE) -> list[str]:
    """Every exercise (name -> folder of companion/exercises/) in the estimate table of
    the guide's index, on its part's page and in the checklist of running-exercises.md."""
    problems = []

    def listed(path: Path) -> set[str]:
        # Exercise names in backticks at the start of a table row.
        return set(re.findall(r"^\|\s*`([a-z0-9-]+)`", path.read_text(), re.M)) if path.is_file() else set()

    index, checklist = guide / INDEX.name, guide / CHECKLIST.name
    for name, part in names.items():
        page = guide / PART_PAGE.get(part, f"{part}.md")
        if name not in listed(index):
            problems.append(f"{book.rel(index)}: the exercise {name} (companion/exercises/{part}/) is missing from the table of estimates; add a row for it")
        if name not in listed(page):
            problems.append(f"{book.rel(page)}: the exercise {name} is missing from the table of this part's exercises; add a row that says whether it suits class or homework, and why")
        if name not in listed(checklist):
            problems.append(f"{book.rel(checklist)}: the exercise {name} is missing from the table of what to check beyond the tests; add a row for it")
    for path in [index, checklist, *sorted({guide / p for p in PART_PAGE.values()})]:
        for stale in sorted(listed(path) - set(names)):
            problems.append(f"{book.rel(path)}: a table row names the exercise {stale}, which companion/exercises/ does not have; remove the row or fix the name")
    return problems


def problems() -> list[str]:
    RECOMPUTED[0] = 0
    found = exercises.all_exercises()
    known = {e.name: exercise_estimate(e) for e in found}
    pages: dict[str, PageEstimate] = {}
    result = []
    for path in sorted(GUIDE.glob("*.md")):
        result += check_timings(path, pages, known) + check_part_total(path, pages) + check_design_timings(path, known)
    return result + check_coverage({e.name: e.folder.parent.name for e in found})
