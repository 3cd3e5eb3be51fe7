"""The command line: in-process through ``mcda.cli.main`` (tests/_support/cli.py), and two real
processes proving that ``python -m mcda`` and the ``mcda`` console script work."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from _support.cli import run


def test_validate_ok(laptops_path: Path) -> None:
    out = run("validate", laptops_path)
    assert out.returncode == 0, out.stderr
    assert "OK - 3 alternatives, 4 leaf criteria, 12 evidence items" in out.stdout


def test_validate_reports_every_problem_with_exit_2(tmp_path: Path, laptops_text: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(laptops_text.replace("value: excellent", "value: superb").replace(
        "sources: [review], confidence: 0.9}", "sources: [reviw], confidence: 0.9}"), encoding="utf-8")
    out = run("validate", bad)
    assert out.returncode == 2
    assert "bad.yaml:" in out.stderr and "2 problems found" in out.stderr  # 'reviw' twice is one problem
    assert "'superb' is not a level" in out.stderr and "unknown source 'reviw'" in out.stderr
    assert "Traceback" not in out.stderr


def test_run_formats(laptops_path: Path) -> None:
    out = run("run", laptops_path, "--profile", "balanced", "--method", "wsm")
    assert out.returncode == 0, out.stderr
    assert "alpha" in out.stdout and "score" in out.stdout
    out = run("run", laptops_path, "--format", "json", "--scope", "perf")
    rows = json.loads(out.stdout)
    assert {r["profile"] for r in rows} == {"balanced", "power_user"}
    assert all(r["scope"] == "perf" for r in rows) and len(rows) == 6
    out = run("run", laptops_path, "--format", "csv", "--profile", "power_user")
    header = out.stdout.splitlines()[0]
    assert header == "profile,method,scope,alternative,score,rank,near_tie"


def test_run_unknown_profile_exit_2(laptops_path: Path) -> None:
    out = run("run", laptops_path, "--profile", "nope")
    assert out.returncode == 2 and "unknown profile 'nope'" in out.stderr


def test_verdicts_exit_codes(tmp_path: Path, laptops_path: Path, laptops_text: str) -> None:
    out = run("verdicts", laptops_path, "--format", "json")
    assert out.returncode == 0, out.stderr
    assert {r["id"] for r in json.loads(out.stdout)} == {"v.power", "v.cheap"}
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(laptops_text.replace("leader: gamma", "leader: beta"), encoding="utf-8")
    out = run("verdicts", wrong)
    assert out.returncode == 1 and "v.power" in out.stderr


def test_console_script_entry_point_declared() -> None:
    text = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text()
    assert 'mcda = "mcda.cli:main"' in text


def test_output_file_is_written_atomically(tmp_path: Path, laptops_path: Path, laptops_text: str) -> None:
    target = tmp_path / "scores.csv"
    out = run("run", laptops_path, "--format", "csv", "--output", target)
    assert out.returncode == 0, out.stderr
    assert target.read_text().startswith("profile,method,scope,alternative")
    bad = tmp_path / "bad.yaml"
    bad.write_text(laptops_text.replace("value: excellent", "value: superb"), encoding="utf-8")
    target2 = tmp_path / "never.csv"
    out = run("run", bad, "--format", "csv", "--output", target2)
    assert out.returncode == 2 and not target2.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]


def test_written_files_get_the_usual_permissions(tmp_path: Path) -> None:
    """A new file gets 0666 less the umask (not the 0600 of a temporary file); an existing one keeps its mode."""
    import os
    import stat

    from mcda.io import atomic_write

    mask = os.umask(0o022)
    try:
        new = tmp_path / "new.txt"
        atomic_write(new, "x")
        assert stat.S_IMODE(new.stat().st_mode) == 0o644
        old = tmp_path / "old.txt"
        old.write_text("y")
        old.chmod(0o640)
        atomic_write(old, b"z")
        assert stat.S_IMODE(old.stat().st_mode) == 0o640 and old.read_bytes() == b"z"
    finally:
        os.umask(mask)
    with pytest.raises(OSError) as info:
        atomic_write(tmp_path / "no" / "dir.txt", "x")
    assert info.value.filename == str(tmp_path / "no" / "dir.txt")


def test_run_method_options(laptops_path: Path) -> None:
    a = run("run", laptops_path, "--profile", "balanced", "--format", "json")
    b = run("run", laptops_path, "--profile", "balanced", "--format", "json", "--option", "normalization=minmax")
    assert a.returncode == 0 and b.returncode == 0, b.stderr
    assert json.loads(a.stdout) != json.loads(b.stdout)
    bad = run("run", laptops_path, "--option", "nonsense=1")
    assert bad.returncode == 2 and "no option" in bad.stderr
    bad = run("run", laptops_path, "--option", "novalue")
    assert bad.returncode == 2 and "KEY=VALUE" in bad.stderr


@pytest.mark.parametrize("command", [[sys.executable, "-m", "mcda"], ["mcda"]])
def test_the_module_and_the_console_script_run(command: list[str], laptops_path: Path) -> None:
    import shutil
    import subprocess

    if command == ["mcda"]:
        exe = shutil.which("mcda")
        assert exe is not None, "the console script 'mcda' is not installed (pip install -e .)"
        command = [exe]
    out = subprocess.run([*command, "validate", str(laptops_path)], capture_output=True, text=True, timeout=120,
                         check=False)
    assert out.returncode == 0, out.stderr
    assert "OK - 3 alternatives" in out.stdout
