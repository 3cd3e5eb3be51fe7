"""The example scripts run as users run them (the README demo among them), in this process."""

from __future__ import annotations

import contextlib
import io
import os
import runpy
import sys
from pathlib import Path

import pytest

from _support.cli import Result

ROOT = Path(__file__).resolve().parents[1]
SEED_DEMO = ROOT / "examples" / "hunyuan_vs_stepfun.py"
EXAMPLES = [p for p in sorted((ROOT / "examples").glob("*.py")) if p != SEED_DEMO]


def run_example(path: Path) -> Result:
    """Run an example script in this process, as ``python examples/NAME.py`` from the repository root."""
    out, err = io.StringIO(), io.StringIO()
    code = 0
    cwd, argv = os.getcwd(), sys.argv
    try:
        os.chdir(ROOT)
        sys.argv = [str(path)]
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            runpy.run_path(str(path), run_name="__main__")
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        os.chdir(cwd)
        sys.argv = argv
    return Result(code, out.getvalue(), err.getvalue())


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_runs(path: Path) -> None:
    out = run_example(path)
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr


def test_readme_demo_is_the_seed_study_example() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```")[1]
    assert "python examples/hunyuan_vs_stepfun.py" in first_block
    assert "python -m pytest" in first_block
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_cmd = next(line for line in first_block.splitlines() if "pytest" in line).strip()
    assert test_cmd in ci


def test_seed_demo_reports_verdicts_and_exact_flip() -> None:
    out = run_example(SEED_DEMO)
    assert out.returncode == 0, out.stderr
    assert "The article's conclusions, checked" in out.stdout
    assert "(exact) the leader changes from tencent to stepfun" in out.stdout
