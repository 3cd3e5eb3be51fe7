"""Rank reversal checks, verdict robustness columns and the sensitivity / smaa commands."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings

import mcda
from _support.cli import run
from mcda.sensitivity import rank_reversal
from mcda.sensitivity.robustness import claim_robustness
from mcda.testing import decision_problems

ROBUST = ["tip_node", "tip_weight_now", "tip_weight", "tip_leader", "tip_l1", "flippable", "min_l1", "min_l1_leader",
          "min_l1_change", "min_l1_exact", "p_holds", "p_holds_se"]


def test_topsis_reversal_when_removing_an_alternative_by_hand() -> None:
    """Vector-normalised TOPSIS, equal weights: a0 0.5321 > a1 0.5312 with a2; without a2, a1 0.648 > a0 0.352."""
    X = np.array([[1.0, 5.0], [3.0, 3.0], [5.0, 0.5]])
    meth = mcda.get_method("topsis")
    full, without = meth.scores(X, [0.5, 0.5], [True, True]), meth.scores(X[:2], [0.5, 0.5], [True, True])
    assert full[0] > full[1] and without[1] > without[0]
    rep = rank_reversal(X, [0.5, 0.5], [True, True], meth, checks=["remove"])
    assert rep.checks_run == 3
    assert rep.to_frame()[["check", "subject", "ahead", "behind"]].values.tolist() == [["remove", "a2", "a0", "a1"]]


@settings(max_examples=30, deadline=None)
@given(decision_problems(max_alternatives=5, max_criteria=4))
def test_raw_value_wsm_never_reverses(arr: mcda.DecisionArrays) -> None:
    """Scores on raw values do not depend on the other alternatives: no reversal is possible."""
    rep = rank_reversal(arr.X, arr.w, np.ones(arr.X.shape[1], bool), "wsm", normalization="none")
    assert len(rep) == 0 and rep.checks_run == 2 * arr.X.shape[0] + 1


@settings(max_examples=30, deadline=None)
@given(decision_problems(max_alternatives=5, max_criteria=4))
def test_every_reported_reversal_is_real(arr: mcda.DecisionArrays) -> None:
    meth = mcda.get_method("topsis")
    rep = rank_reversal(arr.X, arr.w, arr.benefit, meth)
    base = meth.scores(arr.X, arr.w, arr.benefit)
    for check, subj, a, c in zip(rep.check, rep.subject, rep.ahead, rep.behind, strict=True):
        assert base[a] > base[c]
        if check == "remove":
            keep = [i for i in range(arr.X.shape[0]) if i != subj]
            s = dict(zip(keep, meth.scores(arr.X[keep], arr.w, arr.benefit), strict=True))
        else:
            extra = arr.X[subj] if check == "copy" else np.where(arr.benefit, arr.X.min(0), arr.X.max(0))
            s = dict(enumerate(meth.scores(np.vstack([arr.X, extra]), arr.w, arr.benefit)))
        assert s[c] > s[a]


def test_claim_robustness_by_hand() -> None:
    """WSM ("max"): S0 = w0, S1 = 1 - w0/2; "0 leads" at w0 = 0.8 fails below w0 = 2/3."""
    from mcda.sensitivity import leaf_path

    X, b, w = np.array([[2.0, 0.0], [1.0, 1.0]]), np.array([True, True]), np.array([0.8, 0.2])
    r = claim_robustness(X, w, b, 0, [leaf_path(w, 0), leaf_path(w, 1)], "wsm", evidence="none", n_samples=20000)
    assert {(tip.node, round(tip.weight, 9)) for tip in r.tips} == {("c0", round(2 / 3, 9)), ("c1", round(1 / 3, 9))}
    tip = r.nearest  # both sweeps reach the same weight vector
    assert tip is not None and tip.leader_beyond == 1
    assert not tip.holds_beyond and tip.distance == pytest.approx(2 * (0.8 - 2 / 3))
    assert r.min_change.distance == pytest.approx(2 * (0.8 - 2 / 3), abs=1e-5)
    # P(holds) under Dirichlet(100 w): P(w0 > 2/3) with w0 ~ Beta(80, 20)
    from scipy import stats

    assert r.p_holds == pytest.approx(stats.beta(80, 20).sf(2 / 3), abs=4.5 * r.p_holds_se + 1e-3)


def test_p_holds_standard_error_covers_matrices_shared_by_a_group() -> None:
    """VIKOR cannot score a stack of matrices: groups of weight samples share one sampled matrix,
    so the binomial SE is too small; the reported SE matches the spread across seeds."""
    if "vikor" not in mcda.method_names():
        pytest.skip("VIKOR not registered")
    from mcda.sensitivity.robustness import holds_probability

    X = np.array([[7.0, 3, 5, 2], [4, 6, 3, 5], [5, 5, 6, 4], [3, 7, 4, 6]])
    b, w = np.array([True, True, True, False]), np.full(4, 0.25)
    meth = mcda.get_method("vikor")
    runs = [holds_probability(X, w, b, np.array([2]), meth, lo=X - 2.5, hi=X + 2.5, evidence="interval",
                              n_samples=8192, rng=seed) for seed in range(40)]
    p, se = np.array(runs).T
    assert 0.1 < p.mean() < 0.9
    assert 0.75 < se.mean() / p.std(ddof=1) < 1.33
    assert se.mean() > 2 * np.sqrt(p.mean() * (1 - p.mean()) / 8192)


def test_check_verdicts_robustness_columns(laptops_path: Path) -> None:
    study = mcda.load_study(laptops_path)
    plain = study.check_verdicts(robustness=False)
    df = study.check_verdicts()
    assert list(df.columns) == list(plain.columns) + ROBUST
    assert df[list(plain.columns)].equals(plain)
    assert df.equals(study.check_verdicts())  # seeded
    assert ((df["p_holds"] >= 0) & (df["p_holds"] <= 1)).all()
    for row in df.itertuples():
        arr = study.arrays(row.profile, row.scope if row.scope != "root" else None)
        if isinstance(row.tip_node, str):  # re-score just beyond the nearest tipping weight
            path = study.sweep_paths(row.profile, None if row.scope == "root" else row.scope)[row.tip_node]
            step = 1e-6 if row.tip_weight > row.tip_weight_now else -1e-6
            s = mcda.get_method(row.method).scores(arr.X, path.weights(row.tip_weight + step), arr.benefit)
            assert list(arr.alternatives)[int(np.argmax(s))] == row.tip_leader
        if row.min_l1_exact and isinstance(row.tip_node, str):
            assert row.min_l1 <= row.tip_l1 + 1e-5  # the LP optimum is global


def test_seed_study_verdict_robustness(seed_path: Path) -> None:
    if not seed_path.exists():
        pytest.skip("seed study not present")
    study = mcda.load_study(seed_path)
    df = study.check_verdicts(n_samples=4000)
    assert len(df) and set(ROBUST) <= set(df.columns)
    assert (df["min_l1"].isna() | (df["min_l1"] > 0)).all()  # a flip always needs a change
    assert (df["flippable"] == df["min_l1"].notna()).all()  # empty exactly when nothing flips it
    wsm = df[(df["method"] == "wsm") & df["tip_l1"].notna() & df["holds"]]
    assert (wsm["min_l1"] <= wsm["tip_l1"] + 1e-5).all()




def test_cli_sensitivity_reports(laptops_path: Path) -> None:
    out = run("sensitivity", laptops_path, "--format", "json", "--samples", "2000")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert {r["id"] for r in rows} == {"v.power", "v.cheap"} and all("p_holds" in r for r in rows)
    out = run("sensitivity", laptops_path, "--report", "tipping", "--profile", "balanced", "--method", "wsm",
              "--format", "csv")
    assert out.returncode == 0 and out.stdout.startswith("profile,node,weight_now,weight,ahead,behind")
    out = run("sensitivity", laptops_path, "--report", "min-change")
    assert out.returncode == 0 and "power_user" in out.stdout and "leader_after" in out.stdout
    out = run("sensitivity", laptops_path, "--profile", "nope")
    assert out.returncode == 2 and "unknown profile 'nope'" in out.stderr


def test_cli_smaa(laptops_path: Path) -> None:
    out = run("smaa", laptops_path, "--samples", "20000", "--seed", "3", "--format", "json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert [r["alternative"] for r in rows] == ["alpha", "beta", "gamma"]
    assert sum(r["rank_1"] for r in rows) == pytest.approx(1.0)
    assert all("rank_1_se" in r and "confidence" in r for r in rows)
    again = run("smaa", laptops_path, "--samples", "20000", "--seed", "3", "--format", "json")
    assert again.stdout == out.stdout
    out = run("smaa", laptops_path, "--profile", "power_user", "--show", "central", "--format", "csv")
    assert out.returncode == 0 and out.stdout.splitlines()[0] == "alternative,cost.price,perf.cpu,perf.battery,build"
