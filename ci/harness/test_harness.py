"""Tests of the harness itself: a broken chapter must be caught, at the right line.

Each test writes a small chapter into a scratch folder and checks the verdict, so a
harness change that stops catching a broken snippet fails `ci/test`.
"""

from __future__ import annotations

import os
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import asm  # noqa: E402
import bench  # noqa: E402
import error_index  # noqa: E402
import links  # noqa: E402
import book  # noqa: E402
import publish  # noqa: E402
import rust  # noqa: E402
import skeptic_prep  # noqa: E402
import snippets  # noqa: E402
import soundness_index  # noqa: E402
import teaching  # noqa: E402
import exercises  # noqa: E402
from paths import BOOK, HARNESS, REPO  # noqa: E402

TWO_MUT = """fn main() {
    let mut n = 0;
    let a = &mut n;
    let b = &mut n;
    *a += 1;
    *b += 1;
}
"""


class Chapter:
    """A throwaway chapter file."""

    def __init__(self, text: str):
        HARNESS.mkdir(parents=True, exist_ok=True)
        self.dir = tempfile.TemporaryDirectory(dir=HARNESS, prefix="selftest-")
        self.path = Path(self.dir.name) / "chapter.md"
        self.path.write_text(text)

    def __enter__(self) -> Path:
        return self.path

    def __exit__(self, *exc) -> None:
        self.dir.cleanup()


def block(info: str, code: str) -> str:
    return f"```{info}\n{code}```\n"


class SnippetChecks(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        rust.write_externs()

    def verdict(self, text: str) -> snippets.Report:
        with Chapter(text) as path:
            return snippets.verify([path])

    def test_right_code_passes(self):
        report = self.verdict("Intro.\n\n" + block("rust,compile_fail,E0499", TWO_MUT))
        self.assertEqual(report.failures, [])
        self.assertEqual(report.compile_fail, 1)

    def test_wrong_code_fails_at_its_line(self):
        report = self.verdict("Intro.\n\n" + block("rust,compile_fail,E0502", TWO_MUT))
        self.assertEqual(len(report.failures), 1)
        self.assertIn("chapter.md:3: expected to fail with E0502 only, but rustc reports E0499", report.failures[0])

    def test_compile_fail_that_compiles_fails(self):
        report = self.verdict(block("rust,compile_fail,E0499", "fn main() {}\n"))
        self.assertIn("but it compiles", report.failures[0])

    def test_companion_imports_resolve_in_compile_fail(self):
        # Were the crates not passed exactly, this would fail with E0432 (unresolved import).
        code = "use companion::foundations::rc_list::RcList;\n" + TWO_MUT + "fn _unused(_: RcList<u8>) {}\n"
        report = self.verdict(block("rust,compile_fail,E0499,noplayground", code))
        self.assertEqual(report.failures, [])

    def test_crates_with_dependencies_of_their_own_resolve(self):
        # qcell needs once_cell, which only target/debug/deps holds (E0463 if not searched).
        code = "let owner = qcell::QCellOwner::new();\nlet cell = qcell::QCell::new(&owner, 5u8);\nassert_eq!(*owner.ro(&cell), 5);\n"
        report = self.verdict(block("rust,should_panic,noplayground", code + "panic!(\"reached\");\n"))
        self.assertEqual((report.failures, report.should_panic), ([], 1))

    def test_edited_output_is_caught(self):
        with Chapter(block("rust,compile_fail,E0499", TWO_MUT) + "\n" + block("text,rustc-output", "")) as path:
            snippets.bless([path])
            self.assertEqual(snippets.verify([path]).failures, [])
            self.assertIn("error[E0499]", path.read_text())
            path.write_text(path.read_text().replace("second mutable borrow occurs here", "second borrow here"))
            failures = snippets.verify([path]).failures
        self.assertEqual(len(failures), 1)
        self.assertIn("chapter.md:11: the compiler output shown here is not what rustc prints", failures[0])

    def test_bless_keeps_listing_includes_and_refuses_others(self):
        listing = block("rs", "{{#include ../../companion/examples/actors_ping_pong.rs}}\n")
        with Chapter(listing + "\n" + block("rust,compile_fail,E0499", TWO_MUT) + "\n" + block("text,rustc-output", "")) as path:
            snippets.bless([path])
            self.assertIn("error[E0499]", path.read_text())
            self.assertIn("{{#include ../../companion/examples/actors_ping_pong.rs}}", path.read_text())
        included = block("rust", "{{#include other.rs}}\n")
        with Chapter(included + "\n" + block("rust,compile_fail,E0499", TWO_MUT) + "\n" + block("text,rustc-output", "")) as path:
            with self.assertRaises(SystemExit):
                snippets.bless([path])

    def test_should_panic_that_does_not_compile_fails(self):
        report = self.verdict(block("rust,should_panic", "fn main() { let x: u8 = \"no\"; }\n"))
        self.assertIn("this should_panic snippet does not compile", report.failures[0])

    def test_should_panic_that_does_not_panic_fails(self):
        report = self.verdict(block("rust,should_panic", "fn main() {}\n"))
        self.assertIn("did not panic", report.failures[0])

    def test_should_panic_that_panics_passes(self):
        report = self.verdict(block("rust,should_panic", "let v: Vec<u8> = Vec::new();\nlet _ = v[1];\n"))
        self.assertEqual((report.failures, report.should_panic), ([], 1))


class Rules(unittest.TestCase):
    crates = book.re.compile(r"\b(companion|ghost_cell)\s*::")

    def problems(self, text: str) -> list[str]:
        with Chapter(text) as path:
            return book.lint_blocks(book.chapter_blocks(path), self.crates)

    def test_ignore_is_refused(self):
        self.assertIn("`ignore` is not allowed", self.problems(block("rust,ignore", "fn main() {}\n"))[0])

    def test_unknown_attribute_is_refused(self):
        self.assertIn("does not understand edition2021", self.problems(block("rust,edition2021", "fn main() {}\n"))[0])

    def test_compile_fail_needs_one_code(self):
        self.assertIn("exactly one error code", self.problems(block("rust,compile_fail", TWO_MUT))[0])

    def test_untagged_block_is_refused(self):
        self.assertIn("no language", self.problems(block("", "let x = 1;\n"))[0])

    def test_playground_rule(self):
        self.assertIn("mark it ```rust,noplayground", self.problems(block("rust", "use companion::ghost;\n"))[0])
        self.assertIn("remove noplayground", self.problems(block("rust,noplayground", "let x = 1;\n"))[0])

    def test_noplayground_goes_last(self):
        problems = self.problems(block("rust,noplayground,should_panic", "companion::ghost::GhostToken::new(|_| panic!());\n"))
        self.assertIn("put noplayground last", problems[0])

    def test_output_needs_compile_fail_before_it(self):
        text = block("rust", "fn main() {}\n") + block("text,rustc-output", "")
        self.assertIn("must come right after", self.problems(text)[0])

    def test_shown_output_needs_visible_main(self):
        text = block("rust,compile_fail,E0499", "# fn main() {\nlet mut n = 0;\n# }\n") + block("text,rustc-output", "")
        self.assertIn("needs a visible `fn main`", self.problems(text)[0])


class Includes(unittest.TestCase):
    SOURCE = "fn a() {}\n// ANCHOR: part\nfn b() {}\n    // ANCHOR: inner\nfn c() {}\n    // ANCHOR_END: inner\n// ANCHOR_END: part\nfn d() {}\n"

    def expand(self, arg: str) -> str:
        with Chapter("") as path:
            (path.parent / "code.rs").write_text(self.SOURCE)
            return book.expand_includes("{{#include " + arg + "}}", path)

    def test_an_anchor_takes_its_lines_without_anchor_lines_as_mdbook_does(self):
        self.assertEqual(self.expand("code.rs:part"), "fn b() {}\nfn c() {}")
        self.assertEqual(self.expand("code.rs:inner"), "fn c() {}")

    def test_a_whole_file_is_taken_as_it_is(self):
        self.assertEqual(self.expand("code.rs"), self.SOURCE.rstrip("\n"))

    def test_a_missing_anchor_and_a_line_range_are_refused(self):
        with self.assertRaisesRegex(book.BookError, "has no `ANCHOR: nowhere` line"):
            self.expand("code.rs:nowhere")
        with self.assertRaisesRegex(book.BookError, "mark the part with `ANCHOR: name`"):
            self.expand("code.rs:2:3")


class Listings(unittest.TestCase):
    """```rs listings: Rust shown with highlighting, compiled by another check."""

    def problems(self, text: str) -> list[str]:
        with Chapter(text) as path:
            example = REPO / "companion" / "examples" / "actors_ping_pong.rs"
            text = text.replace("EXAMPLE", os.path.relpath(example, path.parent))
            path.write_text(text)
            return book.lint_listings(path) + book.lint_blocks(book.chapter_blocks(path), None)

    def test_an_included_example_is_accepted_and_left_alone(self):
        self.assertEqual(self.problems(block("rs", "{{#include EXAMPLE}}\n")), [])
        self.assertEqual(self.problems(block("rs", "{{#include EXAMPLE:run}}\n")), [])
        with Chapter(block("rs", "fn main() { let x: u8 = \"not compiled\"; }\n")) as path:
            self.assertEqual(snippets.verify([path], everything=True).failures, [])

    def test_code_written_in_the_page_is_refused(self):
        found = self.problems(block("rs", "fn main() {}\n"))
        self.assertEqual(len(found), 1)
        self.assertIn("chapter.md:1: a ```rs listing is not compiled by the book's tests", found[0])

    def test_a_file_that_no_check_compiles_is_refused(self):
        with Chapter("") as path:
            (path.parent / "loose.rs").write_text("fn main() {}\n")
            path.write_text(block("rs", "{{#include loose.rs}}\n"))
            found = book.lint_listings(path)
        self.assertEqual(len(found), 1)
        self.assertIn("which is not in a folder whose Rust files another check compiles", found[0])

    def test_attributes_are_refused(self):
        self.assertIn("takes no attributes", self.problems(block("rs,no_run", "{{#include EXAMPLE}}\n"))[0])


class ProcessWords(unittest.TestCase):
    def words(self, text: str) -> list[str]:
        with Chapter(text) as path:
            return book.process_words(path)

    def test_project_issue_is_caught_at_its_line(self):
        found = self.words("# Measured\n\nThe figures.\nThis target comes from issue 4.\n")
        self.assertEqual(len(found), 1)
        self.assertIn(':4: "issue 4" names one of this project\'s own issues', found[0])

    def test_source_words_are_caught(self):
        found = self.words("The seed says so.\n\nThe fourth source text disagrees.\n")
        self.assertEqual([f.split(": ")[1].split('"')[1] for f in found], ["seed", "fourth source text"])

    def test_external_issue_needs_its_repository_or_a_link(self):
        self.assertIn('"issue #23" does not say whose issue it is', self.words("Fixed in issue #23.\n")[0])
        self.assertEqual(self.words("Fixed in `ghost-cell` issue #23.\n"), [])
        self.assertEqual(self.words("Fixed in [issue #23](https://github.com/matthieu-m/ghost-cell/issues/23).\n"), [])
        self.assertEqual(self.words("Fixed in [issue\n#23](../appendix/references.md#ghost-cell-23).\n"), [])

    def test_random_seeds_are_the_readers_word(self):
        self.assertEqual(self.words("Run Miri with several seeds, and `-Zmiri-seed=7`; a random seed too.\n"), [])

    def test_code_blocks_are_not_prose(self):
        self.assertEqual(self.words("```text\nnote: see issue #123392 for more information\n```\n"), [])


class CrateProcessWords(unittest.TestCase):
    """The same rule for what people who copy the crate read: Cargo.toml comments, rustdoc."""

    def words(self, name: str, text: str) -> list[str]:
        with Chapter("") as chapter:
            path = chapter.parent / name
            path.write_text(text)
            return book.crate_process_words([path])

    def test_cargo_toml_comment_is_caught_at_its_line(self):
        found = self.words("Cargo.toml", '[dependencies]\n# The runtime the list is shared across (seed 003 uses it).\nrayon = "1"\n')
        self.assertEqual(len(found), 1)
        self.assertIn('Cargo.toml:2: "seed" is the project\'s word for a source', found[0])

    def test_rustdoc_is_read_and_plain_comments_are_not(self):
        source = "//! Module docs.\n\n/// Built for issue 12.\nfn f() {}\n// seed 3: an implementation note\n//// seed: not rustdoc\n"
        found = self.words("lib.rs", source)
        self.assertEqual(len(found), 1)
        self.assertIn('lib.rs:3: "issue 12" names one of this project\'s own issues', found[0])

    def test_code_in_rustdoc_is_not_prose(self):
        self.assertEqual(self.words("lib.rs", "/// ```\n/// let seed = 3; // issue 4\n/// ```\nfn f() {}\n"), [])


class PagesWorkflow(unittest.TestCase):
    def problems(self, steps: str) -> list[str]:
        with Chapter("") as chapter:
            readme = chapter.parent / "README.md"
            readme.write_text("```console\n$ ci/test    # every check\n```\n\n`ci/serve --build-only` builds the book.\n")
            workflow = chapter.parent / "pages.yml"
            workflow.write_text("jobs:\n  publish:\n    steps:\n      - uses: actions/checkout@v4\n" + steps)
            return publish.problems([workflow], readme)

    def test_the_readme_commands_pass(self):
        self.assertEqual(self.problems("      - run: ci/test\n      - run: ci/serve --build-only\n"), [])

    def test_a_command_that_is_not_in_ci_is_caught_at_its_line(self):
        found = self.problems("      - run: ci/test\n      - run: ci/publish-book\n")
        self.assertEqual(len(found), 1)
        self.assertIn("pages.yml:6: `ci/publish-book` is not a command of ci/", found[0])

    def test_undocumented_arguments_and_shell_lines_are_caught(self):
        found = self.problems("      - run: ci/serve --port 8000\n      - run: cargo build && ci/test\n")
        self.assertIn("`ci/serve --port 8000` is not in README.md", found[0])
        self.assertIn("is not one plain command", found[1])


class DesignBounds(unittest.TestCase):
    MEASURED = "# Measured\n\n<!-- ci/bench cells: begin -->\n<!-- ci/bench cells: end -->\n\n"

    def found(self, text: str) -> list[str]:
        with Chapter(text) as path:
            return book.design_bound_words(path)

    def test_bounds_and_verdicts_are_caught_on_a_measured_page(self):
        found = self.found(self.MEASURED + "Both targets are met: at most 0.75x.\n\n| bound | met |\n|---|---|\n\nA stretch: criterion with `default settings`.\n")
        self.assertEqual([f.split('"')[1] for f in found], ["targets", "are met", "at most 0.75x", "| met |", "stretch", "default settings"])
        self.assertIn("chapter.md:6: \"targets\" is one of our design bounds, its verdict, or a run setting", found[0])
        self.assertIn("Say instead what the table compares and the mechanism behind the figure", found[0])

    def test_the_readers_words_pass(self):
        text = "On 64-bit targets, with `--target x86_64` and `target_os`, a stretch of code the reader met before costs at most one load.\n"
        self.assertEqual(self.found(self.MEASURED + text), [])

    def test_other_pages_may_say_target(self):
        self.assertEqual(self.found("# Lifetimes\n\nThe target of the reference is met at most 2 times.\n"), [])


class BuildWarnings(unittest.TestCase):
    def test_both_kinds_of_warning_are_caught(self):
        log = (
            " INFO Book building has started\n"
            "Warning: The mdbook-mermaid preprocessor was built against version 0.5.0 of mdbook, "
            "but we're being called from version 0.5.4\n"
            " INFO Running the html backend\n"
            " WARN unclosed HTML tag `<t>` found in `appendix/error-codes.md` while exiting Link\n"
            " INFO HTML book written to `target/book`\n"
        )
        found = book.build_warnings(log)
        self.assertEqual(len(found), 2)
        self.assertTrue(found[0].startswith("Warning: The mdbook-mermaid"))
        self.assertTrue(found[1].startswith("WARN unclosed HTML tag"))

    def test_error_index_escapes_tags_outside_code(self):
        self.assertEqual(error_index.escape_html("Variance: Cell<T> and `Cell<T>`"), "Variance: Cell&lt;T&gt; and `Cell<T>`")

    def test_a_clean_build_has_none(self):
        self.assertEqual(book.build_warnings(" INFO Book building has started\n INFO HTML book written\n"), [])


class SkepticPrep(unittest.TestCase):
    def test_blocks_are_rewritten_for_skeptic(self):
        with tempfile.TemporaryDirectory(dir=HARNESS) as out:
            files = skeptic_prep.prepare(Path(out))
            self.assertTrue(files)
            for prepared in files:
                text = prepared.read_text()
                # No compile_fail block is left for skeptic (prose may still name the attribute).
                self.assertNotRegex(text, r"(?m)^\s*(`{3,}|~{3,})\s*rust\S*compile_fail")
                self.assertNotIn("{{#include", text)
                if "skt-main" in text:
                    self.assertTrue(Path(str(prepared) + ".skt.md").exists())

    def test_wrapping_keeps_crate_attributes_outside(self):
        program = book.wrap_in_main("#![allow(dead_code)]\nlet x = 1;\n")
        self.assertTrue(program.startswith("#![allow(dead_code)]\nfn main() {\n"))


class Asm(unittest.TestCase):
    def test_label_numbers_do_not_count_but_registers_do(self):
        first = asm.instructions([".cfi_startproc", "\ttestq\t%rsi, %rsi", "\tje\t.LBB3_7", ".LBB3_7:", "\tretq  # done"])
        second = asm.instructions(["\ttestq\t%rsi, %rsi", "\tje\t.LBB0_7", "\t.p2align\t4", ".LBB0_7:", "\tretq"])
        self.assertEqual(first, second)
        self.assertNotEqual(first, asm.instructions(["\ttestq\t%rdx, %rdx", "\tje\t.LBB0_7", ".LBB0_7:", "\tretq"]))

    def test_the_probe_pairs_are_identical(self):
        rust.write_externs()
        pairs = asm.pairs()
        self.assertTrue(pairs)
        self.assertTrue(all(p.same and p.plain for p in pairs))


class SoundnessCatalogue(unittest.TestCase):
    def test_code_is_read_from_the_first_error(self):
        case = soundness_index.Case("ghost", "x", "a claim.", "fn main() {}", "error[E0502]: cannot borrow\nerror[E0499]: twice")
        self.assertEqual(case.code, "E0502")
        uncoded = soundness_index.Case("ghost", "y", "a claim.", "fn main() {}", "error: lifetime may not live long enough")
        self.assertEqual(uncoded.code, "no code: lifetime may not live long enough")


class HolesSection(unittest.TestCase):
    GOOD = soundness_index.HOLES_HEADING + "\n\nIntro.\n\n### A hole\n\nWhat it was.\n<!-- a note for authors -->\n"

    def test_author_notes_are_dropped_and_the_rest_is_kept(self):
        section, problems = soundness_index.holes_section(self.GOOD)
        self.assertEqual(problems, [])
        self.assertEqual(section, soundness_index.HOLES_HEADING + "\n\nIntro.\n\n### A hole\n\nWhat it was.\n")

    def test_a_file_without_the_heading_or_entries_is_refused(self):
        _, problems = soundness_index.holes_section("## Another title\n\nNo entries.\n")
        self.assertEqual(len(problems), 2, problems)
        _, problems = soundness_index.holes_section(self.GOOD + "\n## A second section\n")
        self.assertIn("only the first heading", problems[0])


class Bench(unittest.TestCase):
    RESULTS = {
        "date": "2026-01-01", "machine": "test machine", "rustc": "rustc 1.95.0", "criterion_args": "",
        "groups": {"stack_token/read": {k: {"ns": ns, "elements": 1} for k, ns in
                   {"tls_cell": 0.5, "tls_refcell": 0.8, "companion_sticky": 0.9, "fragile_sticky": 12.0, "companion_fresh_token": 1.1}.items()}},
    }

    def test_table_states_ratios_and_the_console_states_bounds(self):
        table = bench.render("stack_token", self.RESULTS)
        self.assertIn("| `companion::stack_token::Sticky::get` | 0.9 | 1.80 |", table)
        # The book's table shows no bound and no verdict; the console shows both.
        self.assertNotIn("met", table)
        self.assertNotIn("at most", table)
        self.assertNotIn("default settings", table)
        report = bench.bounds("stack_token", self.RESULTS)
        self.assertEqual(len(report), 2)
        self.assertTrue(report[0].endswith("companion_sticky / fragile_sticky <= 0.1: measured 0.07: met"), report[0])
        self.assertTrue(report[1].endswith("companion_sticky / tls_cell <= 1.2: measured 1.80: NOT MET"), report[1])

    def test_a_shortened_run_names_its_settings(self):
        quick = dict(self.RESULTS, criterion_args="--warm-up-time 1 --measurement-time 3")
        self.assertIn("criterion with `--warm-up-time 1 --measurement-time 3`", bench.render("stack_token", quick))

    def test_rendered_pages_pass_the_design_bound_rule(self):
        with Chapter(bench.expected_page("arena", "# M\n\n<!-- ci/bench arena: begin -->\n<!-- ci/bench arena: end -->\n", self.arena_results())) as path:
            self.assertTrue(book.is_measured_page(path))
            self.assertEqual(book.design_bound_words(path), [])

    def arena_results(self) -> dict:
        spec = bench.SPECS["arena"]
        ids = set(spec.labels) | {i for s in spec.speedup for i in s[2:]}
        groups = {g: {k: {"ns": 1.0, "elements": 1} for k in ids} for g in [*spec.groups, *{s[0] for s in spec.speedup}]}
        return dict(self.RESULTS, groups=groups)

    def test_edited_table_is_caught(self):
        page = "x\n<!-- ci/bench stack_token: begin -->\n<!-- ci/bench stack_token: end -->\n"
        good = bench.expected_page("stack_token", page, self.RESULTS)
        self.assertEqual(bench.expected_page("stack_token", good, self.RESULTS), good)
        edited = good.replace("0.9 |", "0.4 |")
        self.assertNotEqual(bench.expected_page("stack_token", edited, self.RESULTS), edited)


    def test_tables_split_columns_and_keep_only_their_rows(self):
        # The actors spec draws five tables; a row appears only in the table of a group that measures it.
        rows = dict(bench.SPECS["actors"].group_rows)
        results = dict(self.RESULTS, groups={g: {k: {"ns": 2.0 if k == "ours" else 1.0, "elements": 1} for k in ids} for g, ids in rows.items()})
        table = bench.render("actors", results)
        tables = [block for block in table.split("\n\n") if block.startswith("| |")]
        self.assertEqual(len(tables), 5)
        self.assertIn("`queue::InlineQueue` alone", tables[0])
        self.assertNotIn("`queue::InlineQueue` alone", tables[1])
        self.assertNotIn("plain `&mut u64`", tables[0])
        self.assertIn("| `companion::actors` | 2 | 2.00 | 2 | 2.00 |", tables[1])

    def test_a_group_shown_elsewhere_leaves_the_main_page(self):
        # The async_cells spec shows its server group on the server chapter, not on its own page.
        spec = bench.SPECS["async_cells"]
        groups = {g: {k: {"ns": 2.0 if k == "branded_server" else 1.0, "elements": 1} for k in ids} for g, ids in spec.group_rows}
        results = dict(self.RESULTS, groups=groups)
        [(part, page, shown)] = spec.elsewhere
        self.assertNotIn("the branded server", bench.render("async_cells", results))
        server = bench.render("async_cells", results, part=part)
        self.assertIn("the branded server", server)
        self.assertIn("| 2 | 2.00 |", server)
        self.assertNotIn("`LocalPool`", server)
        marked = f"x\n<!-- ci/bench async_cells-{part}: begin -->\n<!-- ci/bench async_cells-{part}: end -->\n"
        self.assertIn("the branded server", bench.expected_page("async_cells", marked, results, part))
        # Until a run stores the group, its place stays empty.
        without = dict(results, groups={g: rows for g, rows in groups.items() if g not in shown})
        self.assertEqual(bench.render("async_cells", without, part=part), "")
        self.assertEqual(bench.expected_page("async_cells", marked, without, part), marked.replace("begin -->\n", "begin -->\n\n"))

    def test_groups_the_stored_run_lacks_are_left_out_until_the_next_run(self):
        rows = dict(bench.SPECS["actors"].group_rows)
        older = {g: {k: {"ns": 1.0, "elements": 1} for k in ids} for g, ids in rows.items() if g != "actors/cross_thread"}
        table = bench.render("actors", dict(self.RESULTS, groups=older))
        self.assertEqual(len([block for block in table.split("\n\n") if block.startswith("| |")]), 4)
        self.assertNotIn("every core", table)
        # The bounds of the five groups it has (batch, chain, create, max and min timers), no more.
        self.assertEqual(len(bench.bounds("actors", dict(self.RESULTS, groups=older))), 5)
        # A run that stored one crossing rate of the every-core group shows that row alone.
        newer = dict(older, **{"actors/every_core": {"one_thread_1_in_64": {"ns": 2.0, "elements": 1}, "two_threads_1_in_64": {"ns": 1.0, "elements": 1}}})
        table = bench.render("actors", dict(self.RESULTS, groups=newer))
        self.assertIn("| every core | 1 thread", table)
        self.assertIn("one hop in 64 crossing threads on average | 2 | 1 | 2.00x", table)
        self.assertNotIn("in 1,024", table)
        self.assertEqual(len(bench.bounds("actors", dict(self.RESULTS, groups=newer))), 5)

    def with_intervals(self) -> dict:
        groups = {g: {k: dict(row, ns_low=row["ns"] * 0.9, ns_high=row["ns"] * 1.1, confidence=0.95) for k, row in rows.items()}
                  for g, rows in self.RESULTS["groups"].items()}
        return dict(self.RESULTS, groups=groups)

    def test_interval_is_shown_when_stored(self):
        table = bench.render("stack_token", self.with_intervals())
        self.assertIn("95% confidence interval", table)
        self.assertIn("| `companion::stack_token::Sticky::get` | 0.9 (0.81–0.99) | 1.80 |", table)
        self.assertIn("carry no confidence intervals", bench.render("stack_token", self.RESULTS))

    @staticmethod
    def write_estimates(root: Path, group: str, function: str, elements: int) -> Path:
        """The two files criterion 0.5 writes per benchmark, trimmed to the fields read;
        returns the estimates file."""
        new = root / group.replace("/", "_") / function / "new"
        new.mkdir(parents=True)
        (new / "benchmark.json").write_text(
            f'{{"group_id": "{group}", "function_id": "{function}", "throughput": {{"Elements": {elements}}}}}')
        (new / "estimates.json").write_text(
            '{"mean": {"confidence_interval": {"confidence_level": 0.95, "lower_bound": 270.0, "upper_bound": 290.0},'
            ' "point_estimate": 280.0, "standard_error": 5.0}}')
        return new / "estimates.json"

    def collected(self, root: Path, name: str, since: float) -> dict:
        saved, bench.CRITERION = bench.CRITERION, root
        try:
            return bench.collect(name, since)
        finally:
            bench.CRITERION = saved

    def test_interval_is_read_from_criterion(self):
        with tempfile.TemporaryDirectory() as tmp:
            self.write_estimates(Path(tmp), "stack_token/read", "tls_cell", 1000)
            row = self.collected(Path(tmp), "stack_token", 0)["stack_token/read"]["tls_cell"]
        self.assertEqual(row, {"ns": 280.0, "ns_low": 270.0, "ns_high": 290.0, "confidence": 0.95, "elements": 1000})
        self.assertEqual(bench.per_element(row), "0.28 (0.27–0.29)")

    def test_only_the_estimates_of_this_run_are_collected(self):
        # criterion's folder keeps the estimates of an id the benchmark no longer has.
        with tempfile.TemporaryDirectory() as tmp:
            kept = self.write_estimates(Path(tmp), "stack_token/read", "tls_cell", 1000)
            stale = self.write_estimates(Path(tmp), "stack_token/read", "renamed_since", 1000)
            an_hour_earlier = os.path.getmtime(kept) - 3600
            os.utime(stale, (an_hour_earlier, an_hour_earlier))
            groups = self.collected(Path(tmp), "stack_token", os.path.getmtime(kept))
        self.assertEqual(list(groups["stack_token/read"]), ["tls_cell"])

    def test_results_without_a_spec_are_still_shown(self):
        table = bench.render_unknown("new_part", self.with_intervals())
        self.assertIn("| `stack_token/read` | `fragile_sticky` | 12 (10.8–13.2) |", table)


class Links(unittest.TestCase):
    def test_missing_file_and_missing_anchor_are_caught(self):
        with tempfile.TemporaryDirectory(dir=HARNESS) as out:
            root = Path(out)
            (root / "sub").mkdir()
            (root / "a.html").write_text('<h2 id="here">x</h2><a href="sub/b.html#there">ok</a><a href="#here">ok</a><a href="https://example.org/">out</a>')
            (root / "sub" / "b.html").write_text('<p id="there"></p><a href="../a.html#gone">bad</a><img src="missing.svg">')
            checked, broken = links.check(root)
            self.assertEqual(checked, 4)
            self.assertEqual(len(broken), 2)
            self.assertIn("has no anchor #gone", broken[0])
            self.assertIn("no file sub/missing.svg", broken[1])

    def test_rustdoc_fragments_resolve_as_in_a_browser(self):
        with tempfile.TemporaryDirectory(dir=HARNESS) as out:
            root = Path(out)
            (root / "src.html").write_text('<a href=#1 id=1>1</a><a href=#2 id=2>2</a><a href=#3 id=3>3</a>')
            (root / "item.html").write_text(
                '<h3 id="impl-From%3CT%3E-for-T"></h3><a href="#impl-From%3CT%3E-for-T">raw</a>'
                '<a href="src.html#1-3">lines</a><a href="src.html#2-9">past the end</a>'
                '<a href="futures_core::future::TryFuture">a dependency\'s item rustdoc could not place</a>'
            )
            checked, broken = links.check(root)
            self.assertEqual(checked, 6)
            self.assertEqual(len(broken), 1)
            self.assertIn("src.html has no anchor #2-9", broken[0])


class InstructorGuide(unittest.TestCase):
    """The guide's timings follow its formula, and every exercise is in the guide."""

    def timings(self, text: str) -> list[str]:
        known = {e.name: teaching.exercise_estimate(e) for e in exercises.all_exercises()}
        with Chapter(text) as path:
            return teaching.check_timings(path, {}, known)

    def test_a_page_listed_at_the_wrong_time_is_caught_with_the_number_to_write(self):
        right = teaching.page_estimate(BOOK / "foundations" / "variance.md")
        wrong = right.minutes + 5
        found = self.timings(f"Read [Variance](../foundations/variance.md) ({wrong}).\n")
        self.assertEqual(len(found), 1, found)
        self.assertIn(f"chapter.md:1: foundations/variance.md is listed at {wrong} min; the guide's formula gives {right.minutes}", found[0])
        self.assertIn(f"write ({right.minutes})", found[0])
        self.assertEqual(self.timings(f"Read [Variance](../foundations/variance.md) ({right.minutes}).\n"), [])
        self.assertEqual(self.timings(f"Read [Variance](../foundations/variance.md) ({right.alone} alone).\n"), [])

    def test_an_exercise_at_the_wrong_time_is_caught_in_prose_and_tables(self):
        minutes = teaching.exercise_estimate(exercises.find("no-clone")).minutes
        found = self.timings(f"Then `no-clone` ({minutes + 5}).\n\n| exercise | suits |\n|---|---|\n| `no-clone` | class, {minutes + 10} min |\n")
        self.assertEqual(len(found), 2, found)
        self.assertIn(f"the exercise no-clone is listed at {minutes + 5} min", found[0])
        self.assertIn(f"chapter.md:5: the exercise no-clone is listed at {minutes + 10} min", found[1])

    def test_totals_splits_and_days_must_add_up(self):
        minutes = teaching.exercise_estimate(exercises.find("no-clone")).minutes
        text = (
            "### Day 1\n\n"
            f"**Session 1: one (60 min).** A talk (30), then `no-clone` ({minutes}).\n\n"
            f"Split: lecture 20, live demo 5, exercise {minutes}.\n\n"
            "**Wrap-up and assessment (30 min).** Wrap-up (10), assessment (20).\n\n"
            "Day total: 100 min.\n\n"
            "| week | pages | total |\n|---|---|---|\n| 1 | a talk (30), a lab (20) | 40 min |\n"
        )
        found = self.timings(text)
        self.assertEqual(len(found), 4, found)
        self.assertIn(f"the session is stated at 60 min, but what it lists adds up to {30 + minutes} min", found[0])
        self.assertIn("make lecture plus live demo 30", found[1])
        self.assertIn(f"the day's total is 100 min, but its sessions add up to {60 + 30} min", found[2])
        self.assertIn("chapter.md:13: the row's total must be the sum of the minutes to its left: write 50 min", found[3])

    def test_the_estimate_formulas(self):
        with Chapter("") as path:
            folder = path.parent
            (folder / "starter.rs").write_text("// read me\nfn f() -> u8 {\n\n    1\n}\n")
            (folder / "solution.rs").write_text("// read me, solved\nfn f() -> u8 {\n    2\n}\n")
            estimate = teaching.exercise_estimate(exercises.Exercise(folder, "t", "c", "h", "tests"))
        # 4 non-blank starter lines; `1` out and `2` in; 10 + 4/3 + 2 = 13.3, nearest 5: 15.
        self.assertEqual((estimate.starter_lines, estimate.changed_lines, estimate.minutes), (4, 2, 15))
        self.assertEqual(teaching.PageEstimate(1000, 40).minutes, 15)
        self.assertEqual(teaching.PageEstimate(1000, 40).alone, 10)

    def test_a_design_exercise_timing_is_worked_from_its_counts(self):
        known = {"no-clone": teaching.exercise_estimate(exercises.find("no-clone"))}
        estimate = known["no-clone"]
        raw = 10 + estimate.starter_lines / 3 + estimate.changed_lines
        whole = int(raw + 0.5)
        worked = f"{whole}" if raw == whole else f"about {whole}"
        section = (
            "## The design exercise: `no-clone`\n\n- **Timing:** {0} minutes by the rule: 10 to start, plus {1} lines of\n"
            "  starter read at three a minute, plus {2} lines changed by the solution,\n  which makes {3}, rounded to the nearest 5.\n"
        )
        right = section.format(estimate.minutes, estimate.starter_lines, estimate.changed_lines, worked)
        wrong = section.format(estimate.minutes + 5, estimate.starter_lines, estimate.changed_lines, "5e+01")
        with Chapter(right) as path:
            self.assertEqual(teaching.check_design_timings(path, known), [])
        with Chapter(wrong) as path:
            found = teaching.check_design_timings(path, known)
        self.assertEqual(len(found), 1, found)
        self.assertIn(f"chapter.md:3: the timing of no-clone must be worked out from {estimate}", found[0])
        self.assertIn(f'"which makes {worked}"', found[0])

    def test_an_exercise_missing_from_the_guide_is_named_with_the_place_to_add_it(self):
        with tempfile.TemporaryDirectory(dir=HARNESS) as out:
            guide = Path(out)
            (guide / "index.md").write_text("| exercise | part |\n|---|---|\n| `kept` | I |\n| `gone` | I |\n")
            (guide / "foundations.md").write_text("| exercise | suits |\n|---|---|\n| `kept` | class |\n")
            (guide / "running-exercises.md").write_text("| exercise | look for |\n|---|---|\n| `kept` | x |\n")
            found = teaching.check_coverage({"kept": "foundations", "new-one": "foundations"}, guide)
        self.assertEqual(len(found), 4, found)
        self.assertIn("index.md: the exercise new-one (companion/exercises/foundations/) is missing from the table of estimates", found[0])
        self.assertIn("foundations.md: the exercise new-one is missing", found[1])
        self.assertIn("running-exercises.md: the exercise new-one is missing", found[2])
        self.assertIn("index.md: a table row names the exercise gone, which companion/exercises/ does not have", found[3])

    def test_the_guide_itself_is_clean(self):
        self.assertEqual(teaching.problems(), [])


class ExerciseList(unittest.TestCase):
    def test_every_exercise_once_in_book_order_by_part(self):
        found = exercises.all_exercises()
        groups = exercises.in_book_order(found)
        self.assertEqual(sorted(e.name for _, group in groups for e in group), sorted(e.name for e in found))
        self.assertTrue(groups[0][0].startswith("Part I:"), groups[0][0])
        parts = [part for part, _ in groups]
        self.assertEqual(parts, sorted(parts, key=lambda p: ["I", "II", "III", "IV", "V", "VI"].index(p.split()[1].rstrip(":"))))


if __name__ == "__main__":
    unittest.main()
