"""What stable rustdoc and skeptic do not check, checked here.

- A ```rust,compile_fail,EXXXX block fails to compile, and every error carries EXXXX
  (stable rustdoc ignores the code; skeptic does not understand compile_fail at all).
- The ```text,rustc-output block after it is exactly what the pinned compiler prints.
- A ```rust,should_panic block compiles, runs and panics (skeptic passes one that fails
  to compile).
With `everything=True` (the `ci/book-check` authoring command) ordinary blocks are
compiled and run too, so an author gets every verdict for a chapter in one go.
"""

from __future__ import annotations

import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import book
import rust


@dataclass
class Report:
    compile_fail: int = 0
    outputs: int = 0
    should_panic: int = 0
    ordinary: int = 0
    failures: list[str] = field(default_factory=list)


def output_block_after(blocks: list[book.Block], index: int) -> book.Block | None:
    if index + 1 < len(blocks) and blocks[index + 1].is_output:
        return blocks[index + 1]
    return None


def check_compile_fail(block: book.Block, shown: book.Block | None) -> tuple[list[str], bool]:
    """Problems with one compile_fail block, and whether its shown output was checked."""
    with rust.scratch() as tmp:
        result = rust.compile_program(block.program(), Path(tmp), metadata_only=True)
    expected = block.error_code
    if result.ok:
        return [f"{block.where}: marked compile_fail,{expected} but it compiles. Fix the snippet so it shows the error, or drop compile_fail"], False
    problems = []
    if result.uncoded:
        problems.append(f"{block.where}: fails with an error that has no code ({result.uncoded[0]!r}); rewrite it to fail with {expected} only")
    wrong = sorted({c for c in result.codes if c != expected})
    if wrong:
        problems.append(f"{block.where}: expected to fail with {expected} only, but rustc reports {', '.join(sorted(set(result.codes)))}:\n{indent(result.rendered)}")
    elif not result.codes and not result.uncoded:
        problems.append(f"{block.where}: failed to compile without any error code:\n{indent(result.rendered)}")
    if shown is None:
        return problems, False
    if shown.text.rstrip("\n") != result.rendered:
        problems.append(
            f"{shown.where}: the compiler output shown here is not what rustc prints for the block at line {block.line}. "
            f"Run `ci/bless {book.rel(block.path)}` to rewrite it. rustc prints:\n{indent(result.rendered)}"
        )
    return problems, True


def check_runs(block: book.Block, both_editions: bool) -> list[str]:
    """Compile (and unless no_run, run) a block; should_panic blocks must panic.

    With `both_editions`, also compile it as Rust 2021, as skeptic will.
    """
    with rust.scratch() as tmp:
        result = rust.compile_program(block.program(), Path(tmp), metadata_only=False)
        if not result.ok:
            kind = "should_panic snippet" if block.should_panic else "snippet"
            return [f"{block.where}: this {kind} does not compile:\n{indent(result.rendered)}"]
        if both_editions:
            as_2021 = rust.compile_program(block.program(), Path(tmp) / "2021", metadata_only=True, edition="2021")
            if not as_2021.ok:
                return [f"{block.where}: compiles as Rust 2024 but not as Rust 2021, which skeptic uses:\n{indent(as_2021.rendered)}"]
        if block.no_run:
            return []
        try:
            run = rust.run_binary(result.binary)
        except subprocess.TimeoutExpired:
            return [f"{block.where}: the snippet ran for more than 20 seconds; snippets must finish quickly"]
    panicked = run.returncode != 0 and "panicked at" in run.stderr
    if block.should_panic and not panicked:
        return [f"{block.where}: marked should_panic but it did not panic (exit code {run.returncode})"]
    if not block.should_panic and run.returncode != 0:
        return [f"{block.where}: the snippet exited with code {run.returncode}:\n{indent(run.stderr)}"]
    return []


def verify(paths: list[Path], everything: bool = False) -> Report:
    report = Report()
    jobs = []
    for path in paths:
        blocks = book.chapter_blocks(path)
        for i, block in enumerate(blocks):
            if not block.is_rust:
                continue
            if block.compile_fail:
                jobs.append(("compile_fail", block, output_block_after(blocks, i)))
            elif block.should_panic or everything:
                jobs.append(("runs", block, None))
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = pool.map(lambda job: run_job(*job, everything), jobs)
        for (kind, block, _), (problems, shown_checked) in zip(jobs, results):
            report.failures += problems
            if problems:
                continue
            if kind == "compile_fail":
                report.compile_fail += 1
                report.outputs += shown_checked
            elif block.should_panic:
                report.should_panic += 1
            else:
                report.ordinary += 1
    return report


def run_job(kind: str, block: book.Block, shown: book.Block | None, both_editions: bool) -> tuple[list[str], bool]:
    if kind == "compile_fail":
        return check_compile_fail(block, shown)
    return check_runs(block, both_editions), False


def bless(paths: list[Path]) -> list[str]:
    """Rewrite every ```text,rustc-output block with the real compiler output."""
    changed = []
    for path in paths:
        if book.OUTPUT_ATTRIBUTE not in path.read_text():
            continue
        lines = path.read_text().split("\n")
        blocks = book.blocks_of_text("\n".join(lines), path)
        # An `rs` listing's include is never compiled here, and leaves every other block's
        # lines where they are in the file; any other include would move them.
        listed = {b.first_content_index + k for b in blocks if b.language == book.LISTING_LANGUAGE for k in range(len(b.lines))}
        if any("{{#" in line for n, line in enumerate(lines) if n not in listed):
            raise SystemExit(f"{book.rel(path)}: ci/bless does not rewrite chapters with includes outside `rs` listings; show outputs in chapters without them")
        edits = []
        for i, block in enumerate(blocks):
            shown = output_block_after(blocks, i) if block.is_rust and block.compile_fail else None
            if shown is None:
                continue
            with rust.scratch() as tmp:
                result = rust.compile_program(block.program(), Path(tmp), metadata_only=True)
            if result.ok:
                raise SystemExit(f"{block.where}: compiles, so there is no error output to show")
            new = [shown.indent + line if line else line for line in result.rendered.split("\n")]
            start = shown.first_content_index
            if lines[start:start + len(shown.lines)] != new:
                edits.append((start, len(shown.lines), new))
        for start, length, new in sorted(edits, reverse=True):
            lines[start:start + length] = new
        if edits:
            path.write_text("\n".join(lines))
            changed.append(f"{book.rel(path)}: {len(edits)} output block(s) rewritten")
    return changed


def indent(text: str) -> str:
    return "\n".join("    " + line for line in text.rstrip("\n").splitlines())
