"""`ci/test`: every check of the book and the companion, one step after another.

Each step says what it runs; a failing step stops the run with the command that
re-runs it alone. The run ends with one summary line of counts and the wall time.
"""

from __future__ import annotations

import concurrent.futures
import difflib
import os
import re
import shutil
import stat
import subprocess
import sys
import time
from dataclasses import dataclass, field

import api
import asm
import bench
import book
import error_index
import exercises
import links
import publish
import rust
import snippets
import soundness_index
import teaching
import tools
from paths import BOOK, COMPANION, HARNESS, REPO, TARGET


class StepFailed(Exception):
    pass


@dataclass
class Counts:
    values: dict[str, int] = field(default_factory=dict)

    def add(self, key: str, n: int) -> None:
        self.values[key] = self.values.get(key, 0) + n


def stream(cmd: list[str], env: dict | None = None, quiet=re.compile(r"^test .* \.\.\. ok$")) -> tuple[int, str]:
    """Run a command, echo its output (minus one line per passing test), and keep it."""
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    kept = []
    for line in proc.stdout:
        kept.append(line)
        if not quiet.match(line.rstrip("\n")):
            sys.stdout.write("    " + line)
            sys.stdout.flush()
    return proc.wait(), "".join(kept)


def passed_in(output: str) -> int:
    return sum(int(n) for n in re.findall(r"test result: ok\. (\d+) passed", output))


def step_tools(counts: Counts) -> None:
    tools.ensure_tools()


def step_cargo(counts: Counts) -> None:
    # skeptic caches which build of each dependency a snippet links against, keyed by
    # the test binary; after a dependency's features change, that cache names a stale
    # build of the companion (E0277 on rayon types, "extern location does not exist").
    # Working it out again takes a second.
    (TARGET / "debug" / ".skeptic-cache").unlink(missing_ok=True)
    code, out = stream(["cargo", "test", "--workspace", "--locked"])
    if code != 0:
        raise StepFailed("cargo test failed (see above)")
    sections = re.split(r"^\s+(?:Running|Doc-tests) ", out, flags=re.M)
    skeptic = sum(passed_in(s) for s in sections if s.startswith("tests/book_snippets.rs"))
    if skeptic == 0:
        raise StepFailed("skeptic compiled no book snippet: companion/build.rs found no book, or the book has no Rust blocks")
    counts.add("skeptic", skeptic)
    counts.add("companion", passed_in(out) - skeptic)
    counts.values["drops"] = len(re.findall(r"^test \S*::drops_\S* \.\.\. ok$", out, re.M))
    # Programs of companion/examples/ declared with `test = true`: cargo runs their tests
    # (which run the program) among the companion tests; counted here by program.
    counts.values["examples"] = sum(1 for s in sections if s.startswith("unittests examples/") and passed_in(s) > 0)
    cases = TARGET / "tmp" / "arena_model.cases"
    if cases.is_file():
        counts.values["proptest"] = int(cases.read_text().strip())
        print(f"    the arena model test ran {counts.values['proptest']} random operation sequences against VecDeque")
    code, _ = stream(["cargo", "clippy", "--workspace", "--all-targets", "--locked", "--quiet", "--", "-D", "warnings"])
    if code != 0:
        raise StepFailed("clippy found problems (see above)")


# Every feature of the companion alone, and none; the default set is the `cargo` step's run.
FEATURE_MATRIX = ["cargo", "hack", "test", "-p", "companion", "--each-feature", "--exclude-features", "default",
                  "--exclude-all-features", "--locked"]


def step_features(counts: Counts) -> None:
    """Each module's feature builds alone and passes its own tests (cargo-hack)."""
    code, out = stream(FEATURE_MATRIX)
    runs = re.findall(r"running `cargo test (.*?)` on companion \((\d+)/(\d+)\)", out)
    if code != 0:
        failed = runs[-1][0] if runs else "the first feature set"
        raise StepFailed(f"`cargo test -p companion {failed}` failed (see above): that feature set does not build or pass its own tests")
    counts.add("feature_sets", len(runs))
    counts.add("feature_tests", passed_in(out))
    print(f"    {len(runs)} feature sets (each feature alone, and none) built and passed {passed_in(out)} tests of their own")


# The cross-thread paths (wakers, inboxes, channels), built with `--cfg loom` in a target
# directory of their own so the usual build stays warm. tokio compiles under that cfg only
# with its `sync` feature, so the run adds it.
LOOM = ["cargo", "test", "-p", "companion", "--lib", "--locked", "--target-dir", str(TARGET / "loom"),
        "--no-default-features", "--features", "actors,tokio/sync", "--", "loom", "--nocapture"]


def step_loom(counts: Counts) -> None:
    """Every loom model of the crate, each in every interleaving loom explores."""
    code, out = stream(LOOM, env={**os.environ, "RUSTFLAGS": "--cfg loom"})
    if code != 0:
        raise StepFailed("a loom model failed (see above): an interleaving broke the assertion or deadlocked; "
                         f"re-run it with RUSTFLAGS='--cfg loom' {' '.join(LOOM[:-2])} <model name>")
    # Not anchored to a line: with `--nocapture`, libtest may print a finished test's
    # "test ... ok" around a model's line from another thread.
    models = re.findall(r"loom model (\S+): (\d+) interleavings", out)
    if not models or len(models) != passed_in(out):
        raise StepFailed("the loom run printed no model, or a test named loom_* that is not a model; "
                         "every loom model runs through `explore`, which prints its interleavings")
    explored = sum(int(n) for _, n in models)
    counts.add("loom", len(models))
    counts.values["interleavings"] = explored
    print(f"    {len(models)} loom models explored {explored} interleavings")


def step_api_docs(counts: Counts) -> None:
    try:
        pages = api.build()
    except api.DocsFailed as e:
        raise StepFailed(str(e))
    counts.add("api_pages", pages)
    print(f"    {pages} API pages of the companion, built by rustdoc with -D warnings")


DEMO = COMPANION / "demos" / "ghost-cell-zst-hole"
HOLE_FEATURE = "experimental-multiple-mutable-borrows"


def step_demos(counts: Counts) -> None:
    """ghost-cell's multi-borrow hole: absent from our graph, demonstrated outside it."""
    tree = subprocess.run(["cargo", "tree", "--locked", "-e", "features", "--workspace", "-i", "ghost-cell"],
                          cwd=REPO, capture_output=True, text=True)
    if tree.returncode != 0:
        print(snippets.indent(tree.stderr))
        raise StepFailed("cargo tree failed (see above)")
    if HOLE_FEATURE in tree.stdout:
        print(snippets.indent(tree.stdout))
        raise StepFailed(f"a crate of the workspace enables ghost-cell's `{HOLE_FEATURE}`, which lends one zero-sized token twice; "
                         f"Cargo unifies features over the whole graph, so remove it (it belongs only in {DEMO.relative_to(REPO)})")
    print(f"    cargo tree -e features --workspace: ghost-cell is built without `{HOLE_FEATURE}`")
    demo = ["--locked", "--manifest-path", str(DEMO / "Cargo.toml"), "--target-dir", str(TARGET / "demos")]
    code, out = stream(["cargo", "test", *demo])
    if code != 0:
        raise StepFailed(f"the tests of {DEMO.relative_to(REPO)} failed (see above)")
    counts.add("demos", passed_in(out))
    code, _ = stream(["cargo", "clippy", *demo, "--all-targets", "--quiet", "--", "-D", "warnings"])
    if code != 0:
        raise StepFailed(f"clippy found problems in {DEMO.relative_to(REPO)} (see above)")


def step_asm(counts: Counts) -> None:
    rust.write_externs()
    differing = []
    for pair in asm.pairs():
        print(f"    {pair.name}: plain_{pair.name} {len(pair.plain)} instructions, ghost_{pair.name} {len(pair.ghost)}, {'identical' if pair.same else 'DIFFERENT'}")
        if not pair.same:
            diff = difflib.unified_diff(pair.plain, pair.ghost, f"plain_{pair.name}", f"ghost_{pair.name}", lineterm="")
            differing.append("\n".join(diff))
        counts.add("asm", 1)
    if differing:
        print("\n\n".join(snippets.indent(d) for d in differing))
        probes = ", ".join(p.name for p in asm.PROBES)
        raise StepFailed(f"{len(differing)} cell access(es) in the probes ({probes}; the pairs marked DIFFERENT above) compile to other machine code than the plain reference access; the book claims they are the same")


def step_harness(counts: Counts) -> None:
    code, out = stream([sys.executable, str(REPO / "ci/harness/test_harness.py")])
    if code != 0:
        raise StepFailed("the harness's own tests failed (see above)")
    counts.add("harness", int(re.search(r"^Ran (\d+) tests?", out, re.M).group(1)))


def step_rules(counts: Counts) -> None:
    names = rust.write_externs()
    problems = book.lint(book.chapters(), set(names) - {"std"}) + book.crate_process_words() + publish.problems()
    problems += soundness_index.problems() + error_index.problems() + bench.problems() + teaching.problems()
    if problems:
        print("\n".join("    " + p for p in problems))
        raise StepFailed(f"{len(problems)} chapter rule(s) broken")
    counts.add("soundness", soundness_index.count())
    counts.values["pages"] = len(book.chapters())
    counts.values["timings"] = teaching.RECOMPUTED[0]


def step_snippets(counts: Counts) -> None:
    report = snippets.verify(book.chapters())
    if report.failures:
        print("\n\n".join(snippets.indent(f) for f in report.failures))
        raise StepFailed(f"{len(report.failures)} snippet check(s) failed")
    counts.add("compile_fail", report.compile_fail)
    counts.add("outputs", report.outputs)
    counts.add("should_panic", report.should_panic)
    print(f"    {report.compile_fail} compile_fail blocks fail with their stated code; {report.outputs} shown outputs match; {report.should_panic} should_panic blocks compile and panic")


RUSTDOC_LOGS = HARNESS / "rustdoc-logs"


def rustdoc_wrapper() -> dict:
    """An environment whose `rustdoc` passes the companion's crates to every doctest.

    mdbook 0.5 shows rustdoc's output only when a chapter fails, so the wrapper also
    writes it to a log of its own in RUSTDOC_LOGS, where the step counts the tests
    that ran (one file per run, as chapters are tested side by side).
    """
    bin_dir = HARNESS / "bin"
    bin_dir.mkdir(parents=True, exist_ok=True)
    wrapper = bin_dir / "rustdoc"
    wrapper.write_text(
        "#!/bin/sh\n"
        f'out=$("{rust.tool("rustdoc")}" "$@" "@{rust.EXTERNS}" 2>&1); code=$?\n'
        f'printf "=== %s\\n%s\\n" "$1" "$out" > "$(mktemp "{RUSTDOC_LOGS}/XXXXXXXX")"\n'
        'printf "%s\\n" "$out"\n'
        "exit $code\n"
    )
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}")


def summary_chapters() -> list[str]:
    return re.findall(r"\]\(([^)]+\.md)\)", (BOOK / "SUMMARY.md").read_text())


def rust_blocks_in_summary() -> dict[str, int]:
    return {name: sum(1 for b in book.chapter_blocks(BOOK / name) if b.is_rust) for name in summary_chapters()}


def step_mdbook_test(counts: Counts) -> None:
    rust.write_externs()
    shutil.rmtree(RUSTDOC_LOGS, ignore_errors=True)
    RUSTDOC_LOGS.mkdir(parents=True)
    env = rustdoc_wrapper()

    # `mdbook test` tests one chapter after another, and rustdoc uses one core for
    # most of a chapter; one `mdbook test --chapter` per chapter, as many at a time
    # as there are cores, takes half the time on two.
    def test_chapter(name: str) -> tuple[str, int, str]:
        out = subprocess.run(["mdbook", "test", "--chapter", name], cwd=REPO, env=env, capture_output=True, text=True)
        return name, out.returncode, out.stdout + out.stderr

    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(test_chapter, summary_chapters()))
    failed = [(name, output) for name, code, output in results if code != 0]
    for name, output in failed:
        print(f"    book/{name}:")
        print("\n".join("        " + line for line in output.splitlines()))
    if failed:
        raise StepFailed(f"mdbook test failed in {len(failed)} chapter(s) (see above): re-run one with `mdbook test --chapter {failed[0][0]}`")
    ran: dict[str, int] = {}
    for log in RUSTDOC_LOGS.iterdir():
        for section in log.read_text().split("=== ")[1:]:
            chapter, _, output = section.partition("\n")
            ran[chapter] = ran.get(chapter, 0) + passed_in(output)
    for name, expected in rust_blocks_in_summary().items():
        got = next((n for chapter, n in ran.items() if chapter.endswith(name)), 0)
        if got != expected:
            raise StepFailed(f"rustdoc ran {got} of the {expected} Rust blocks of book/{name}; a block rustdoc does not see as Rust, or a chapter run without the wrapper in {HARNESS / 'bin'}")
    counts.add("mdbook", sum(ran.values()))
    print(f"    {len(results)} chapters, {sum(ran.values())} Rust blocks passed")


def step_exercises(counts: Counts) -> None:
    rust.write_externs()
    n, problems = exercises.verify()
    if problems:
        print("\n".join("    " + p for p in problems))
        raise StepFailed(f"{len(problems)} exercise problem(s)")
    counts.add("exercises", n)
    print(f"    {n} exercises: every solution passes its tests, every untouched starter fails as declared")


def step_build(counts: Counts) -> None:
    code, out = stream(["mdbook", "build"])
    if code != 0:
        raise StepFailed("mdbook build failed (see above)")
    warnings = book.build_warnings(out)
    if warnings:
        raise StepFailed(f"mdbook build printed {len(warnings)} warning(s), first: {warnings[0]!r}; the build must be clean (fix the page it names, or the tool pin in ci/harness/tools.py)")
    try:
        api.build()
        api.install(TARGET / "book")
    except api.DocsFailed as e:
        raise StepFailed(str(e))
    print(f"    the companion's API docs are in {(TARGET / 'book' / api.SITE_FOLDER).relative_to(REPO)}/")


def step_links(counts: Counts) -> None:
    checked, broken = links.check(TARGET / "book")
    if broken:
        print("\n".join("    " + b for b in broken[:20]) + (f"\n    ... and {len(broken) - 20} more" if len(broken) > 20 else ""))
        raise StepFailed(f"{len(broken)} broken link(s) or anchor(s) in the built book; fix the links named above in the chapters (the .md file of the same name)")
    counts.add("links", checked)
    print(f"    {checked} internal links and anchors resolve")


STEPS = {
    "tools": ("pinned tools", step_tools),
    "cargo": ("companion tests, book snippets through skeptic, clippy", step_cargo),
    "features": ("each module's feature alone, and none, builds and passes its own tests", step_features),
    "loom": ("the cross-thread wake paths, model-checked by loom in every interleaving", step_loom),
    "demos": ("ghost-cell's multi-borrow hole: not in our dependency graph, shown in companion/demos/", step_demos),
    "asm": ("GhostCell access compiles to the same machine code as a plain reference", step_asm),
    "harness": ("the harness catches broken snippets (self-tests)", step_harness),
    "rules": ("chapter rules", step_rules),
    "snippets": ("compile_fail codes, shown compiler output, should_panic", step_snippets),
    "mdbook-test": ("mdbook test", step_mdbook_test),
    "exercises": ("exercises", step_exercises),
    "api-docs": ("the companion's API docs build without a rustdoc warning", step_api_docs),
    "build": ("mdbook build, with the API docs beside the book", step_build),
    "links": ("every internal link and anchor of the built book resolves", step_links),
}


def main(args: list[str]) -> int:
    only = None
    if args[:1] == ["--step"] and len(args) == 2 and args[1] in STEPS:
        only = args[1]
    elif args:
        print(f"usage: ci/test [--step {'|'.join(STEPS)}]", file=sys.stderr)
        return 2
    start = time.monotonic()
    counts = Counts()
    for key, (title, run) in STEPS.items():
        if only and key not in (only, "tools"):
            continue
        print(f"==> {title}", flush=True)
        step_start = time.monotonic()
        try:
            run(counts)
        except StepFailed as e:
            print(f"\nci/test FAILED at step '{key}' ({title}): {e}")
            print(f"Re-run that step alone with: ci/test --step {key}")
            return 1
        print(f"    ({time.monotonic() - step_start:.0f} s)", flush=True)
    c = counts.values
    # drops, examples and proptest are already among the companion tests; pages, feature_sets and api_pages count
    # what the rules read, the feature sets run and the pages rustdoc wrote, not tests
    total = sum(v for k, v in c.items() if k not in ("drops", "examples", "proptest", "pages", "feature_sets", "api_pages", "timings", "interleavings"))
    if only:
        print(f"ci/test --step {only} passed in {time.monotonic() - start:.0f} s")
        return 0
    print(
        f"\nsummary: {c.get('pages', 0)} pages held to the chapter rules, {c.get('timings', 0)} timings of the instructor guide recomputed, {c.get('skeptic', 0)} snippets compiled by skeptic, {c.get('mdbook', 0)} snippets tested by mdbook test, "
        f"{c.get('compile_fail', 0)} compile_fail snippets verified, {c.get('outputs', 0)} compiler outputs verified, "
        f"{c.get('should_panic', 0)} should_panic snippets verified, {c.get('exercises', 0)} exercises checked, {c.get('links', 0)} links checked, "
        f"{c.get('companion', 0)} companion tests (of them {c.get('drops', 0)} drop-counter tests and the tests that run {c.get('examples', 0)} example programs, plus "
        f"{c.get('proptest', 0)} property-test cases), {c.get('soundness', 0)} soundness cases in the catalogue, "
        f"{c.get('asm', 0)} GhostCell accesses identical in machine code to plain references, "
        f"{c.get('harness', 0)} harness self-tests, {c.get('demos', 0)} tests of the ghost-cell hole demo, "
        f"{c.get('loom', 0)} loom models ({c.get('interleavings', 0)} interleavings explored), "
        f"{c.get('feature_sets', 0)} feature sets built and tested alone ({c.get('feature_tests', 0)} tests), "
        f"{c.get('api_pages', 0)} API pages built without a rustdoc warning; wall time {time.monotonic() - start:.0f} s"
    )
    print(f"ci/test: {total} passed, 0 failed")
    return 0
