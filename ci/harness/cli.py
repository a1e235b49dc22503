"""Entry point of the harness; the scripts in ci/ call it with a command name."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import api  # noqa: E402
import bench  # noqa: E402
import book  # noqa: E402
import error_index  # noqa: E402
import exercises  # noqa: E402
import runner  # noqa: E402
import rust  # noqa: E402
import skeptic_prep  # noqa: E402
import soundness_index  # noqa: E402
import snippets  # noqa: E402
import tools  # noqa: E402
from paths import BOOK, REPO  # noqa: E402


def chapter_args(args: list[str]) -> list[Path]:
    if not args:
        return book.chapters()
    paths = [Path(a).resolve() for a in args]
    for p in paths:
        if not p.is_file() or BOOK not in p.parents:
            raise SystemExit(f"{p}: not a chapter under book/")
    return paths


def book_check(args: list[str]) -> int:
    """Every rule and every snippet of the given chapters (all, without arguments)."""
    paths = chapter_args(args)
    names = rust.write_externs()
    problems = book.lint(paths, set(names))
    if problems:
        print("\n".join(problems))
        return 1
    report = snippets.verify(paths, everything=True)
    for failure in report.failures:
        print(failure + "\n")
    print(
        f"{len(report.failures)} failed; {report.ordinary} snippets compiled and run, {report.compile_fail} compile_fail "
        f"verified ({report.outputs} with their output), {report.should_panic} should_panic verified"
    )
    return 1 if report.failures else 0


def bless(args: list[str]) -> int:
    rust.write_externs()
    changed = snippets.bless(chapter_args(args))
    if soundness_index.write():
        changed.append(f"{book.rel(soundness_index.PAGE)}: regenerated")
    if error_index.write():
        changed.append(f"{book.rel(error_index.PAGE)}: regenerated")
    if bench.write_appendix():
        changed.append(f"{book.rel(bench.APPENDIX)}: regenerated")
    print("\n".join(changed) if changed else "every shown compiler output is already up to date")
    return 0


def serve(args: list[str]) -> int:
    build_only = args == ["--build-only"]
    if args and not build_only:
        print("usage: ci/serve [--build-only]", file=sys.stderr)
        return 2
    tools.ensure_tools(tools.BOOK_TOOLS)
    try:
        api.build()
    except api.DocsFailed as e:
        print(e, file=sys.stderr)
        return 1
    site = REPO / "target" / "book"
    if build_only:
        code = subprocess.run(["mdbook", "build"], cwd=REPO).returncode
        if code == 0:
            api.install(site)
            print(f"The book is in {site}; open index.html there (the companion's API docs: api/companion/index.html).")
        return code
    print("==> serving the book at http://localhost:3000 (Ctrl-C stops; the API docs are at /api/companion/)")
    # `mdbook serve` empties the build folder and builds the book before it serves it
    # (it says "Serving on" then): the API docs go in after that.
    server = subprocess.Popen(["mdbook", "serve", "--port", "3000"], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for line in server.stdout:
            sys.stdout.write(line)
            sys.stdout.flush()
            if "Serving on" in line:
                api.install(site)
        return server.wait()
    except KeyboardInterrupt:
        server.terminate()
        return server.wait()


def main() -> int:
    if len(sys.argv) < 2:
        print("usage: cli.py test|serve|book-check|bless|bench|exercise|skeptic-prep ...", file=sys.stderr)
        return 2
    command, args = sys.argv[1], sys.argv[2:]
    if command == "skeptic-prep":
        for path in skeptic_prep.prepare(Path(args[0])):
            print(path)
        return 0
    commands = {"bench": bench.main, "test": runner.main, "serve": serve, "book-check": book_check, "bless": bless, "exercise": exercises.main}
    if command not in commands:
        print(f"unknown command {command!r}", file=sys.stderr)
        return 2
    try:
        return commands[command](args)
    except book.BookError as e:
        print(e, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
