"""The GitHub Pages workflow runs the README's own commands and nothing else.

Every `run:` step of `.github/workflows/*.yml` must be one command, an executable
script of `ci/`, written exactly as the README documents it (`ci/test`,
`ci/serve --build-only`). So the site online is built the way a reader builds it, and
a renamed or removed script fails `ci/test` here instead of failing the next publish.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from paths import REPO

WORKFLOWS = REPO / ".github" / "workflows"
RUN = re.compile(r"^\s*(?:-\s+)?run:\s*(?P<command>.*?)\s*$")


def workflows() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))


def documented_commands(readme: str) -> set[str]:
    """The commands the README shows: in `code spans` and after `$ ` in console blocks."""
    spans = re.findall(r"`([^`\n]+)`", readme)
    prompts = re.findall(r"^\$ (.+?)(?:\s+#.*)?$", readme, re.M)
    return {c.strip() for c in spans + prompts}


def problems(paths: list[Path] | None = None, readme: Path = REPO / "README.md") -> list[str]:
    documented = documented_commands(readme.read_text())
    found = []
    for path in workflows() if paths is None else paths:
        where = path.relative_to(REPO) if path.is_relative_to(REPO) else path
        for number, line in enumerate(path.read_text().split("\n"), 1):
            m = RUN.match(line)
            if not m:
                continue
            command = m.group("command")
            script = REPO / command.split()[0] if command else REPO
            if command in ("", "|", ">") or re.search(r"[;&|<>`$]", command):
                found.append(f"{where}:{number}: `run: {command}` is not one plain command; write one `run:` step per command of ci/")
            elif not command.startswith("ci/") or not script.is_file() or not os.access(script, os.X_OK):
                found.append(f"{where}:{number}: `{command}` is not a command of ci/; the workflow may only run the scripts the README documents (ci/test, ci/serve --build-only)")
            elif command not in documented:
                found.append(f"{where}:{number}: `{command}` is not in README.md; document it there, or run a command the README shows")
    return found
