"""Every code block of the documentation runs, and the output a page shows is the output it gets.

Pages: README.md, docs/*.md and docs/studies/*.md. Per page, the ```python blocks run in order in one
namespace from the repository root (so a page is a script a reader can paste). A block written as a doctest
(``>>>`` lines) is checked as a doctest; a ```text block that directly follows a python block must equal what
that block printed. A ```yaml block marked ``<!-- check: study -->`` must load as a valid study. A block that is
deliberately not runnable is marked ``<!-- skip: reason -->`` on the line before it; those blocks are listed
as skipped tests with their reasons. With mkdocs installed (the ``docs`` extra), the site is built with
``mkdocs build --strict``.
"""

from __future__ import annotations

import contextlib
import doctest
import io
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import mcda

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), *sorted((ROOT / "docs" / "studies").glob("*.md"))]
FENCE = re.compile(r"^(?P<indent>[ \t]*)```(?P<lang>[\w+-]*)[^\n]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$", re.M | re.S)
MARK = re.compile(r"<!--\s*(?P<kind>skip|check)\s*:\s*(?P<arg>.*?)\s*-->\s*$")


@dataclass(frozen=True)
class Block:
    page: Path
    line: int
    lang: str
    body: str
    mark: tuple[str, str] | None  # ("skip", reason) or ("check", what)
    next_lang: str | None  # language of the block that directly follows (only blank lines between)
    next_body: str | None

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def blocks(page: Path) -> list[Block]:
    text = page.read_text(encoding="utf-8")
    found = list(FENCE.finditer(text))
    out = []
    for k, m in enumerate(found):
        before = text[: m.start()].rstrip("\n").rsplit("\n", 1)[-1]
        mark = MARK.search(before)
        nxt = found[k + 1] if k + 1 < len(found) else None
        adjacent = nxt is not None and text[m.end() : nxt.start()].strip() == ""
        out.append(Block(page, text.count("\n", 0, m.start()) + 1, m["lang"], m["body"],
                         (mark["kind"], mark["arg"]) if mark else None,
                         nxt["lang"] if adjacent and nxt else None, nxt["body"] if adjacent and nxt else None))
    return out


ALL = [b for p in PAGES for b in blocks(p)]
SKIPPED = [b for b in ALL if b.mark and b.mark[0] == "skip"]
RUN_PAGES = [p for p in PAGES if any(b.lang == "python" and not b.mark for b in blocks(p))]
STUDIES = [b for b in ALL if b.mark == ("check", "study")]


def _clean(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines())


def run_block(block: Block, namespace: dict[str, object]) -> None:
    if ">>>" in block.body:
        test = doctest.DocTestParser().get_doctest(block.body, namespace, block.where, str(block.page), block.line)
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        report = io.StringIO()
        runner.run(test, out=report.write, clear_globs=False)
        assert runner.failures == 0, f"{block.where}: doctest failed\n{report.getvalue()}"
        return
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        try:
            exec(compile(block.body, block.where, "exec"), namespace)
        except Exception as err:
            raise AssertionError(f"{block.where}: the block raised {type(err).__name__}: {err}") from err
    if block.next_lang == "text" and block.next_body is not None:
        assert _clean(printed.getvalue()) == _clean(block.next_body), (
            f"{block.where}: the page shows\n{block.next_body}\nbut the block printed\n{printed.getvalue()}")


@pytest.mark.parametrize("page", RUN_PAGES, ids=[str(p.relative_to(ROOT)) for p in RUN_PAGES])
def test_page_code_runs(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    pytest.importorskip("matplotlib").use("Agg")
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for block in blocks(page):
        if block.lang == "python" and not block.mark:
            run_block(block, namespace)


@pytest.mark.parametrize("block", SKIPPED, ids=[b.where for b in SKIPPED])
def test_skipped_block_says_why(block: Block) -> None:
    reason = block.mark[1] if block.mark else ""
    assert len(reason) >= 10, f"{block.where}: a skipped block needs a reason"
    pytest.skip(f"{block.where} is not run: {reason}")


@pytest.mark.parametrize("block", STUDIES, ids=[b.where for b in STUDIES])
def test_study_example_validates(block: Block) -> None:
    study = mcda.loads_study(block.body, file=block.where)
    assert len(study.model.alternatives) >= 2


def test_marks_are_known_and_python_blocks_are_accounted_for() -> None:
    for block in ALL:
        if block.mark and block.mark[0] == "check":
            assert block.mark[1] == "study", f"{block.where}: unknown check {block.mark[1]!r}"
    assert STUDIES, "the study format page shows an example that is checked"
    assert RUN_PAGES, "some page has runnable code"


def test_mkdocs_build_strict(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs", reason="mkdocs is not installed (the test and docs extras install it)")
    pytest.importorskip("material", reason="the docs extra is not installed")
    pytest.importorskip("mkdocstrings", reason="mkdocstrings is not installed (the test and docs extras install it)")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    out = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
                         capture_output=True, text=True, cwd=str(ROOT), env=env, timeout=900, check=False)
    assert out.returncode == 0, out.stderr[-5000:]
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "site" / "reference" / "study_schema" / "index.html").is_file()


COMMAND_LINES = [(b, line) for b in ALL if b.lang == "bash" and not b.mark
                 for line in (re.split(r"\s[>|]", raw.split("#", 1)[0])[0].strip() for raw in b.body.splitlines())
                 if line.startswith("mcda ")]


@pytest.mark.parametrize("block,line", COMMAND_LINES, ids=[f"{b.where}:{line}" for b, line in COMMAND_LINES])
def test_documented_command_lines_parse(block: Block, line: str) -> None:
    """Every ``mcda ...`` line of a bash block names a real subcommand with real options (parsed, not run)."""
    import shlex

    from mcda import cli

    try:
        cli._parser().parse_args(shlex.split(line)[1:])
    except SystemExit as stop:
        raise AssertionError(f"{block.where}: `{line}` does not parse (exit {stop.code})") from None


def test_cli_page_covers_every_subcommand() -> None:
    from mcda import cli

    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    parser = cli._parser()
    names = [name for action in (parser._subparsers._group_actions if parser._subparsers else [])
             for name in getattr(action, "choices", {})]
    assert names
    for name in names:
        assert f"| `{name}` |" in page, f"docs/cli.md does not describe `mcda {name}`"
    for code in ("0", "1", "2", "3", "130", "141"):
        assert f"| {code} |" in page, f"docs/cli.md does not list exit code {code}"
