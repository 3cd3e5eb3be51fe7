"""The example scripts run as users run them (the README demo among them)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED_DEMO = ROOT / "examples" / "hunyuan_vs_stepfun.py"
EXAMPLES = [p for p in sorted((ROOT / "examples").glob("*.py")) if p != SEED_DEMO]


def run_example(path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=300,
                          check=False, cwd=str(ROOT), env=env)


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
