"""A verdict's status across methods: holds under all / method-dependent / fails under all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import mcda
from _support.cli import run
from mcda.errors import StudyValidationError
from mcda.verdicts import FAILS_UNDER_ALL, HOLDS_UNDER_ALL, METHOD_DEPENDENT, status_of


def load_text(tmp_path: Path, text: str) -> mcda.Study:
    f = tmp_path / "s.yaml"
    f.write_text(text, encoding="utf-8")
    return mcda.load_study(f)


def test_status_of() -> None:
    assert status_of([True, True, True]) == HOLDS_UNDER_ALL
    assert status_of([False, True]) == METHOD_DEPENDENT
    assert status_of([False, False]) == FAILS_UNDER_ALL


def test_status_table_on_the_laptops_study(laptops_path: Path) -> None:
    status = mcda.load_study(laptops_path).verdict_status().set_index("id")
    assert list(status.index) == ["v.power", "v.cheap"]
    assert status.loc["v.power", "status"] == HOLDS_UNDER_ALL and status.loc["v.power", "holds_under"] == "topsis, wsm"
    assert status.loc["v.cheap", "wsm"] > 0 and status.loc["v.cheap", "topsis"] != status.loc["v.cheap", "topsis"]
    assert status["as_expected"].all()


def test_expect_method_dependent_is_judged_on_all_methods(tmp_path: Path, laptops_text: str) -> None:
    s = load_text(tmp_path, laptops_text.replace("leader: gamma", "leader: gamma\n    expect: method-dependent"))
    df = s.check_verdicts(robustness=False)
    rows = df[df["id"] == "v.power"]
    assert (rows["status"] == HOLDS_UNDER_ALL).all() and (rows["expect"] == "method-dependent").all()
    assert not rows["as_expected"].any()  # it holds under both: the expected dependence is not there
    status = s.verdict_status().set_index("id")
    assert status.loc["v.power", "expect"] == METHOD_DEPENDENT and not status.loc["v.power", "as_expected"]
    # checked under one method only, the dependence cannot be judged
    assert s.check_verdicts("topsis", robustness=False)["as_expected"].all()


def test_method_dependent_verdict_is_as_expected(tmp_path: Path, laptops_text: str) -> None:
    # find a profile weight at which TOPSIS and WSM disagree on the leader, then expect the dependence
    base = mcda.load_study(Path(__file__).parent / "data" / "laptops.yaml")
    split = None
    for k in (0.5, 1, 2, 3, 4, 6, 8):
        prof = mcda.WeightProfile(id="p", weights={**base.profile("power_user").weights,
                                                   "perf": {"perf.cpu": k, "perf.battery": 1}})
        leaders = {m: base.score(prof, m).leader for m in ("topsis", "wsm", "wpm", "ahp")}
        if len(set(leaders.values())) > 1:
            split = (k, leaders)
            break
    if split is None:
        pytest.skip("no weight in the grid splits the methods on this study")
    k, leaders = split
    leader = leaders["topsis"]
    text = laptops_text.replace("perf: {perf.cpu: 3, perf.battery: 1}", f"perf: {{perf.cpu: {k}, perf.battery: 1}}")
    text = text.replace("method: [topsis, wsm]\n    leader: gamma",
                        f"method: [topsis, wsm, wpm, ahp]\n    leader: {leader}\n    expect: method-dependent")
    status = load_text(tmp_path, text).verdict_status().set_index("id")
    assert status.loc["v.power", "status"] == METHOD_DEPENDENT and status.loc["v.power", "as_expected"]


def test_expect_rejects_unknown_words(tmp_path: Path, laptops_text: str) -> None:
    with pytest.raises(StudyValidationError):
        load_text(tmp_path, laptops_text.replace("leader: gamma", "leader: gamma\n    expect: sometimes"))


def test_cli_prints_the_status(laptops_path: Path) -> None:
    out = run("verdicts", laptops_path, "--status", "--format", "json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert [r["status"] for r in rows] == [HOLDS_UNDER_ALL, HOLDS_UNDER_ALL]
    table = run("verdicts", laptops_path)
    assert "Status across methods:" in table.stdout and "holds under all" in table.stdout


def test_verdicts_on_one_profile_scope_and_method_share_one_scoring(tmp_path: Path, laptops_text: str,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Two claims on the same (profile, scope, method) are checked against one score result: the scores
    and their near-tie check are computed once, and each claim still gets its own margin."""
    extra = ("  - id: v.power2\n    statement: Gamma, then alpha\n    profile: power_user\n"
             "    method: [topsis, wsm]\n    ranking: [gamma, alpha]\n")
    s = load_text(tmp_path, laptops_text.replace("verdicts:\n", "verdicts:\n" + extra))
    calls: list[tuple[object, ...]] = []
    score = mcda.Study.score

    def counted(self: mcda.Study, *args: object, **kwargs: object) -> object:
        calls.append(args)
        return score(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(mcda.Study, "score", counted)
    df = s.check_verdicts(robustness=False).set_index(["id", "method"])
    assert len(calls) == 3  # (power_user, topsis), (power_user, wsm), (balanced/cost, wsm)
    for m in ("topsis", "wsm"):
        res = score(s, "power_user", m)
        assert df.loc[("v.power", m), "margin"] == mcda.verdicts.claim_margin(
            res.scores.to_dict(), ["gamma"], res.higher_is_better)
        assert df.loc[("v.power2", m), "margin"] == mcda.verdicts.claim_margin(
            res.scores.to_dict(), ["gamma", "alpha"], res.higher_is_better)
