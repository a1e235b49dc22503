"""Where things are. Every other module takes its paths from here."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BOOK = REPO / "book"
COMPANION = REPO / "companion"
EXERCISES = COMPANION / "exercises"
TARGET = REPO / "target"
HARNESS = TARGET / "harness"  # everything the harness generates
TOOLS = REPO / ".tools"  # pinned mdbook and mdbook-mermaid, git-ignored
MY_WORK = REPO / "my-work"  # students' copies of exercise starters, git-ignored
