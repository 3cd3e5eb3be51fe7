"""The report, explain, weights, sweep and schema commands; formats, suggestions, warnings, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import mcda
from _support.cli import run

INCONSISTENT = """      root:
        judgements: [[cost, perf, 5], [perf, build, 5], [build, cost, 5]]"""




@pytest.fixture
def inconsistent(tmp_path: Path, laptops_text: str) -> Path:
    path = tmp_path / "ahp.yaml"
    path.write_text(laptops_text.replace("      root: {cost: 1, perf: 4, build: 1}", INCONSISTENT), encoding="utf-8")
    return path


def test_report_html_and_md(tmp_path: Path, laptops_path: Path) -> None:
    out = run("report", laptops_path, "-o", tmp_path / "r.html", "--samples", "500")
    assert out.returncode == 0, out.stderr
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and 'id="explorer"' in html
    out = run("report", laptops_path, "-o", tmp_path / "r.md", "--samples", "500")
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "r.md").read_text(encoding="utf-8").startswith("# Choosing a laptop")


def test_report_exit_1_when_a_verdict_is_not_as_expected(tmp_path: Path, laptops_text: str) -> None:
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(laptops_text.replace("leader: gamma", "leader: beta"), encoding="utf-8")
    out = run("report", wrong, "-o", tmp_path / "r.html", "--samples", "300")
    assert out.returncode == 1 and "v.power" in out.stderr
    assert (tmp_path / "r.html").exists()  # the report is still written: it shows why


def test_report_bad_input_exit_2_writes_nothing(tmp_path: Path, laptops_path: Path) -> None:
    out = run("report", laptops_path, "-o", tmp_path / "r.html", "--method", "topsys")
    assert out.returncode == 2 and "did you mean 'topsis'" in out.stderr
    assert not (tmp_path / "r.html").exists()
    out = run("report", laptops_path)  # -o is required: a usage error
    assert out.returncode == 2


def test_explain_carries_direction_and_provenance(laptops_path: Path) -> None:
    out = run("explain", laptops_path, "--profile", "balanced", "--method", "wsm", "--format", "json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    study = mcda.load_study(laptops_path)
    res = study.score("balanced", "wsm")
    assert all(r["higher_is_better"] is True for r in rows)
    by = {(r["alternative"], r["criterion"]): r for r in rows}
    for a in study.alternatives:
        assert sum(by[(a, c)]["contribution"] for c in study.leaves) == pytest.approx(res.scores[a])
    assert by[("alpha", "perf.cpu")]["evidence"] == "e4, e5"
    assert by[("gamma", "perf.battery")]["origin"].startswith("declared missing")


def test_weights_and_sweep(laptops_path: Path) -> None:
    out = run("weights", laptops_path, "--profile", "power_user", "--format", "csv")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "profile,node,name,parent,leaf,local,global,cr"
    glob = {r.split(",")[1]: float(r.split(",")[6]) for r in lines[1:]}
    weights = mcda.load_study(laptops_path).weights("power_user")
    assert glob["perf.cpu"] == pytest.approx(weights.leaves["perf.cpu"])
    out = run("sweep", laptops_path, "--node", "perf", "--profile", "balanced", "--points", "5", "--format", "json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    weights = sorted({r["weight"] for r in rows})  # the grid plus the profile's own weight, 1/3
    assert len(rows) == 18 and weights == pytest.approx([0.0, 0.25, 1 / 3, 0.5, 0.75, 1.0])
    assert all(r["higher_is_better"] is True for r in rows)


@pytest.mark.parametrize(("args", "hint"), [
    (("sweep", "--node", "perf.cpuu", "--profile", "balanced"), "did you mean 'perf.cpu'"),
    (("explain", "--profile", "power-user"), "did you mean 'power_user'"),
    (("run", "--profile", "balancd"), "did you mean 'balanced'"),
    (("weights", "--profile", "balanced", "--scope", "perff"), "did you mean 'perf'"),
])
def test_did_you_mean_exit_2(laptops_path: Path, args: tuple[str, ...], hint: str) -> None:
    out = run(args[0], laptops_path, *args[1:])
    assert out.returncode == 2 and hint in out.stderr, out.stderr


def test_schema_is_json_schema_of_the_study_format(tmp_path: Path) -> None:
    out = run("schema")
    assert out.returncode == 0, out.stderr
    schema = json.loads(out.stdout)
    assert schema["type"] == "object" and {"title", "alternatives", "criteria"} <= set(schema["properties"])
    assert "title" in schema["required"]


def test_validate_formats(laptops_path: Path) -> None:
    out = run("validate", laptops_path, "--format", "json")
    assert out.returncode == 0, out.stderr
    (row,) = json.loads(out.stdout)
    assert row["ok"] is True and row["alternatives"] == 3 and row["leaf_criteria"] == 4


def test_run_json_carries_direction(laptops_path: Path) -> None:
    out = run("run", laptops_path, "--method", "vikor", "--format", "json")
    assert out.returncode == 0, out.stderr
    assert all(r["higher_is_better"] is False for r in json.loads(out.stdout))


@pytest.mark.parametrize("command", [("run",), ("explain", "--profile", "power_user"), ("weights",),
                                     ("sweep", "--node", "perf")])
def test_ahp_warnings_from_every_command_using_the_profile(inconsistent: Path, command: tuple[str, ...]) -> None:
    out = run(command[0], inconsistent, *command[1:])
    assert out.returncode == 0, out.stderr
    assert "warning: profile 'power_user' node 'root': inconsistent judgements" in out.stderr
