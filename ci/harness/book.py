"""Reading the book's Markdown: fenced blocks, includes, and the rules every block obeys.

Everything that knows the shape of a chapter lives here, so the skeptic build step,
the checker, `ci/bless` and the exercise pages all read a chapter the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from paths import BOOK, COMPANION, REPO

FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`]*?)\s*$")
INCLUDE = re.compile(r"\{\{#(?P<kind>\w+)\s+(?P<arg>[^}]*?)\s*\}\}")
ERROR_CODE = re.compile(r"^E\d{4}$")
FN_MAIN = re.compile(r"\bfn\s+main\s*\(")

# Attributes a ```rust block may carry, and what they mean to the harness.
RUST_ATTRIBUTES = {
    "compile_fail": "must fail to compile with the error code that follows it",
    "should_panic": "must compile, run and panic",
    "no_run": "compiled, not run",
    "noplayground": "no Run button (the snippet needs crates the public playground lacks)",
}
# Languages of the other blocks the book uses.
OTHER_LANGUAGES = {"text", "mermaid", "toml", "bash", "console", "sh"}
OUTPUT_ATTRIBUTE = "rustc-output"
# A Rust listing that another check compiles: the page highlights it as Rust (highlight.js
# knows `rs` as Rust), while rustdoc, skeptic and this harness leave it alone, because it
# is not `rust`. It holds one `{{#include}}` of a file under one of these folders.
LISTING_LANGUAGE = "rs"
COMPILED_ELSEWHERE = {
    "companion/examples/": "`cargo test` builds the example programs and runs their tests",
    "companion/demos/nightly-context-ext/": "`ci/nightly-preview` builds the nightly demo and runs its tests",
    "companion/src/async_cells/server/": "`cargo test` builds the companion and drives both servers in `tests/async_cells_server.rs`",
    "companion/tests/stakker_behaviour.rs": "`cargo test` runs the Stakker programs the book sets beside the companion's",
}


class BookError(Exception):
    """A rule of the book broken at a known place; the message says how to fix it."""


@dataclass
class Block:
    """One fenced block of a chapter, after includes are expanded."""

    path: Path  # the chapter file
    line: int  # 1-based line of the opening fence in the chapter file
    info: str
    lines: list[str]  # content, fence indentation removed
    first_content_index: int = 0  # index into the file's lines of the first content line
    indent: str = ""  # the fence's indentation (inside a list item, say)
    tokens: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.tokens = [t for t in re.split(r"[,\s]+", self.info) if t]

    @property
    def where(self) -> str:
        return f"{rel(self.path)}:{self.line}"

    @property
    def language(self) -> str:
        return self.tokens[0] if self.tokens else ""

    @property
    def is_rust(self) -> bool:
        return self.language == "rust"

    @property
    def attrs(self) -> list[str]:
        return self.tokens[1:]

    @property
    def error_code(self) -> str | None:
        codes = [t for t in self.attrs if ERROR_CODE.match(t)]
        return codes[0] if codes else None

    @property
    def compile_fail(self) -> bool:
        return "compile_fail" in self.attrs

    @property
    def should_panic(self) -> bool:
        return "should_panic" in self.attrs

    @property
    def no_run(self) -> bool:
        return "no_run" in self.attrs

    @property
    def is_output(self) -> bool:
        return self.language == "text" and OUTPUT_ATTRIBUTE in self.attrs

    @property
    def text(self) -> str:
        return "".join(line + "\n" for line in self.lines)

    def has_hidden_lines(self) -> bool:
        return any(hidden_line(line) is not None for line in self.lines)

    def source(self) -> str:
        """The code with rustdoc's hidden-line markers removed (what the compiler sees)."""
        out = []
        for line in self.lines:
            shown = hidden_line(line)
            out.append(line if shown is None else shown)
        return "".join(line + "\n" for line in out)

    def program(self) -> str:
        """A complete program, wrapped in `fn main` as rustdoc does when it has none."""
        return wrap_in_main(self.source())


def hidden_line(line: str) -> str | None:
    """The compiled text of a rustdoc hidden line (`# code`), or None for a visible line."""
    stripped = line.lstrip()
    if stripped == "#":
        return ""
    if stripped.startswith("# "):
        return stripped[2:]
    return None


def wrap_in_main(source: str) -> str:
    if FN_MAIN.search(source):
        return source
    # Crate-level attributes must stay outside the function, as rustdoc keeps them.
    head = [l for l in source.splitlines() if l.lstrip().startswith("#![")]
    body = [l for l in source.splitlines() if not l.lstrip().startswith("#![")]
    lines = head + ["fn main() {"] + ["    " + l if l else l for l in body] + ["}"]
    return "\n".join(lines) + "\n"


def rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(REPO))
    except ValueError:
        return str(path)


ANCHOR_START = re.compile(r"ANCHOR:\s*(?P<name>[\w-]+)")
ANCHOR_END = re.compile(r"ANCHOR_END:\s*(?P<name>[\w-]+)")


def anchored_lines(text: str, anchor: str) -> str | None:
    """The lines between `ANCHOR: name` and `ANCHOR_END: name`, without any anchor line,
    as mdbook 0.5.4 takes them (`take_anchored_lines`); None if the anchor is not there."""
    kept: list[str] = []
    inside = False
    for line in text.splitlines():
        if not inside:
            start = ANCHOR_START.search(line)
            inside = start is not None and start.group("name") == anchor
            continue
        end = ANCHOR_END.search(line)
        if end and end.group("name") == anchor:
            return "\n".join(kept)
        if not end and not ANCHOR_START.search(line):
            kept.append(line)
    return "\n".join(kept) if inside else None


def expand_includes(text: str, chapter: Path) -> str:
    """Expand mdbook's `{{#include path}}` and `{{#include path:anchor}}`, relative to the chapter."""

    def replace(match: re.Match[str]) -> str:
        kind, arg = match.group("kind"), match.group("arg")
        path, _, anchor = arg.partition(":")
        if kind != "include" or (anchor and not re.fullmatch(r"[\w-]*[^\W\d][\w-]*", anchor)):
            raise BookError(
                f"{rel(chapter)}: `{match.group(0)}`: the harness expands only `{{{{#include path}}}}` and "
                "`{{#include path:anchor}}`; include a whole file, or mark the part with `ANCHOR: name` / `ANCHOR_END: name` comments"
            )
        target = (chapter.parent / path).resolve()
        if not target.is_file():
            raise BookError(f"{rel(chapter)}: `{match.group(0)}`: no file at {rel(target)}")
        if not anchor:
            return target.read_text().rstrip("\n")
        part = anchored_lines(target.read_text(), anchor)
        if part is None:
            raise BookError(f"{rel(chapter)}: `{match.group(0)}`: {rel(target)} has no `ANCHOR: {anchor}` line")
        return part

    return INCLUDE.sub(replace, text)


def blocks_of_text(text: str, path: Path) -> list[Block]:
    """The fenced blocks of a chapter's (include-expanded) text."""
    blocks: list[Block] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence, info = len(m.group("indent")), m.group("fence"), m.group("info")
        start = i
        body: list[str] = []
        i += 1
        closed = False
        while i < len(lines):
            close = re.match(r"^\s*(`{3,}|~{3,})\s*$", lines[i])
            if close and close.group(1)[0] == fence[0] and len(close.group(1)) >= len(fence):
                closed = True
                break
            line = lines[i]
            body.append(line[indent:] if line[:indent].strip() == "" else line.lstrip())
            i += 1
        if not closed:
            raise BookError(f"{rel(path)}:{start + 1}: this code block is never closed")
        blocks.append(Block(path, start + 1, info, body, start + 1, m.group("indent")))
        i += 1
    return blocks


def chapter_text(path: Path) -> str:
    return expand_includes(path.read_text(), path)


def chapter_blocks(path: Path) -> list[Block]:
    return blocks_of_text(chapter_text(path), path)


def chapters() -> list[Path]:
    """Every Markdown file of the book, SUMMARY.md included."""
    return sorted(p for p in BOOK.rglob("*.md"))


def lint(paths: list[Path], external_crates: set[str]) -> list[str]:
    """Every broken rule in the given chapters, as `file:line: what to do` sentences."""
    problems: list[str] = []
    summary = (BOOK / "SUMMARY.md").read_text()
    crate_use = re.compile(r"\b(" + "|".join(sorted(external_crates)) + r")\s*::") if external_crates else None
    for path in paths:
        name = path.relative_to(BOOK).as_posix()
        if name != "SUMMARY.md" and f"({name})" not in summary:
            problems.append(f"book/{name}: not listed in book/SUMMARY.md, so mdbook would not render it; add it there")
        try:
            blocks = chapter_blocks(path)
        except BookError as e:
            problems.append(str(e))
            continue
        problems += lint_blocks(blocks, crate_use)
        problems += lint_listings(path)
        problems += process_words(path)
        problems += design_bound_words(path)
    return problems


def lint_listings(path: Path) -> list[str]:
    """Every ```rs listing holds one include of a file that another check compiles."""
    problems = []
    allowed = ", ".join(f"{root} ({why})" for root, why in COMPILED_ELSEWHERE.items())
    for block in blocks_of_text(path.read_text(), path):
        if block.language != LISTING_LANGUAGE:
            continue
        if block.attrs:
            problems.append(f"{block.where}: ```{block.info}: a ```{LISTING_LANGUAGE} listing takes no attributes")
        lines = [line for line in block.lines if line.strip()]
        include = INCLUDE.fullmatch(lines[0].strip()) if len(lines) == 1 else None
        if include is None or include.group("kind") != "include":
            problems.append(
                f"{block.where}: a ```{LISTING_LANGUAGE} listing is not compiled by the book's tests, so it must be one "
                "`{{#include FILE}}` (or `{{#include FILE:anchor}}`) line of a file that another check compiles: "
                f"{allowed}. Anything else is a snippet: make it ```rust"
            )
            continue
        target = (path.parent / include.group("arg").partition(":")[0]).resolve()
        inside = [root for root in COMPILED_ELSEWHERE if target.is_relative_to(REPO / root)]
        if target.suffix != ".rs" or not inside:
            problems.append(
                f"{block.where}: this ```{LISTING_LANGUAGE} listing includes {rel(target)}, which is not in a folder "
                f"whose Rust files another check compiles; include one from {allowed}, or make the block a ```rust snippet"
            )
    return problems


def crate_text_files() -> list[Path]:
    """What people who copy the crate read: every `Cargo.toml`, every Rust file (for its
    rustdoc), and the README."""
    crate = sorted(p for p in COMPANION.rglob("*") if (p.name == "Cargo.toml" or p.suffix == ".rs") and "target" not in p.relative_to(COMPANION).parts)
    return [REPO / "Cargo.toml", *crate, REPO / "README.md"]


def readable_text(path: Path) -> str:
    """The text of a file that a reader of the crate reads, as Markdown on the file's own
    lines: a Rust file's `//!` and `///` docs, a `Cargo.toml`'s comments, all of a README."""
    source = path.read_text()
    if path.suffix == ".md":
        return source
    comment = re.compile(r"^\s*#\s?(.*)$") if path.name == "Cargo.toml" else re.compile(r"^\s*//[/!](?![/!]) ?(.*)$")
    return "\n".join(m.group(1) if (m := comment.match(line)) else "" for line in source.split("\n"))


def crate_process_words(paths: list[Path] | None = None) -> list[str]:
    """The chapters' process-words rule, applied to what people who copy the crate read."""
    return [p for path in (crate_text_files() if paths is None else paths) for p in process_words(path, readable_text(path))]


# Words of the project's own process, which the reader never meets, and what to write instead.
PROCESS_WORDS = [
    (re.compile(r"\bissues?\s+\d+\b", re.I), "names one of this project's own issues; say in the reader's words what the figure or rule is for, or cite an external issue as `repository #N` with a link"),
    # "seed" as in a random seed (Miri's, proptest's) is the reader's word too.
    (re.compile(r"(?<!random )(?<!miri )(?<!proptest )(?<!several )(?<!different )(?<!more )\bseeds?\b(?!\s*=)", re.I), "is the project's word for a source; name it by author and title (\"Armin Ronacher's post on stack tokens\", \"the async story by Stakker's author\"), linking its entry in appendix/references.md"),
    (re.compile(r"\b(?:(?:first|second|third|fourth)\s+)?source\s+texts?\b|\b(?:first|second|third|fourth)\s+source\b", re.I), "is the project's word for a source; name it by author and title, linking its entry in appendix/references.md (for code, say \"source code\")"),
    (re.compile(r"\bnot\s+kept\b|\bold\s+run\b|\bearlier\s+runs?\b", re.I), "reports on runs the book does not show; a measured page states what the kept run shows, and nothing about other runs"),
]
# An external issue is cited with the repository it belongs to, in the same sentence, or as a link.
ISSUE_REF = re.compile(r"\bissues?\s+#\d+", re.I)
REPOSITORY = re.compile(
    r"ghost-cell|qcell|fragile|stakker|rayon|generativity|bumpalo|tokio|futures|miri|unsafe-code-guidelines|\bUCG\b|rust-lang|\bthe Rust (?:repository|project)\b",
    re.I,
)
CITED_LINK = re.compile(r"\[[^\]]*\]\((?:https?://[^)]*|[^)]*references\.md[^)]*)\)")
SENTENCE = re.compile(r"[^.!?]*(?:[.!?]+|$)")


def prose_paragraphs(text: str) -> list[list[tuple[int, str]]]:
    """The paragraphs outside fenced blocks and HTML comments, each as its (line number, line) pairs."""
    paragraphs: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    fence = None
    for number, line in enumerate(text.split("\n"), 1):
        m = FENCE.match(line)
        if fence is None and m:
            fence = m.group("fence")
        elif fence is not None:
            if re.match(rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$", line):
                fence = None
            continue
        if fence is not None or not line.strip() or line.lstrip().startswith("<!--"):
            if current:
                paragraphs.append(current)
                current = []
            continue
        current.append((number, line.strip()))
    if current:
        paragraphs.append(current)
    return paragraphs


def paragraph_text(paragraph: list[tuple[int, str]]) -> tuple[str, str, list[int]]:
    """The paragraph as one text, the same text with code spans blanked (the prose), and
    the line each character came from. A cited link (to an issue or to the references)
    is blanked in both, not removed, so positions still map to lines."""
    text, lines = "", []
    for number, line in paragraph:
        text += line + " "
        lines += [number] * (len(line) + 1)
    text = CITED_LINK.sub(lambda m: " " * len(m.group(0)), text)
    # Code spans are not prose, but a repository may be named in one (`ghost-cell`).
    prose = re.sub(r"`[^`]*`", lambda m: " " * len(m.group(0)), text)
    return text, prose, lines


def process_words(path: Path, source: str | None = None) -> list[str]:
    """Words that belong to the project, not the reader, with the fix for each.

    `source` is the Markdown to read (a chapter's own text when not given), on the
    lines of `path`: the rustdoc or comments of a crate file, other lines blank.
    """
    problems = []
    for paragraph in prose_paragraphs(path.read_text() if source is None else source):
        text, prose, lines = paragraph_text(paragraph)
        for pattern, fix in PROCESS_WORDS:
            for m in pattern.finditer(prose):
                problems.append(f"{rel(path)}:{lines[m.start()]}: \"{m.group(0)}\" {fix}")
        for sentence in SENTENCE.finditer(text):
            if REPOSITORY.search(sentence.group(0)):
                continue
            for m in ISSUE_REF.finditer(prose[sentence.start():sentence.end()]):
                problems.append(
                    f"{rel(path)}:{lines[sentence.start() + m.start()]}: \"{m.group(0)}\" does not say whose issue it is; name the "
                    "repository in the same sentence (\"ghost-cell #32\", \"fragile issue #26\") or make it a link to the issue "
                    "or to its entry in appendix/references.md"
                )
    return problems


# The measured pages: every chapter that shows a `ci/bench` table, and the appendix that
# gathers every table.
MEASURED_APPENDIX = BOOK / "appendix" / "measured.md"
BENCH_TABLE = re.compile(r"^<!-- ci/bench [\w-]+: begin -->$", re.M)
# Our design bounds and run settings, which a measured page does not show. "target" as in
# a compilation target ("64-bit targets", `target_os`, `--target`) is the reader's word.
DESIGN_BOUND_WORDS = re.compile(
    r"(?<!-bit )(?<!compilation )(?<!build )(?<!bench )(?<![-_])\btargets?\b(?![-_])(?!\s+(?:triples?|platforms?|architectures?)\b)"
    r"|\bstretch\b(?!\s+of\b)"
    r"|\b(?:is|are|was|were|be|been|not|all|both|each)\s+met\b|\|\s*met\s*\|"
    r"|\bat\s+(?:most|least)\s+\d+(?:\.\d+)?\s*(?:x\b|times\b|of\b)"
    r"|\bdefault\s+settings\b",
    re.I,
)


def is_measured_page(path: Path) -> bool:
    return path.resolve() == MEASURED_APPENDIX.resolve() or bool(BENCH_TABLE.search(path.read_text()))


def design_bound_words(path: Path) -> list[str]:
    """Design bounds, targets, "met", "stretch" and run settings, if the page is a measured page."""
    if not is_measured_page(path):
        return []
    problems = []
    for paragraph in prose_paragraphs(path.read_text()):
        # Code spans count too: the setting used to be shown as `default settings`.
        text, _prose, lines = paragraph_text(paragraph)
        for m in DESIGN_BOUND_WORDS.finditer(text):
            problems.append(
                f"{rel(path)}:{lines[m.start()]}: \"{m.group(0).strip()}\" is one of our design bounds, its verdict, or a run "
                "setting; a measured page does not show those (`ci/bench` prints them on the console, and the README's Benchmarks "
                "section describes them). Say instead what the table compares and the mechanism behind the figure "
                "(\"a call costs a little under half of Stakker's, because ...\")"
            )
    return problems


def lint_blocks(blocks: list[Block], crate_use: re.Pattern[str] | None) -> list[str]:
    problems = []
    for index, block in enumerate(blocks):
        if not block.tokens:
            problems.append(f"{block.where}: a code block with no language; rustdoc would test it as Rust. Name its language (```text, ```rust, ...)")
            continue
        if block.is_rust:
            problems += lint_rust_block(block, crate_use)
        elif block.language == LISTING_LANGUAGE:
            pass  # checked before its include is expanded, by lint_listings
        elif block.language in OTHER_LANGUAGES:
            extra = [a for a in block.attrs if not (block.language == "text" and a == OUTPUT_ATTRIBUTE)]
            if extra:
                problems.append(f"{block.where}: ```{block.info}: the harness does not understand {', '.join(extra)}")
        else:
            problems.append(
                f"{block.where}: ```{block.info}: unknown block language `{block.language}`; "
                f"use rust, {LISTING_LANGUAGE} (a listing compiled elsewhere) or one of {', '.join(sorted(OTHER_LANGUAGES))}"
            )
        if block.is_output:
            previous = blocks[index - 1] if index > 0 else None
            if previous is None or not (previous.is_rust and previous.compile_fail):
                problems.append(f"{block.where}: a ```text,rustc-output block must come right after the ```rust,compile_fail block whose output it shows")
            elif not FN_MAIN.search(previous.text) or previous.has_hidden_lines():
                problems.append(
                    f"{previous.where}: its compiler output is shown, so it needs a visible `fn main` and no hidden `# ` lines "
                    "(then the line numbers in the output match the code the reader sees)"
                )
    return problems


def lint_rust_block(block: Block, crate_use: re.Pattern[str] | None) -> list[str]:
    problems = []
    attrs = block.attrs
    unknown = [a for a in attrs if a not in RUST_ATTRIBUTES and not ERROR_CODE.match(a)]
    if "ignore" in unknown:
        problems.append(f"{block.where}: `ignore` is not allowed: every snippet is tested. Use compile_fail,EXXXX, should_panic or no_run")
        unknown.remove("ignore")
    if unknown:
        problems.append(
            f"{block.where}: ```{block.info}: the harness does not understand {', '.join(unknown)}; "
            f"allowed: {', '.join(RUST_ATTRIBUTES)} and an error code after compile_fail"
        )
    codes = [a for a in attrs if ERROR_CODE.match(a)]
    if block.compile_fail:
        if len(codes) != 1 or attrs.index(codes[0]) != attrs.index("compile_fail") + 1:
            problems.append(f"{block.where}: compile_fail must be followed by exactly one error code, as in ```rust,compile_fail,E0499")
        if block.should_panic or block.no_run:
            problems.append(f"{block.where}: compile_fail cannot be combined with should_panic or no_run")
    elif codes:
        problems.append(f"{block.where}: an error code ({codes[0]}) belongs only after compile_fail")
    if "noplayground" in attrs and attrs[-1] != "noplayground":
        # rustdoc 1.95 silently drops a block whose should_panic or no_run follows noplayground.
        problems.append(f"{block.where}: put noplayground last (```rust,...,noplayground): rustdoc skips the test when should_panic or no_run come after it")
    if block.should_panic and block.no_run:
        problems.append(f"{block.where}: should_panic needs the snippet to run, so it cannot be no_run")
    source = block.source()
    if re.search(r"^\s*extern\s+crate\b", source, re.M):
        problems.append(f"{block.where}: no `extern crate` lines: the harness passes every crate to the compiler")
    uses_crates = bool(crate_use and crate_use.search(source))
    if uses_crates and "noplayground" not in attrs:
        problems.append(f"{block.where}: this snippet uses a crate the public playground lacks; mark it ```rust,noplayground so no Run button appears")
    if not uses_crates and "noplayground" in attrs:
        problems.append(f"{block.where}: this snippet uses only std, so it runs on the playground; remove noplayground")
    return problems


# mdbook logs through `tracing` (" WARN ...", " ERROR ..."); preprocessors print "Warning: ...".
BUILD_WARNING = re.compile(r"^\s*(?:\x1b\[[0-9;]*m)*\s*(?:WARN|ERROR)\b|^\s*warning\b", re.I)


def build_warnings(output: str) -> list[str]:
    """The warning lines of an `mdbook build` log."""
    return [line.strip() for line in output.split("\n") if BUILD_WARNING.match(line)]
