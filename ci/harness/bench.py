"""`ci/bench`: run a criterion benchmark and turn its estimates into the book's tables.

    ci/bench NAME [--quick]     NAME is a bench target of the companion (cells, arena,
                                stack_token); --quick shortens warm-up and measurement

The run's mean estimates are stored in `companion/benches/results/NAME.json` together
with the machine, the compiler and the date; from that file this module writes the
table (and, for benches that have one, the SVG plot) between the markers
`<!-- ci/bench NAME: begin -->` and `<!-- ci/bench NAME: end -->` of the chapter that
shows it. The `rules` step of `ci/test` renders the stored results again and fails if
a chapter's table differs, so the figures in the book are always those of the stored
run.

The design bounds below (`Target`) are ours, not the reader's: `ci/bench` prints each
one on the console with whether the run meets it, and the book shows only the
comparisons and ratios.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import re
import subprocess
import sys
import time
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
    why: str  # what the bound stands for, in the reader's words

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
    speedup_title: str = "parallel read"  # the first header cell of the speedup table
    plot: str | None = None  # SVG file written next to the page
    # For a table whose columns compare different rows: group -> the ids it measures (default:
    # every label; a row shows a dash in a column that does not measure it), and group -> its
    # own baseline (default: `baseline`).
    group_rows: tuple[tuple[str, tuple[str, ...]], ...] = ()
    group_baselines: tuple[tuple[str, str], ...] = ()
    # Several tables, each of some groups' columns and only the rows those groups measure
    # (default: one table of every group and every row).
    tables: tuple[tuple[str, ...], ...] = ()
    # Groups shown on another chapter than `page`, one table each: (part, chapter, groups). The
    # chapter holds the table between `<!-- ci/bench NAME-PART: begin -->` and `... end -->`;
    # `page` and its tables leave those groups out. A part whose groups the stored run lacks
    # renders empty until the next run.
    elsewhere: tuple[tuple[str, str, tuple[str, ...]], ...] = ()

    def rows_of(self, group: str) -> tuple[str, ...]:
        return dict(self.group_rows).get(group, tuple(self.labels))

    def baseline_of(self, group: str) -> str:
        return dict(self.group_baselines).get(group, self.baseline)

    def page_groups(self) -> tuple[str, ...]:
        """The groups that `page` shows: all but those shown elsewhere."""
        away = {g for _, _, groups in self.elsewhere for g in groups}
        return tuple(g for g in self.groups if g not in away)


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
                Target(g, "companion", "raw_pointer", "<=", 1.0, "safe code no slower than the unsafe baseline"),
                Target(g, "companion", "rc_refcell", "<=", 0.55, "compile-time checks beat a borrow flag per node"),
                Target(g, "companion", "arc_rwlock", "<=", 0.15, "one token instead of a lock per node"),
            )
        )
        + (Target("arena/parallel_read", "companion_2_threads", "companion_1_thread", ">=", 1.9, "shared reads use both cores"),),
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
            "companion_fresh_token": "`stack_token!` then `Sticky::get`: a new token for every read",
        },
        groups={"stack_token/read": "read one value"},
        targets=(
            Target("stack_token/read", "companion_sticky", "fragile_sticky", "<=", 0.1, "the token replaces fragile's per-read thread lookup"),
            Target("stack_token/read", "companion_sticky", "tls_cell", "<=", 1.2, "as cheap as a plain thread-local read"),
        ),
    ),
    "async_cells": Spec(
        page="async-cells/measurements.md",
        unit="operation",
        baseline="local_pool",
        labels={
            "local_pool": "`futures` `LocalPool`, `async {}` tasks",
            "branded": "`companion::async_cells::branded::Executor`, `poll_fn` tasks",
            "local_set": "tokio `LocalSet` (current-thread runtime), `async {}` tasks",
            "local_pool_lend": "`LocalPool`, tasks wrapped in `LentOwner::lend`",
            "refcell": "`RefCell::borrow_mut` in a std future's poll",
            "rw_cx": "`GhostCell` `rw(cx)` in a branded future's poll",
            "lent_access": "`TLCell` through `with_context_owner` in a `Lend`'s poll",
            "lent_access_dyn": "`TLCell` through `with_context_owner` in a `dyn Future` that a `Lend` polls",
            "refcell_server": "the `RefCell` twin: `Rc<RefCell<Store>>`, connections are tasks of tokio's `LocalSet`",
            "branded_server": "the branded server: `GhostCell<Store>` opened with `rw(cx)`, connections are tasks of the branded executor inside tokio",
            "branded_in_tokio": "the branded executor as one future of a current-thread runtime, `poll_fn` tasks",
            "embedded": "the branded executor inside a current-thread runtime: the reactor on its thread",
            "background": "the branded executor's own `block_on`, a multi-thread runtime's worker driving the reactor",
        },
        groups={
            "async_cells/spawn_run": "one task, of 10^5 spawned and run",
            "async_cells/wake_many": "one task, of 10^4, woken four times before each of its three `Pending`s (the same `poll_fn` closure on both executors)",
            "async_cells/access": "one cell access in a poll",
            "async_cells/server": "one request, of 10 clients sending 100 lines each at once",
            "async_cells/spawn_child": "one task, of 10^5 spawned from inside a task and run",
            "async_cells/spawn_child_in_tokio": "the same, inside tokio",
            "async_cells/reactor": "one line echoed over loopback TCP, of 100 sent one after the other",
        },
        group_rows=(
            ("async_cells/spawn_run", ("local_pool", "branded", "local_set", "local_pool_lend")),
            ("async_cells/wake_many", ("local_pool", "branded")),
            ("async_cells/access", ("refcell", "rw_cx", "lent_access", "lent_access_dyn")),
            ("async_cells/spawn_child", ("local_pool", "branded")),
            ("async_cells/spawn_child_in_tokio", ("local_set", "branded_in_tokio")),
            ("async_cells/reactor", ("background", "embedded")),
            ("async_cells/server", ("refcell_server", "branded_server")),
        ),
        group_baselines=(
            ("async_cells/access", "refcell"),
            ("async_cells/spawn_child_in_tokio", "local_set"),
            ("async_cells/reactor", "background"),
            ("async_cells/server", "refcell_server"),
        ),
        elsewhere=(("server", "async-cells/server.md", ("async_cells/server",)),),
        tables=(
            ("async_cells/spawn_run", "async_cells/wake_many", "async_cells/access"),
            ("async_cells/spawn_child", "async_cells/spawn_child_in_tokio"),
            ("async_cells/reactor",),
        ),
        targets=(
            Target("async_cells/spawn_run", "branded", "local_pool", "<=", 1.0, "owning the token costs a task nothing"),
            Target("async_cells/spawn_run", "branded", "local_pool", "<=", 0.7, "stretch: a branded task is cheaper than a pool task"),
            Target("async_cells/spawn_run", "branded", "local_set", "<=", 0.6, "well below a general-purpose runtime"),
            Target("async_cells/spawn_run", "local_pool_lend", "local_pool", "<=", 1.25, "lending on every poll is cheap next to the task"),
            Target("async_cells/access", "rw_cx", "refcell", "<=", 1.0, "the compile-time check costs no more than a borrow flag"),
            Target("async_cells/spawn_child", "branded", "local_pool", "<=", 0.5, "a child spawned from a task costs half a LocalSpawner child"),
            Target("async_cells/spawn_child_in_tokio", "branded_in_tokio", "local_set", "<=", 0.5, "inside tokio, half a spawn_local child"),
            Target("async_cells/server", "branded_server", "refcell_server", "<=", 1.0, "the branded server is no slower than its RefCell twin"),
        ),
    ),
    "actors": Spec(
        page="actors/measured.md",
        unit="operation",
        baseline="stakker",
        labels={
            "ours": "`companion::actors`",
            "stakker": "Stakker 0.2.16",
            "plain_call": "the method called directly, no runtime",
            "inline_queue": "`queue::InlineQueue` alone: push, pop and run a closure",
            "boxed_queue": "`queue::BoxedQueue` alone: push, pop and run a boxed closure",
            "plain": "a plain `&mut u64` behind a `Box`",
            "ours_query": "`companion::actors`: `query` into an actor, which opens the share with its `cx`",
            "stakker_query": "Stakker 0.2.16: `query` into an actor, which opens the share with its `cx`",
        },
        groups={
            "actors/call_batch": "one call, of 10^5 queued then run",
            "actors/call_chain": "one call that queues the next",
            "actors/create": "one actor made, made ready and dropped",
            "actors/timers": "one timer, of 10^5 set then fired",
            "actors/timer_max": "one move of a max timer, later",
            "actors/timer_min": "one move of a min timer, earlier",
            "actors/share_rw": "one share access",
            "actors/cross_thread": "one call sent from another thread",
        },
        group_rows=(
            ("actors/call_batch", ("ours", "stakker", "plain_call", "inline_queue", "boxed_queue")),
            ("actors/call_chain", ("ours", "stakker")),
            ("actors/create", ("ours", "stakker")),
            ("actors/timers", ("ours", "stakker")),
            ("actors/timer_max", ("ours", "stakker")),
            ("actors/timer_min", ("ours", "stakker")),
            ("actors/share_rw", ("ours", "stakker", "plain", "ours_query", "stakker_query")),
            ("actors/cross_thread", ("ours", "stakker")),
        ),
        tables=(("actors/call_batch", "actors/call_chain"), ("actors/create", "actors/timers"), ("actors/timer_max", "actors/timer_min"), ("actors/share_rw",), ("actors/cross_thread",)),
        # One runtime per thread, the same tokens and hops split over one or two threads; one
        # hop in 64, or in 1,024, on average, crosses to the next thread's runtime through a channel.
        speedup=(
            ("actors/every_core", "one hop, one runtime per thread, 1,024 tokens, one hop in 64 crossing threads on average", "one_thread_1_in_64", "two_threads_1_in_64"),
            ("actors/every_core", "one hop, one runtime per thread, 1,024 tokens, one hop in 1,024 crossing threads on average", "one_thread_1_in_1024", "two_threads_1_in_1024"),
            ("actors/every_core", "one hop, one runtime per thread, 128 tokens, one hop in 1,024 crossing threads on average", "one_thread_1_in_1024_128_tokens", "two_threads_1_in_1024_128_tokens"),
        ),
        speedup_title="every core",
        targets=(
            Target("actors/call_batch", "ours", "stakker", "<=", 0.75, "a queued call costs at most three quarters of Stakker's"),
            Target("actors/call_chain", "ours", "stakker", "<=", 0.75, "so does a call queued from inside a call"),
            Target("actors/create", "ours", "stakker", "<=", 1.0, "an actor costs no more to make, start and drop than Stakker's"),
            Target("actors/timer_max", "ours", "stakker", "<=", 1.0, "moving a max timer costs no more than in Stakker"),
            Target("actors/timer_min", "ours", "stakker", "<=", 1.0, "moving a min timer costs no more than in Stakker"),
            Target("actors/cross_thread", "ours", "stakker", "<=", 1.0, "a call from another thread costs no more than Stakker's Waker and queue"),
            Target("actors/every_core", "two_threads_1_in_1024", "one_thread_1_in_1024", ">=", 1.8, "two runtimes on two threads do nearly twice the work of one, when one message in 1,024 crosses and 1,024 tokens are in flight"),
            # No time target for a share access: a third of a nanosecond is about one cycle,
            # below what a run tells apart; the claim is checked exactly by the `asm` step.
        ),
    ),
}


def machine() -> str:
    model = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().split("\n") if l.startswith("model name")), platform.processor())
    return f"{model}, {os.cpu_count()} cores, {platform.system()}"


def collect(name: str, since: float) -> dict:
    """group -> id -> {ns: mean ns per iteration, elements: throughput elements}, for
    the estimates written at or after `since` (a time.time()): criterion's folder
    keeps the estimates of ids that a benchmark no longer has, or that an earlier,
    filtered run measured, and those are not this run's."""
    groups: dict[str, dict] = {}
    for meta in CRITERION.glob("*/*/new/benchmark.json"):
        if (meta.parent / "estimates.json").stat().st_mtime < since:
            continue
        info = json.loads(meta.read_text())
        group = info["group_id"]
        if group not in SPECS[name].groups and not any(group == s[0] for s in SPECS[name].speedup):
            continue
        estimates = json.loads((meta.parent / "estimates.json").read_text())
        throughput = info.get("throughput") or {}
        mean = estimates["mean"]
        groups.setdefault(group, {})[info["function_id"]] = {
            "ns": mean["point_estimate"],
            # criterion's bootstrap confidence interval of the mean (95% unless configured otherwise)
            "ns_low": mean["confidence_interval"]["lower_bound"],
            "ns_high": mean["confidence_interval"]["upper_bound"],
            "confidence": mean["confidence_interval"]["confidence_level"],
            "elements": throughput.get("Elements", 1),
        }
    return groups


def fmt(x: float) -> str:
    """Three significant digits, so an interval's bounds stay apart."""
    return f"{x:.3g}" if x < 1000 else f"{x:.0f}"


def has_intervals(results: dict) -> bool:
    return all("ns_low" in row for group in results["groups"].values() for row in group.values())


def per_element(row: dict) -> str:
    """ns per element, with criterion's confidence interval when the run stored it."""
    n = row["elements"]
    figure = fmt(row["ns"] / n)
    return f"{figure} ({fmt(row['ns_low'] / n)}–{fmt(row['ns_high'] / n)})" if "ns_low" in row else figure


def preamble(name: str, results: dict, unit: str) -> str:
    plural = f"{unit}{'es' if unit.endswith('s') else 's'}"
    if has_intervals(results):
        level = {row["confidence"] for group in results["groups"].values() for row in group.values()}
        spread = (
            f"In parentheses, criterion's {', '.join(f'{c:.0%}' for c in sorted(level))} confidence interval of the mean: "
            "two figures whose intervals overlap are not told apart by this run."
        )
    else:
        spread = "These stored results carry no confidence intervals; a difference of a few percent between two rows is not a ranking."
    # A shortened run says so; a full run's settings are criterion's own and need no word.
    shortened = f", criterion with `{results['criterion_args']}`" if results["criterion_args"] else ""
    return (
        f"Measured with `ci/bench {name}` on {results['date']}: {results['machine']}, {results['rustc']}{shortened}. "
        f"Times are criterion's mean estimate, divided by the number of {plural} in one iteration. {spread}"
    )


def render(name: str, results: dict, plot_path: str | None = None, part: str | None = None) -> str:
    """The tables of `page`, or with `part` the table of that part of `elsewhere` (empty if the
    stored run lacks its groups)."""
    spec = SPECS[name]
    groups = results["groups"]
    shown = next(g for p, _, g in spec.elsewhere if p == part) if part else spec.page_groups()
    if part and not all(g in groups for g in shown):
        return ""
    ci = " (interval)" if has_intervals(results) else ""
    lines = [
        preamble(name, results, spec.unit)
        + (
            f" Each ratio is to {spec.labels[spec.baseline]} in the same run (below 1 is faster).\n"
            if not spec.group_baselines
            else " Each ratio is to the baseline of its column, in the same run (below 1 is faster): "
            + "; ".join(f"{spec.groups[g]}: {spec.labels[spec.baseline_of(g)]}" for g in shown if g in groups)
            + ".\n"
        ),
    ]
    # A group that the stored run does not have (added since) is left out until the next run.
    candidates = (shown,) if part else spec.tables or (shown,)
    tables = [t for t in (tuple(g for g in table if g in groups) for table in candidates) if t]
    for n, table in enumerate(tables):
        header = "| | " + " | ".join(f"{spec.groups[g]}: ns per {spec.unit}{ci} | ratio" for g in table) + " |"
        lines += ([""] if n else []) + [header, "|---" * (1 + 2 * len(table)) + "|"]
        for key, label in spec.labels.items():
            if spec.tables and not any(key in spec.rows_of(g) for g in table):
                continue
            # A row added to the benchmark after the stored run appears with the next run.
            if not any(key in groups[g] for g in table if key in spec.rows_of(g)):
                continue
            cells = []
            for group in table:
                if key not in spec.rows_of(group):
                    cells.append("– | –")
                    continue
                row, base = groups[group][key], groups[group][spec.baseline_of(group)]
                cells.append(f"{per_element(row)} | {row['ns'] / base['ns']:.2f}")
            lines.append(f"| {label} | " + " | ".join(cells) + " |")
    # A row shows once a run has stored both of its benchmarks.
    speedup = [row for row in spec.speedup if all(i in groups.get(row[0], {}) for i in row[2:])]
    if speedup:
        lines += ["", f"| {spec.speedup_title} | 1 thread: ns per {spec.unit}{ci} | 2 threads: ns per {spec.unit}{ci} | speedup |", "|---|---|---|---|"]
        for group, label, one, two in speedup:
            a, b = groups[group][one], groups[group][two]
            lines.append(f"| {label} | {per_element(a)} | {per_element(b)} | {a['ns'] / b['ns']:.2f}x |")
    if spec.plot:
        lines += ["", f"![ns per {spec.unit} for each list and each pass; shorter is faster]({plot_path or spec.plot})"]
    return "\n".join(lines)


def bounds(name: str, results: dict) -> list[str]:
    """Each design bound of the benchmark, with the run's ratio and whether it is met: the
    console's report, never the book's."""
    groups = results["groups"]
    return [
        f"design bound ({t.why}) {t.group}: {t.subject} / {t.reference} {t.op} {t.bound}: "
        f"measured {t.ratio(groups):.2f}: {'met' if t.met(groups) else 'NOT MET'}"
        for t in SPECS[name].targets
        if t.subject in groups.get(t.group, {}) and t.reference in groups.get(t.group, {})
    ]


def render_unknown(name: str, results: dict) -> str:
    """The table of a stored run that has no Spec here yet: every figure, no ratios."""
    unit = "element"
    lines = [preamble(name, results, unit) + "\n", f"| group | benchmark | ns per {unit}{' (interval)' if has_intervals(results) else ''} |", "|---|---|---|"]
    for group, rows in sorted(results["groups"].items()):
        for key, row in sorted(rows.items()):
            lines.append(f"| `{group}` | `{key}` | {per_element(row)} |")
    return "\n".join(lines)


def plot(name: str, results: dict) -> str:
    """A horizontal bar chart of ns per element: one block of bars per group."""
    spec = SPECS[name]
    groups = results["groups"]
    bar, gap, left, width = 16, 28, 330, 360
    top = 30
    peak = max(groups[g][k].get("ns_high", groups[g][k]["ns"]) / groups[g][k]["elements"] for g in spec.page_groups() for k in spec.labels)
    colours = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7"]
    parts, y = [], top
    for group in spec.page_groups():
        title = spec.groups[group]
        parts.append(f'<text x="10" y="{y + 12}" font-weight="bold">{title}</text>')
        y += 20
        for i, (key, label) in enumerate(spec.labels.items()):
            per = groups[group][key]["ns"] / groups[group][key]["elements"]
            w = max(1, width * per / peak)
            plain = re.sub(r"[`]", "", label).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            parts.append(f'<text x="{left - 6}" y="{y + 12}" text-anchor="end">{plain}</text>')
            parts.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar - 2}" fill="{colours[i % len(colours)]}"/>')
            row = groups[group][key]
            end = w
            if "ns_low" in row:
                # criterion's confidence interval of the mean, as a whisker across the bar's end
                lo, hi = (width * row[k] / row["elements"] / peak for k in ("ns_low", "ns_high"))
                parts.append(f'<line x1="{left + lo:.1f}" x2="{left + hi:.1f}" y1="{y + (bar - 2) / 2}" y2="{y + (bar - 2) / 2}" stroke="black"/>')
                end = max(w, hi)
            parts.append(f'<text x="{left + end + 4:.1f}" y="{y + 12}">{fmt(per)} ns</text>')
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


def expected_page(name: str, text: str, results: dict, part: str | None = None) -> str:
    marker = f"{name}-{part}" if part else name
    table = render(name, results, part=part)
    return markers(marker).sub(lambda m: m.group(1) + ("\n" + table + "\n\n" if table else "\n") + m.group(3), text)


def pages(name: str) -> list[tuple[Path, str | None]]:
    """Each chapter that shows a table of the benchmark, with the part of `elsewhere` it shows."""
    spec = SPECS[name]
    return [(BOOK / spec.page, None)] + [(BOOK / page, part) for part, page, _ in spec.elsewhere]


APPENDIX = book.MEASURED_APPENDIX


def page_title(page: str) -> str:
    """A chapter's title in SUMMARY.md; "Measured" pages get their part's title in front."""
    titles = {path: title for title, path in re.findall(r"\[([^\]]+)\]\(([^)]+\.md)\)", (BOOK / "SUMMARY.md").read_text())}
    title = titles.get(page, page)
    index = str(Path(page).parent / "index.md")
    return f"{titles[index]}: {title.lower()}" if page != index and index in titles else title


def appendix() -> str:
    """Every stored run's table and plot on one page, from companion/benches/results/*.json."""
    here = APPENDIX.parent
    sections = []
    summary = (BOOK / "SUMMARY.md").read_text()

    def book_order(path: Path) -> tuple[int, str]:
        spec = SPECS.get(path.stem)
        place = summary.find(f"({spec.page})") if spec else -1
        return (place if place >= 0 else len(summary), path.stem)

    for path in sorted(RESULTS.glob("*.json"), key=book_order):
        name, results = path.stem, json.loads(path.read_text())
        spec = SPECS.get(name)
        if spec is None:
            sections.append(f"## `{name}`\n\nFrom `companion/benches/results/{path.name}`.\n\n{render_unknown(name, results)}\n")
            continue
        chapter = os.path.relpath(BOOK / spec.page, here)
        plot_path = os.path.relpath(BOOK / spec.page, here).rsplit("/", 1)[0] + f"/{spec.plot}" if spec.plot else None
        sections.append(
            f"## {page_title(spec.page)}\n\n"
            f"What is measured, and how to read it: [{page_title(spec.page)}]({chapter}).\n\n{render(name, results, plot_path)}\n"
        )
        for part, page, _ in spec.elsewhere:
            table = render(name, results, part=part)
            if table:
                where = os.path.relpath(BOOK / page, here)
                sections.append(f"### {page_title(page)}\n\nWhat is measured, and how to read it: [{page_title(page)}]({where}).\n\n{table}\n")
    return (
        "# Every measurement in one place\n\n"
        "This page gathers every measured table and plot of the book, each from the run stored in\n"
        "`companion/benches/results/`; `ci/bench NAME` measures again and rewrites both the chapter\n"
        "and this page, and `ci/test` fails when either differs from the stored results. Each\n"
        "section names the machine, the compiler and the date of its run.\n\n"
        "## Which figures travel\n\n"
        "A time in nanoseconds belongs to one machine on one day: another processor, another\n"
        "memory system, another compiler, or another program running beside the benchmark\n"
        "changes it, often by more than the differences the tables are about. A *ratio* of two\n"
        "times measured side by side in one run divides most of that out, because both\n"
        "measurements saw the same machine in the same state. So the ratio columns and the\n"
        "speedups are what to compare with your own run; the absolute times only tell you\n"
        "the scale on the machine named above them. Ratios from two\n"
        "different runs are not comparable either: each run has its own baseline, and a ratio\n"
        "holds only against the baseline it was measured with. Even a ratio can change on\n"
        "another machine when the two sides stress different parts of it (a lock against a\n"
        "plain load, one core against two), so a ratio is a measurement too, not a constant.\n\n"
        + "\n".join(sections)
    )


def problems() -> list[str]:
    found = []
    if not APPENDIX.is_file() or APPENDIX.read_text() != appendix():
        found.append(f"{book.rel(APPENDIX)} differs from companion/benches/results/: run ci/bless (or ci/bench NAME --render)")
    for name, spec in SPECS.items():
        for page, part in pages(name):
            text = page.read_text() if page.is_file() else ""
            if not markers(f"{name}-{part}" if part else name).search(text):
                continue
            results = stored(name)
            if results is None:
                found.append(f"{book.rel(page)} has a place for the {name} benchmark table but no results are stored: run ci/bench {name}")
                continue
            if expected_page(name, text, results, part) != text:
                found.append(f"{book.rel(page)}: the {name} benchmark table differs from companion/benches/results/{name}.json: run ci/bench {name} --render")
        results = stored(name)
        page = BOOK / spec.page
        svg = page.parent / spec.plot if spec.plot and results else None
        if svg and (not svg.is_file() or svg.read_text() != plot(name, results)):
            found.append(f"{book.rel(svg)} differs from companion/benches/results/{name}.json: run ci/bench {name} --render")
    return found


def write_page(name: str, results: dict) -> None:
    spec = SPECS[name]
    for page, part in pages(name):
        text = page.read_text()
        marker = f"{name}-{part}" if part else name
        if not markers(marker).search(text):
            raise SystemExit(f"{book.rel(page)} has no `<!-- ci/bench {marker}: begin -->` / `<!-- ci/bench {marker}: end -->` markers to put the table between")
        page.write_text(expected_page(name, text, results, part))
        print(f"wrote the table into {book.rel(page)}")
    page = BOOK / spec.page
    if spec.plot:
        (page.parent / spec.plot).write_text(plot(name, results))
        print(f"wrote {book.rel(page.parent / spec.plot)}")
    if write_appendix():
        print(f"wrote {book.rel(APPENDIX)}")


def write_appendix() -> bool:
    text = appendix()
    if APPENDIX.is_file() and APPENDIX.read_text() == text:
        return False
    APPENDIX.write_text(text)
    return True


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
        load = os.getloadavg()[0]
        print(
            f"==> cargo bench --bench {name} (load average {load:.1f} on {os.cpu_count()} cores; "
            "the machine should be otherwise idle: other work skews the figures)",
            flush=True,
        )
        started = time.time()
        code = subprocess.run(["cargo", "bench", "--locked", "-p", "companion", "--bench", name, "--", *criterion_args], cwd=REPO).returncode
        if code != 0:
            print(f"ci/bench: `cargo bench --bench {name}` failed (see above); fix the benchmark and run ci/bench {name} again", file=sys.stderr)
            return 1
        groups = collect(name, started)
        spec = SPECS[name]
        wanted = {(g, k) for g in spec.groups for k in spec.rows_of(g)} | {(s[0], i) for s in spec.speedup for i in s[2:]}
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
    print("\n".join(bounds(name, results)) or f"{name} has no design bounds")
    return 0
