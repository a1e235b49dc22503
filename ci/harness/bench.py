"""`ci/bench`: run a criterion benchmark and turn its estimates into the book's tables.

    ci/bench NAME [--quick]     NAME is a bench target of the companion (cells, arena,
                                stack_token); --quick shortens warm-up and measurement

The run's mean estimates are stored in `companion/benches/results/NAME.json` together
with the machine, the compiler and the date; from that file this module writes the
table (and, for benches that have one, the SVG plot) between the markers
`<!-- ci/bench NAME: begin -->` and `<!-- ci/bench NAME: end -->` of the chapter that
shows it. The `rules` step of `ci/test` renders the stored results again and fails if
a chapter's table differs, so the figures in the book are always those of the stored
run, and every target below is checked against it.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import book
import rust
from paths import BOOK, REPO, TARGET

RESULTS = REPO / "companion" / "benches" / "results"
CRITERION = TARGET / "criterion"


@dataclass(frozen=True)
class Target:
    """A ratio the design must reach: `subject` time / `reference` time `op` `bound` in `group`."""

    group: str
    subject: str
    reference: str
    op: str  # "<=" for time ratios, ">=" for speedups (reference time / subject time)
    bound: float
    source: str

    def ratio(self, groups: dict) -> float:
        a, b = groups[self.group][self.subject]["ns"], groups[self.group][self.reference]["ns"]
        return a / b if self.op == "<=" else b / a

    def met(self, groups: dict) -> bool:
        r = round(self.ratio(groups), 2)
        return r <= self.bound if self.op == "<=" else r >= self.bound


@dataclass(frozen=True)
class Spec:
    page: str  # the chapter that shows the table, relative to book/
    unit: str  # what one element of the throughput is
    baseline: str  # the id every ratio is taken against
    labels: dict[str, str]  # id -> what the row is, in the reader's words
    groups: dict[str, str]  # group -> column title; groups whose rows are compared with the baseline
    targets: tuple[Target, ...] = ()
    speedup: tuple[tuple[str, str, str, str], ...] = ()  # (group, label, 1-thread id, 2-thread id)
    plot: str | None = None  # SVG file written next to the page


SPECS = {
    "cells": Spec(
        page="qcell-family/comparison.md",
        unit="access",
        baseline="plain_mut",
        labels={
            "plain_mut": "plain `&mut u64`",
            "cell": "`Cell<u64>`",
            "refcell": "`RefCell<u64>`",
            "companion_ghost": "`companion::ghost::GhostCell`",
            "ghost_cell": "`ghost_cell::GhostCell`",
            "qcell": "`qcell::QCell`",
            "tcell": "`qcell::TCell`",
            "tlcell": "`qcell::TLCell`",
            "lcell": "`qcell::LCell`",
            "mutex": "`Mutex<u64>`",
            "rwlock": "`RwLock<u64>`",
            "atomic_u64": "`AtomicU64`",
        },
        groups={"cells/counter": "increment a counter"},
    ),
    "arena": Spec(
        page="arena/measurements.md",
        unit="node",
        baseline="raw_pointer",
        labels={
            "raw_pointer": "raw pointers (`Box::into_raw`, unsafe)",
            "companion": "`companion::arena` (GhostCell in a bumpalo-herd arena)",
            "rc_refcell": "`Rc<RefCell<_>>`, `Weak` back links",
            "arc_rwlock": "`Arc<RwLock<_>>`, `Weak` back links",
            "vec_index": "`Vec` with index links",
        },
        groups={"arena/forward_sum": "forward sum", "arena/backward_sum": "backward sum", "arena/add_one": "add one to every value"},
        targets=tuple(
            t
            for g in ("arena/forward_sum", "arena/backward_sum", "arena/add_one")
            for t in (
                Target(g, "companion", "raw_pointer", "<=", 1.0, "issue 4"),
                Target(g, "companion", "rc_refcell", "<=", 0.55, "issue 4"),
                Target(g, "companion", "arc_rwlock", "<=", 0.15, "issue 4"),
            )
        )
        + (Target("arena/parallel_read", "companion_2_threads", "companion_1_thread", ">=", 1.9, "issue 4"),),
        speedup=(
            ("arena/parallel_read", "`companion::arena`", "companion_1_thread", "companion_2_threads"),
            ("arena/parallel_read", "`Arc<RwLock<_>>`", "arc_rwlock_1_thread", "arc_rwlock_2_threads"),
        ),
        plot="measurements.svg",
    ),
    "stack_token": Spec(
        page="stack-token/measurements.md",
        unit="read",
        baseline="tls_cell",
        labels={
            "tls_cell": "`thread_local!` `Cell`, read with `with`",
            "tls_refcell": "`thread_local!` `RefCell`, read with `with`",
            "companion_sticky": "`companion::stack_token::Sticky::get`",
            "fragile_sticky": "`fragile::Sticky::get` (fragile 2.1)",
        },
        groups={"stack_token/read": "read one value"},
        targets=(
            Target("stack_token/read", "companion_sticky", "fragile_sticky", "<=", 0.1, "issue 5"),
            Target("stack_token/read", "companion_sticky", "tls_cell", "<=", 3.0, "issue 5"),
        ),
    ),
}


def machine() -> str:
    model = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().split("\n") if l.startswith("model name")), platform.processor())
    return f"{model}, {os.cpu_count()} cores, {platform.system()}"


def collect(name: str) -> dict:
    """group -> id -> {ns: mean ns per iteration, elements: throughput elements}."""
    groups: dict[str, dict] = {}
    for meta in CRITERION.glob("*/*/new/benchmark.json"):
        info = json.loads(meta.read_text())
        group = info["group_id"]
        if group not in SPECS[name].groups and not any(group == s[0] for s in SPECS[name].speedup):
            continue
        estimates = json.loads((meta.parent / "estimates.json").read_text())
        throughput = info.get("throughput") or {}
        groups.setdefault(group, {})[info["function_id"]] = {
            "ns": estimates["mean"]["point_estimate"],
            "elements": throughput.get("Elements", 1),
        }
    return groups


def fmt(x: float) -> str:
    return f"{x:.3g}" if x < 10 else f"{x:.0f}"


def render(name: str, results: dict) -> str:
    spec = SPECS[name]
    groups = results["groups"]
    lines = [
        f"Measured with `ci/bench {name}` on {results['date']}: {results['machine']}, {results['rustc']}, "
        f"criterion with `{results['criterion_args'] or 'default settings'}`. Times are criterion's mean estimate, "
        f"divided by the number of {spec.unit}{'es' if spec.unit.endswith('s') else 's'} in one iteration; each ratio is to {spec.labels[spec.baseline]} in the same run "
        "(below 1 is faster).\n",
    ]
    header = "| | " + " | ".join(f"{title}: ns per {spec.unit} | ratio" for title in spec.groups.values()) + " |"
    lines += [header, "|---" * (1 + 2 * len(spec.groups)) + "|"]
    for key, label in spec.labels.items():
        cells = []
        for group in spec.groups:
            row, base = groups[group][key], groups[group][spec.baseline]
            per = row["ns"] / row["elements"]
            cells.append(f"{fmt(per)} | {row['ns'] / base['ns']:.2f}")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    if spec.speedup:
        lines += ["", f"| parallel read | 1 thread: ns per {spec.unit} | 2 threads: ns per {spec.unit} | speedup |", "|---|---|---|---|"]
        for group, label, one, two in spec.speedup:
            a, b = groups[group][one], groups[group][two]
            lines.append(f"| {label} | {fmt(a['ns'] / a['elements'])} | {fmt(b['ns'] / b['elements'])} | {a['ns'] / b['ns']:.2f}x |")
    if spec.plot:
        lines += ["", f"![ns per {spec.unit} for each list and each pass; shorter is faster]({spec.plot})"]
    if spec.targets:
        lines += ["", "| target | source | measured | met |", "|---|---|---|---|"]
        for t in spec.targets:
            what = (
                f"{spec.labels.get(t.subject, t.subject)} / {spec.labels.get(t.reference, t.reference)}, {spec.groups.get(t.group, t.group.split('/')[-1])}: at most {t.bound}x"
                if t.op == "<="
                else f"speedup of `{t.subject}` over `{t.reference}`: at least {t.bound}x"
            )
            lines.append(f"| {what} | {t.source} | {t.ratio(groups):.2f}x | {'yes' if t.met(groups) else 'no'} |")
    return "\n".join(lines)


def plot(name: str, results: dict) -> str:
    """A horizontal bar chart of ns per element: one block of bars per group."""
    spec = SPECS[name]
    groups = results["groups"]
    bar, gap, left, width = 16, 28, 330, 360
    top = 30
    peak = max(groups[g][k]["ns"] / groups[g][k]["elements"] for g in spec.groups for k in spec.labels)
    colours = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7"]
    parts, y = [], top
    for group, title in spec.groups.items():
        parts.append(f'<text x="10" y="{y + 12}" font-weight="bold">{title}</text>')
        y += 20
        for i, (key, label) in enumerate(spec.labels.items()):
            per = groups[group][key]["ns"] / groups[group][key]["elements"]
            w = max(1, width * per / peak)
            plain = re.sub(r"[`]", "", label).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            parts.append(f'<text x="{left - 6}" y="{y + 12}" text-anchor="end">{plain}</text>')
            parts.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar - 2}" fill="{colours[i % len(colours)]}"/>')
            parts.append(f'<text x="{left + w + 4:.1f}" y="{y + 12}">{fmt(per)} ns</text>')
            y += bar
        y += gap - bar
    height = y + 10
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 90}" height="{height}" '
        f'font-family="sans-serif" font-size="12" viewBox="0 0 {left + width + 90} {height}">\n'
        f'<rect width="100%" height="100%" fill="white"/>\n'
        f'<text x="10" y="18">ns per {spec.unit}, {results["date"]}, {results["machine"]}</text>\n' + "\n".join(parts) + "\n</svg>\n"
    )


def markers(name: str) -> re.Pattern:
    return re.compile(rf"(<!-- ci/bench {re.escape(name)}: begin -->\n)(.*?)(<!-- ci/bench {re.escape(name)}: end -->)", re.S)


def stored(name: str) -> dict | None:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text()) if path.is_file() else None


def expected_page(name: str, text: str, results: dict) -> str:
    return markers(name).sub(lambda m: m.group(1) + "\n" + render(name, results) + "\n\n" + m.group(3), text)


def problems() -> list[str]:
    found = []
    for name, spec in SPECS.items():
        page = BOOK / spec.page
        text = page.read_text() if page.is_file() else ""
        if not markers(name).search(text):
            continue
        results = stored(name)
        if results is None:
            found.append(f"{book.rel(page)} has a place for the {name} benchmark table but no results are stored: run ci/bench {name}")
            continue
        if expected_page(name, text, results) != text:
            found.append(f"{book.rel(page)}: the {name} benchmark table differs from companion/benches/results/{name}.json: run ci/bench {name} --render")
        svg = page.parent / spec.plot if spec.plot else None
        if svg and (not svg.is_file() or svg.read_text() != plot(name, results)):
            found.append(f"{book.rel(svg)} differs from companion/benches/results/{name}.json: run ci/bench {name} --render")
    return found


def write_page(name: str, results: dict) -> None:
    spec = SPECS[name]
    page = BOOK / spec.page
    text = page.read_text()
    if not markers(name).search(text):
        raise SystemExit(f"{book.rel(page)} has no `<!-- ci/bench {name}: begin -->` / `<!-- ci/bench {name}: end -->` markers to put the table between")
    page.write_text(expected_page(name, text, results))
    print(f"wrote the table into {book.rel(page)}")
    if spec.plot:
        (page.parent / spec.plot).write_text(plot(name, results))
        print(f"wrote {book.rel(page.parent / spec.plot)}")


def main(args: list[str]) -> int:
    usage = f"usage: ci/bench {'|'.join(SPECS)} [--quick | --render]\n  --quick   1 s warm-up, 3 s measurement per benchmark\n  --render  only rewrite the book's table from the stored results"
    if not args or args[0] not in SPECS or not set(args[1:]) <= {"--quick", "--render"}:
        print(usage, file=sys.stderr)
        return 2
    name = args[0]
    if "--render" in args:
        results = stored(name)
        if results is None:
            print(f"no stored results for {name}: run ci/bench {name} first", file=sys.stderr)
            return 1
    else:
        criterion_args = ["--warm-up-time", "1", "--measurement-time", "3"] if "--quick" in args else []
        print(f"==> cargo bench --bench {name} (the machine should be otherwise idle: other work skews the figures)", flush=True)
        code = subprocess.run(["cargo", "bench", "--locked", "-p", "companion", "--bench", name, "--", *criterion_args], cwd=REPO).returncode
        if code != 0:
            print(f"ci/bench: `cargo bench --bench {name}` failed (see above); fix the benchmark and run ci/bench {name} again", file=sys.stderr)
            return 1
        groups = collect(name)
        spec = SPECS[name]
        wanted = {(g, k) for g in spec.groups for k in spec.labels} | {(s[0], i) for s in spec.speedup for i in s[2:]}
        missing = sorted(f"{g}/{k}" for g, k in wanted if k not in groups.get(g, {}))
        if missing:
            print(f"ci/bench: the run produced no estimate for {', '.join(missing)}; the bench must use exactly the group and function ids in ci/harness/bench.py", file=sys.stderr)
            return 1
        version = subprocess.run([str(rust.tool("rustc")), "--version"], capture_output=True, text=True).stdout.strip()
        results = {
            "date": datetime.date.today().isoformat(),
            "machine": machine(),
            "rustc": version,
            "criterion_args": " ".join(criterion_args),
            "groups": groups,
        }
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / f"{name}.json").write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
        print(f"stored companion/benches/results/{name}.json")
    write_page(name, results)
    spec = SPECS[name]
    for t in spec.targets:
        print(f"target ({t.source}) {t.group}: {t.subject} vs {t.reference} {t.op} {t.bound}: measured {t.ratio(results['groups']):.2f}: {'met' if t.met(results['groups']) else 'NOT MET'}")
    return 0
