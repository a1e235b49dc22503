"""Exercises: one folder each, one set of tests for the starter and the solution.

    companion/exercises/<part>/<name>/
        exercise.toml   title, chapter, hint, and how the untouched starter fails
        starter.rs      what the student starts from (the book shows it by include)
        solution.rs     the reference solution (the solutions page shows it by include)
        tests.rs        #[test] functions, run against whichever code is checked

`starter_fails_with` is "tests" (the starter compiles and a test fails) or an error
code (the starter is a compile error to fix). `ci/test` checks every solution passes
and every untouched starter fails in exactly the declared way, so no exercise is
vacuous and the three files cannot drift apart.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import rust
from paths import BOOK, EXERCISES, HARNESS, MY_WORK, REPO


@dataclass
class Exercise:
    folder: Path
    title: str
    chapter: str
    hint: str
    starter_fails_with: str

    @property
    def name(self) -> str:
        return self.folder.name

    @property
    def work_file(self) -> Path:
        return MY_WORK / f"{self.name}.rs"

    @property
    def passed_file(self) -> Path:
        """Written by a passing `check`: the hash of the work file that passed."""
        return MY_WORK / ".passed" / self.name

    def state(self) -> str:
        if not self.work_file.exists():
            return "not started"
        if self.passed_file.exists() and self.passed_file.read_text() == work_hash(self.work_file):
            return "done"
        return "started"


def work_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class Outcome:
    compiled: bool
    codes: list[str]
    compiler_output: str
    passed: list[str]
    failed: list[str]
    failure_text: str

    @property
    def all_pass(self) -> bool:
        return self.compiled and not self.failed and bool(self.passed)


def all_exercises() -> list[Exercise]:
    found = []
    for toml in sorted(EXERCISES.glob("*/*/exercise.toml")):
        meta = tomllib.loads(toml.read_text())
        missing = [f for f in ("starter.rs", "solution.rs", "tests.rs") if not (toml.parent / f).is_file()]
        if missing:
            raise SystemExit(f"{toml.parent.relative_to(REPO)}: missing {', '.join(missing)}")
        try:
            found.append(Exercise(toml.parent, meta["title"], meta["chapter"], meta["hint"].strip(), meta["starter_fails_with"]))
        except KeyError as e:
            raise SystemExit(f"{toml.relative_to(REPO)}: missing the key {e}; see ci/harness/exercises.py for the format")
    names = [e.name for e in found]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise SystemExit(f"exercise names must be unique across parts: {', '.join(sorted(duplicates))}")
    return found


PART_HEADING = re.compile(r"^# (Part [IVX]+: .*)$")
SUMMARY_PAGE = re.compile(r"\]\(([^)]+\.md)\)")


def in_book_order(found: list[Exercise]) -> list[tuple[str, list[Exercise]]]:
    """The exercises grouped by part, in the order the book shows them: the part and
    the place of the page that includes the exercise's starter, as SUMMARY.md lists them.
    An exercise that no page includes comes last in the part of its folder's pages."""
    place: dict[str, tuple[int, int]] = {}  # exercise name -> (page index, offset in the page)
    part_of_page: list[str] = []
    folder_part: dict[str, str] = {}
    part = ""
    for line in (BOOK / "SUMMARY.md").read_text().splitlines():
        heading = PART_HEADING.match(line)
        if heading:
            part = heading.group(1)
            continue
        page = SUMMARY_PAGE.search(line)
        if not page or not part:
            continue
        part_of_page.append(part)
        folder_part.setdefault(page.group(1).split("/")[0], part)
        path = BOOK / page.group(1)
        text = path.read_text() if path.is_file() else ""
        for m in re.finditer(r"\{\{#include [./]*companion/exercises/[\w-]+/([\w-]+)/starter\.rs\}\}", text):
            place.setdefault(m.group(1), (len(part_of_page) - 1, m.start()))
    groups: dict[str, list[tuple[tuple[int, int], Exercise]]] = {}
    for exercise in found:
        key = place.get(exercise.name, (len(part_of_page), 0))
        group = part_of_page[key[0]] if exercise.name in place else folder_part.get(exercise.folder.parent.name, "Other exercises")
        groups.setdefault(group, []).append((key, exercise))
    order = list(dict.fromkeys(part_of_page)) + [g for g in groups if g not in part_of_page]
    return [(g, [e for _, e in sorted(groups[g], key=lambda pair: pair[0])]) for g in order if g in groups]


def find(name: str) -> Exercise:
    for exercise in all_exercises():
        if exercise.name == name:
            return exercise
    raise SystemExit(f"There is no exercise named {name!r}. `ci/exercise list` shows them all.")


def run(exercise: Exercise, code: Path) -> Outcome:
    """Compile `code` with the exercise's tests and run them."""
    root = (
        f"include!({json.dumps(str(code))});\n\n"
        "#[cfg(test)]\nmod tests {\n    use super::*;\n"
        f"    include!({json.dumps(str(exercise.folder / 'tests.rs'))});\n}}\n"
    )
    workdir = HARNESS / "exercises" / exercise.name
    shutil.rmtree(workdir, ignore_errors=True)
    result = rust.compile_program(root, workdir, metadata_only=False, test=True)
    if not result.ok:
        return Outcome(False, result.codes, result.rendered, [], [], "")
    run = rust.run_binary(result.binary, timeout=120, args=["--test-threads=1"])
    passed = re.findall(r"^test tests::(\S+) \.\.\. ok$", run.stdout, re.M)
    failed = re.findall(r"^test tests::(\S+) \.\.\. FAILED$", run.stdout, re.M)
    details = run.stdout.split("failures:\n", 1)[1].split("\nfailures:\n")[0] if failed else ""
    return Outcome(True, [], "", passed, failed, details.strip())


def verify() -> tuple[int, list[str]]:
    """Check every exercise: the solution passes, the untouched starter fails as declared."""
    problems = []
    exercises = all_exercises()
    for exercise in exercises:
        where = exercise.folder.relative_to(REPO)
        solution = run(exercise, exercise.folder / "solution.rs")
        if not solution.compiled:
            problems.append(f"{where}/solution.rs does not compile with its tests:\n{solution.compiler_output}")
        elif not solution.all_pass:
            problems.append(f"{where}/solution.rs fails its tests: {', '.join(solution.failed) or 'no test ran'}\n{solution.failure_text}")
        starter = run(exercise, exercise.folder / "starter.rs")
        declared = exercise.starter_fails_with
        if declared == "tests":
            if not starter.compiled:
                problems.append(f"{where}/starter.rs should compile and fail a test, but it does not compile:\n{starter.compiler_output}")
            elif not starter.failed:
                problems.append(f"{where}/starter.rs passes every test untouched: the exercise asks nothing. Make a test fail on the starter")
        elif starter.compiled:
            problems.append(f"{where}/starter.rs should fail to compile with {declared}, but it compiles")
        elif set(starter.codes) != {declared}:
            problems.append(f"{where}/starter.rs should fail with {declared} only, but fails with {', '.join(sorted(set(starter.codes))) or 'no code'}:\n{starter.compiler_output}")
    return len(exercises), problems


def main(args: list[str]) -> int:
    usage = (
        "usage: ci/exercise list | start NAME | check NAME | hint NAME\n"
        "  list         every exercise in book order, by part: done, started or not started\n"
        "  start NAME   copy the starter to my-work/NAME.rs for you to edit\n"
        "  check NAME   compile my-work/NAME.rs, run the exercise's tests, and say what is left\n"
        "  hint NAME    print the hint"
    )
    if not args or args[0] in ("-h", "--help"):
        print(usage)
        return 0 if args else 2
    command, rest = args[0], args[1:]
    if command == "list":
        found = all_exercises()
        states = {e.name: e.state() for e in found}
        for part, group in in_book_order(found):
            done = sum(1 for e in group if states[e.name] == "done")
            started = sum(1 for e in group if states[e.name] == "started")
            print(f"{part}: {done} of {len(group)} done, {started} started")
            for e in group:
                print(f"  {e.name:28} {states[e.name]:12} {e.title}  [book/{e.chapter}]")
            print()
        done = sum(1 for state in states.values() if state == "done")
        started = sum(1 for state in states.values() if state == "started")
        print(f"{len(found)} exercises: {done} done, {started} started and not done yet, {len(found) - done - started} not started")
        return 0
    if command not in ("start", "check", "hint") or len(rest) != 1:
        print(usage, file=sys.stderr)
        return 2
    exercise = find(rest[0])
    if command == "hint":
        print(exercise.hint)
        return 0
    if command == "start":
        if exercise.work_file.exists():
            print(f"{exercise.work_file.relative_to(REPO)} already exists; edit it, then run: ci/exercise check {exercise.name}")
            return 0
        MY_WORK.mkdir(exist_ok=True)
        shutil.copyfile(exercise.folder / "starter.rs", exercise.work_file)
        print(f"Your copy is {exercise.work_file.relative_to(REPO)}: {exercise.title}.")
        print(f"Read book/{exercise.chapter}, edit the file, then run: ci/exercise check {exercise.name}")
        return 0
    if not exercise.work_file.exists():
        print(f"You have not started {exercise.name} yet. Run: ci/exercise start {exercise.name}", file=sys.stderr)
        return 2
    rust.write_externs()
    outcome = run(exercise, exercise.work_file)
    exercise.passed_file.unlink(missing_ok=True)
    if outcome.all_pass:
        exercise.passed_file.parent.mkdir(exist_ok=True)
        exercise.passed_file.write_text(work_hash(exercise.work_file))
        print(f"PASS {exercise.name}: all {len(outcome.passed)} tests pass. Compare with the reference solution in the book's solutions appendix.")
        return 0
    if not outcome.compiled:
        print(outcome.compiler_output)
        print(f"\nNOT YET {exercise.name}: your code does not compile yet (see the compiler above).")
    else:
        print(outcome.failure_text)
        print(f"\nNOT YET {exercise.name}: {len(outcome.failed)} of {len(outcome.failed) + len(outcome.passed)} tests fail: {', '.join(outcome.failed)}.")
    print(f"Stuck? `ci/exercise hint {exercise.name}` prints a hint.")
    return 1
