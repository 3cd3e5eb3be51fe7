"""Numeric guards: analysis parameters, AHP near float limits, WPM explanations, ordinal scales on
``min`` leaves, and SMAA rank statistics in memory linear in m (ties counted exactly)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mcda
from mcda import kernels, sensitivity
from mcda._params import count, fraction, positive
from mcda.errors import InputError, JudgementError
from mcda.methods import WASPAS, WPM
from mcda.sensitivity._ranks import rank_stats
from mcda.sensitivity.robustness import claim_robustness, holds_probability
from mcda.sensitivity.sampling import WeightDistribution, sample_dirichlet

CORPUS = Path(__file__).parent / "bad_inputs"
SEEDED = settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
X2 = np.array([[2.0, 0.0], [1.0, 1.0]])
B2 = np.array([True, True])
W2 = np.array([0.8, 0.2])

# ------------------------------------------------------------------ analysis parameters

BAD_COUNTS: list[Any] = [-5, 0, 2.5, True, float("nan"), float("inf"), "100", None, 10**12]


@pytest.mark.parametrize("value", BAD_COUNTS)
def test_bad_sample_counts_are_refused_by_name(value: Any) -> None:
    with pytest.raises(InputError, match="n_samples") as info:
        sensitivity.smaa(X2, B2, "wsm", value, rng=0)
    assert isinstance(info.value, ValueError)
    with pytest.raises(InputError, match="n_samples"):
        holds_probability(X2, W2, B2, np.array([0]), mcda.get_method("wsm"), n_samples=value,
                                      evidence="none")


@pytest.mark.parametrize("value", [0, 0.0, -1.0, float("nan"), float("inf"), True, "100"])
def test_bad_concentrations_are_refused_and_zero_is_not_the_default(value: Any) -> None:
    with pytest.raises(InputError, match="concentration"):
        WeightDistribution.dirichlet(W2, value)
    with pytest.raises(InputError, match="concentration"):
        sample_dirichlet(W2, value, 10, rng=0)
    with pytest.raises(InputError, match="concentration"):
        claim_robustness(X2, W2, B2, 0, [], "wsm", evidence="none", concentration=value)


@pytest.mark.parametrize(("call", "name"), [
    (lambda v: sensitivity.smaa(X2, B2, "wsm", 100, rng=0, n_confidence=v), "n_confidence"),
    (lambda v: sensitivity.smaa(X2, B2, "wsm", 100, rng=0, chunk_size=v), "chunk_size"),
    (lambda v: sensitivity.smaa(X2, B2, "wsm", 100, rng=0, n_jobs=v), "n_jobs"),
    (lambda v: sensitivity.sweep(X2, B2, 0, "wsm", w=W2, n_points=v), "n_points"),
    (lambda v: sensitivity.tipping_points(X2, B2, 0, "vikor", w=W2, n_scan=v), "n_scan"),
    (lambda v: sensitivity.min_change(X2, W2, B2, method="vikor", n_starts=v), "n_starts"),
])
@pytest.mark.parametrize("value", [-1, 0, 1.5, False])
def test_other_counts_are_refused_by_name(call: Any, name: str, value: Any) -> None:
    with pytest.raises(InputError, match=name):
        call(value)


def test_rank_reversal_tolerance_is_checked() -> None:
    for bad in (-1e-9, float("nan"), 2.0):
        with pytest.raises(InputError, match="rtol"):
            sensitivity.rank_reversal(X2, W2, B2, "wsm", rtol=bad)


def test_study_methods_check_parameters_before_any_work() -> None:
    study = mcda.load_study(Path(__file__).parent / "data" / "laptops.yaml")
    with pytest.raises(InputError, match="concentration"):
        study.smaa("balanced", "wsm", n_samples=100, concentration=0)
    with pytest.raises(InputError, match="n_samples"):
        study.smaa(None, "wsm", n_samples=-3)
    with pytest.raises(InputError, match="n_samples"):
        study.check_verdicts(n_samples=-1)
    with pytest.raises(InputError, match="concentration"):
        study.check_verdicts(n_samples=100, concentration=0.0)


def test_integral_floats_are_counts_and_helpers_name_the_rule() -> None:
    assert count(1e4, "n") == 10000 and isinstance(count(np.int64(3), "n"), int)
    assert positive(0, "tol", allow_zero=True) == 0.0
    assert fraction(0.0, "alpha", open_low=False) == 0.0
    with pytest.raises(InputError, match=r"level must be a number in \(0, 1\)"):
        fraction(1.0, "level")


def test_a_valid_concentration_is_used_not_replaced() -> None:
    """P(holds) depends on the concentration given (a sharp Dirichlet is more certain)."""
    X = np.array([[1.0, 0.0], [0.0, 1.0]])
    w = np.array([0.55, 0.45])
    meth = mcda.get_method("wsm", normalization="none")
    p_loose, _ = holds_probability(X, w, B2, np.array([0]), meth, evidence="none", concentration=2.0,
                                               n_samples=4000)
    p_sharp, _ = holds_probability(X, w, B2, np.array([0]), meth, evidence="none",
                                               concentration=1e4, n_samples=4000)
    assert p_sharp > 0.99 and p_loose < 0.8


# ------------------------------------------------------------------ AHP near the limits of floating point


def test_ahp_refuses_entries_near_the_float_limits() -> None:
    A = np.array([[1, 1e250, 1e250], [1e-250, 1, 1e250], [1e-250, 1e-250, 1.0]])
    for fn in (kernels.lambda_max, kernels.consistency_ratio, kernels.ahp_priorities):
        with pytest.raises(JudgementError, match=r"A\[0, 1\]"):
            fn(A)
    with pytest.raises(JudgementError, match=r"A\[0, 1\]"):
        mcda.ahp.consistency([[1, 5e-324], [1e300, 1]])


@SEEDED
@given(logs=hnp.arrays(np.float64, 3, elements=st.floats(-112.0, 112.0)))  # rescaled by up to 21 below
def test_lambda_max_is_never_below_n_and_cr_never_hides_garbage(logs: np.ndarray) -> None:
    """Any 3 x 3 reciprocal matrix within the allowed range (with room for the rescaling by up to 21
    below): lambda_max >= n (up to rounding), and the
    CR of a matrix is the CR of the same matrix with its items rescaled (a scale-free computation)."""
    a, b, c = np.exp(logs)
    A = np.array([[1.0, a, b], [1 / a, 1.0, c], [1 / b, 1 / c, 1.0]])
    lam = kernels.lambda_max(A)
    assert lam >= 3.0 - 1e-9
    d = np.array([1.0, 7.0, 1 / 3.0])
    scaled = A * d[:, None] / d[None, :]  # the same judgements about rescaled items: same eigenvalues
    assert kernels.lambda_max(scaled) == pytest.approx(lam, rel=1e-9)
    if abs(logs[0] + logs[2] - logs[1]) > 5:  # far from consistent: never "acceptable"
        assert kernels.consistency_ratio(A) > 0.1


def test_consistent_matrix_with_huge_allowed_ratios_is_consistent() -> None:
    w = np.array([1e20, 1.0, 1e-20])
    A = w[:, None] / w[None, :]
    assert kernels.lambda_max(A) == pytest.approx(3.0, abs=1e-9)
    np.testing.assert_allclose(kernels.ahp_priorities(A), w / w.sum(), rtol=1e-9)


# ------------------------------------------------------------------ WPM / WASPAS explanations


def test_wpm_explain_is_finite_with_zeros_and_zero_weights() -> None:
    X = np.array([[1.0, 0.0, 3.0], [2.0, 5.0, 1.0]])
    b = np.array([True, True, False])
    w = np.array([0.5, 0.5, 0.0])
    for method in (WPM(), WASPAS()):
        tables = method.explain(X, w, b)
        assert all(np.isfinite(t).all() for t in tables.values())
    t = WPM().explain(X, w, b)
    s = WPM().scores(X, w, b)
    np.testing.assert_allclose(t["factor"].prod(axis=1), s)  # factors multiply to the score
    assert t["zero_factor"].tolist() == [[0.0, 1.0, 0.0], [0.0, 0.0, 0.0]]
    assert t["factor"][:, 2].tolist() == [1.0, 1.0]  # zero weight: factor 1, log contribution 0
    assert t["log_contribution"][:, 2].tolist() == [0.0, 0.0]
    clean = t["zero_factor"].sum(axis=1) == 0
    np.testing.assert_allclose(t["log_contribution"][clean].sum(axis=1), np.log(s[clean]))


def test_seed_study_wpm_explanation_has_no_infinities() -> None:
    study = mcda.load_study(Path(__file__).parents[1] / "criteria" / "hunyuan_vs_stepfun.yaml")
    for method in ("wpm", "waspas"):
        e = study.score(study.profiles[0], method).explain()
        assert np.isfinite(e.select_dtypes("number").to_numpy()).all()


# ------------------------------------------------------------------ ordinal scales on min leaves

_ORDINAL = """title: ordinal direction
alternatives: [{{id: a1, name: A1}}, {{id: a2, name: A2}}, {{id: a3, name: A3}}]
criteria:
  id: root
  name: Root
  children:
    - {{id: speed, name: Speed, direction: max, scale: {{kind: ratio, unit: ops, lower: 0}}}}
    - id: risk
      name: Risk
      direction: {direction}
      scale: {{kind: ordinal, levels: [low, medium, high]}}
sources: [{{id: s, title: S, kind: article}}]
evidence:
  - {{id: e1, alternative: a1, criterion: speed, value: 10, sources: [s]}}
  - {{id: e2, alternative: a2, criterion: speed, value: 12, sources: [s]}}
  - {{id: e3, alternative: a3, criterion: speed, value: 11, sources: [s]}}
  - {{id: e4, alternative: a1, criterion: risk, value: low, sources: [s]}}
  - {{id: e5, alternative: a2, criterion: risk, value: {worst}, sources: [s]}}
missing:
  - {{alternative: a3, criterion: risk, policy: {policy}}}
profiles:
  - {{id: p, description: equal, weights: {{root: {{speed: 1, risk: 1}}}}}}
"""


@pytest.mark.parametrize(("direction", "worst", "worst_value"), [("max", "low", 1.0), ("min", "high", 3.0)])
def test_ordinal_worst_level_is_one_definition_on_both_directions(tmp_path: Path, direction: str, worst: str,
                                                                   worst_value: float) -> None:
    """Levels run in increasing value; the direction says which end is worst, and both policies agree."""
    got = {}
    for policy in ("worst", "scale-worst"):
        f = tmp_path / f"{direction}-{policy}.yaml"
        f.write_text(_ORDINAL.format(direction=direction, worst=worst, policy=policy), encoding="utf-8")
        got[policy] = mcda.load_study(f).matrix().loc["a3", "risk"]
    assert got["worst"] == got["scale-worst"] == worst_value


def test_ordinal_min_leaf_prefers_the_first_level(tmp_path: Path) -> None:
    f = tmp_path / "risk.yaml"
    f.write_text(_ORDINAL.format(direction="min", worst="high", policy="scale-worst"), encoding="utf-8")
    scores = mcda.load_study(f).score("p", "wsm").scores
    assert scores["a1"] > scores["a2"]  # a1: low risk, a2: high risk (speeds 10 and 12 cannot make up for it)


# ------------------------------------------------------------------ SMAA rank statistics


def _dense_reference(sT: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Acceptability (with ties shared 1/g over the ranks they span), wins and leaders, sample by sample."""
    m, S = sT.shape
    acc = np.zeros((m, m))
    wins = np.zeros((m, m), np.int64)
    first = np.zeros(S, np.int64)
    for s in range(S):
        col = sT[:, s]
        for i in range(m):
            b = int((col > col[i]).sum())
            g = int((col == col[i]).sum())
            acc[i, b:b + g] += 1.0 / g
            wins[i] = wins[i] + (col[i] > col)
        tops = np.flatnonzero(col == col.max())
        first[s] = tops[0] if tops.size == 1 else -1
    return acc, wins, first


@SEEDED
@given(sT=st.tuples(st.integers(1, 7), st.integers(1, 40)).flatmap(
    lambda s: hnp.arrays(np.float64, s, elements=st.sampled_from([0.0, 0.25, 0.5, 1.0, -0.0]))))
def test_rank_stats_match_a_sample_by_sample_count_with_ties(sT: np.ndarray) -> None:
    acc, ties, wins, first, _ = rank_stats(np.ascontiguousarray(sT))
    total = acc.astype(float) + (ties.shares(1) if ties is not None else 0.0)
    ref_acc, ref_wins, ref_first = _dense_reference(sT)
    np.testing.assert_allclose(total, ref_acc, rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(wins, ref_wins)
    np.testing.assert_array_equal(first, ref_first)


def test_smaa_with_identical_alternatives_shares_ranks_exactly() -> None:
    X = np.array([[1.0, 2.0], [1.0, 2.0], [1.0, 2.0], [2.0, 1.0]])
    res = sensitivity.smaa(X, B2, "wsm", 5000, rng=3)
    np.testing.assert_allclose(res.rank_acceptability.sum(axis=0), 1.0)
    np.testing.assert_allclose(res.rank_acceptability.sum(axis=1), 1.0)
    np.testing.assert_allclose(res.rank_acceptability[0], res.rank_acceptability[1])


def test_smaa_memory_does_not_grow_with_m_squared_times_block() -> None:
    """m = 300: the old (m, m, 8192) comparison tensor alone was 737 MB; now the peak stays far below."""
    import tracemalloc

    X = np.random.default_rng(0).random((300, 4)) + 0.1
    tracemalloc.start()
    try:
        sensitivity.smaa(X, np.ones(4, bool), "wsm", 8192, rng=0, n_jobs=1)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 300e6, peak


def test_smaa_refuses_too_many_alternatives_before_allocating() -> None:
    from mcda.sensitivity.smaa import MAX_ALTERNATIVES

    X = np.random.default_rng(0).random((MAX_ALTERNATIVES + 1, 2))
    with pytest.raises(InputError, match=f"{MAX_ALTERNATIVES + 1} alternatives"):
        sensitivity.smaa(X, B2, "wsm", 10, rng=0)


def test_promethee_in_blocks_equals_the_full_computation(monkeypatch: pytest.MonkeyPatch) -> None:
    from mcda.kernels import promethee

    X = np.random.default_rng(2).integers(0, 6, (60, 3)).astype(float)  # many equal values
    b = np.array([True, False, True])
    w = np.array([0.2, 0.3, 0.5])
    for pref in ("usual", "linear", ("usual", "gaussian", "usual")):
        full = kernels.promethee_ii(X, w, b, pref, q=0.5, p=2.0, s=1.0).phi
        monkeypatch.setattr(promethee, "BLOCK_BYTES", 4096)  # a few rows per block; 'usual' from one sort
        blocks = kernels.promethee_ii(X, w, b, pref, q=0.5, p=2.0, s=1.0).phi
        monkeypatch.undo()
        np.testing.assert_allclose(blocks, full, rtol=0, atol=1e-14)  # summation order only


def test_preference_matrices_refuse_a_huge_array_before_allocating(monkeypatch: pytest.MonkeyPatch) -> None:
    from mcda.kernels import promethee

    monkeypatch.setattr(promethee, "MAX_MATRIX_BYTES", 1000)
    with pytest.raises(InputError, match="GB"):
        kernels.preference_matrices(np.random.default_rng(0).random((20, 2)), B2)


def test_tipping_points_in_small_pieces_equal_one_piece(monkeypatch: pytest.MonkeyPatch) -> None:
    from mcda.sensitivity import tipping

    X = np.random.default_rng(4).random((8, 3)) + 0.1
    w = np.array([0.3, 0.3, 0.4])
    whole = sensitivity.tipping_points(X, np.ones(3, bool), 0, "vikor", w=w, n_scan=201)
    monkeypatch.setattr(tipping, "CONFIRM_ROWS", 50)
    parts = sensitivity.tipping_points(X, np.ones(3, bool), 0, "vikor", w=w, n_scan=201)
    np.testing.assert_allclose(parts.t, whole.t)
    np.testing.assert_array_equal(parts.leader_after, whole.leader_after)


# ------------------------------------------------------------------ files that validate must score, or say why not


def test_validation_warns_when_a_verdict_method_cannot_score(tmp_path: Path) -> None:
    text = (CORPUS / "negative_ordinal_levels_under_wsm.yaml").read_text(encoding="utf-8")
    f = tmp_path / "s.yaml"
    f.write_text(text.replace("method: topsis, leader: a2", "method: [topsis, wsm], leader: a2"), encoding="utf-8")
    study = mcda.load_study(f)
    problems = [w for w in study.warnings if "cannot be checked" in w]
    assert len(problems) == 1
    assert "'wsm'" in problems[0] and "alternative 'a2', criterion 'q.grade'" in problems[0]
    assert "profile 'p'" in problems[0] and ">= 0" in problems[0]  # what to change


def test_sensitivity_errors_below_the_study_name_ids() -> None:
    study = mcda.load_study(CORPUS / "zero_on_cost_located.yaml")
    with pytest.raises(InputError, match="alternative 'a2', criterion 'price'"):
        study.sweep("p", "price", "wsm", n_points=5)
    with pytest.raises(InputError, match="alternative 'a2', criterion 'price'"):
        study.smaa("p", "wsm", n_samples=100)


def test_samplers_check_their_sizes_by_name() -> None:
    from mcda.sensitivity.sampling import WeightConstraints, hit_and_run, sample_constrained, sample_uniform

    cons = WeightConstraints(order=((0, 1),))
    for call, name in [
        (lambda: sample_uniform(2.5, 10, rng=0), "n"),
        (lambda: sample_uniform(3, -1, rng=0), "size"),
        (lambda: sample_constrained(3, True, cons, rng=0), "size"),
        (lambda: hit_and_run(3, 10, cons, rng=0, thin=0), "thin"),
        (lambda: hit_and_run(3, 10, cons, rng=0, chains=-2), "chains"),
        (lambda: WeightDistribution.uniform(0), "n"),
    ]:
        with pytest.raises(InputError, match=f"^{name} "):
            call()


@pytest.mark.parametrize("argv", [
    ["sensitivity", "{study}", "--samples", "-5"],
    ["sensitivity", "{study}", "--samples", "0"],
    ["smaa", "{study}", "--profile", "balanced", "--concentration", "0", "--samples", "100"],
])
def test_cli_refuses_bad_analysis_parameters_with_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    from mcda.cli import main

    study = str(Path(__file__).parent / "data" / "laptops.yaml")
    assert main([a.format(study=study) for a in argv]) == 2
    err = capsys.readouterr().err
    assert "n_samples" in err or "concentration" in err


@pytest.mark.parametrize("t", [[], ["a"], [1.5], [float("nan")]])
def test_sweep_refuses_bad_explicit_grids(t: list[Any]) -> None:
    with pytest.raises(InputError, match="t "):
        sensitivity.sweep(X2, B2, 0, "wsm", w=W2, t=t)


def test_tipping_points_and_k_best_ranks_refuse_odd_arguments() -> None:
    with pytest.raises(InputError, match="path"):
        sensitivity.tipping_points(X2, B2, 0.5, "wsm", w=W2)  # type: ignore[arg-type]
    res = sensitivity.smaa(X2, B2, "wsm", 200, rng=0)
    for k in (1.5, True, 0, 3):
        with pytest.raises(InputError, match="k "):
            res.kbr_acceptability(k)  # type: ignore[arg-type]
