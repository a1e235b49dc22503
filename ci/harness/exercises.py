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

import json
import re
import shutil
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import rust
from paths import EXERCISES, HARNESS, MY_WORK, REPO


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
        "  list         every exercise, with the chapter it belongs to\n"
        "  start NAME   copy the starter to my-work/NAME.rs for you to edit\n"
        "  check NAME   compile my-work/NAME.rs, run the exercise's tests, and say what is left\n"
        "  hint NAME    print the hint"
    )
    if not args or args[0] in ("-h", "--help"):
        print(usage)
        return 0 if args else 2
    command, rest = args[0], args[1:]
    if command == "list":
        for e in all_exercises():
            state = "started" if e.work_file.exists() else "not started"
            print(f"{e.name:24} {e.title}  [book/{e.chapter}; {state}]")
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
    if outcome.all_pass:
        print(f"PASS {exercise.name}: all {len(outcome.passed)} tests pass. Compare with the reference solution in the book's solutions appendix.")
        return 0
    if not outcome.compiled:
        print(outcome.compiler_output)
        print(f"\nNOT YET {exercise.name}: your code does not compile yet (see the compiler above).")
    else:
        print(outcome.failure_text)
        print(f"\nNOT YET {exercise.name}: {len(outcome.failed)} of {len(outcome.failed) + len(outcome.passed)} tests fail: {', '.join(outcome.failed)}.")
    print(f"Hint: {exercise.hint}")
    return 1
