"""The zero-cost claim, checked: GhostCell access compiles to plain reference access.

Each probe (`probes/ghost_asm.rs`, `async_cells_asm.rs`, `actors_asm.rs`) holds pairs
of functions, `plain_X` and `ghost_X`, that do the same work through a plain reference
and through the companion's cells (`companion::ghost`, a branded future's `rw(cx)`, a
`Share`). This module
compiles it the way a release build would (`-C opt-level=3`), cuts each function out
of the assembly, and requires each pair to have the same instructions once the local
label numbers (which only reflect the function's position in the file) are removed.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import rust
from paths import HARNESS, REPO

PROBE = REPO / "ci" / "harness" / "probes" / "ghost_asm.rs"
# Every probe of the step: GhostCell itself, Part V's `rw(cx)`/`ro(cx)` and branded poll,
# and Part VI's `Share::rw`/`Share::ro`.
PROBES = (PROBE, REPO / "ci" / "harness" / "probes" / "async_cells_asm.rs", REPO / "ci" / "harness" / "probes" / "actors_asm.rs")
FUNCTION = re.compile(r"^(plain|ghost)_(\w+):$")
# LLVM emits a function identical to an earlier one as an alias: `plain_a = plain_b`.
ALIAS = re.compile(r"^((?:plain|ghost)_\w+) = (\w+)$")


@dataclass
class Pair:
    name: str
    plain: list[str]
    ghost: list[str]

    @property
    def same(self) -> bool:
        return self.plain == self.ghost


def instructions(lines: list[str]) -> list[str]:
    """The instructions and local labels of one function, with label numbers normalised."""
    kept = []
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if not line or (line.startswith(".") and not line.endswith(":")):
            continue
        if line.startswith(".Lfunc_end"):
            continue
        kept.append(re.sub(r"\.LBB\d+_(\d+)", r".L\1", " ".join(line.split())))
    return kept


def compile_probe(probe: Path = PROBE) -> dict[str, list[str]]:
    out = HARNESS / "asm" / f"{probe.stem}.s"
    out.parent.mkdir(parents=True, exist_ok=True)
    cmd = [
        str(rust.tool("rustc")), "--edition", "2024", "--crate-type", "lib", "-C", "opt-level=3", "-C", "debuginfo=0",
        "--emit", "asm", "-o", str(out), f"@{rust.EXTERNS}", str(probe),
    ]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{probe.name} does not compile:\n{result.stderr}")
    functions: dict[str, list[str]] = {}
    aliases: dict[str, str] = {}
    current = None
    for line in out.read_text().split("\n"):
        if m := ALIAS.match(line.strip()):
            aliases[m.group(1)] = m.group(2)
        elif m := FUNCTION.match(line):
            current = m.group(0)[:-1]
            functions[current] = []
        elif current and line.strip() == ".cfi_endproc":
            current = None
        elif current:
            functions[current].append(line)
    for alias, target in aliases.items():
        functions[alias] = functions[target]
    return {name: instructions(lines) for name, lines in functions.items()}


def pairs() -> list[Pair]:
    """Every pair of every probe; pairs of probes after the first are named `pair (probe.rs)`."""
    found = []
    for probe in PROBES:
        functions = compile_probe(probe)
        names = sorted({n.split("_", 1)[1] for n in functions})
        missing = [n for n in names if f"plain_{n}" not in functions or f"ghost_{n}" not in functions]
        if missing:
            raise SystemExit(f"{probe.name}: every ghost_X needs a plain_X and the other way round; unpaired: {', '.join(missing)}")
        suffix = "" if probe == PROBE else f" ({probe.name})"
        found += [Pair(n + suffix, functions[f"plain_{n}"], functions[f"ghost_{n}"]) for n in names]
    return found
