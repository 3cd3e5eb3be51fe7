"""SMAA-2: exact cross-checks, sums to one, ties, seeds, chunk-size independence, confidence factors."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mcda
from mcda.errors import InputError
from mcda.sensitivity import BLOCK_SIZE, WeightConstraints, WeightDistribution, smaa
from mcda.testing import decision_problems


def exact_two_criteria(R: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Independent computation for S_i = R_i0 t + R_i1 (1 - t), t ~ U(0, 1) (the uniform 1-simplex):
    ranks are constant between the crossings of the lines, so integrate interval by interval."""
    m = R.shape[0]
    cuts = {0.0, 1.0}
    for i in range(m):
        for k in range(i + 1, m):
            den = (R[i, 0] - R[i, 1]) - (R[k, 0] - R[k, 1])
            if den != 0:
                t = (R[k, 1] - R[i, 1]) / den
                if 0 < t < 1:
                    cuts.add(float(t))
    edges = sorted(cuts)
    acc, cw = np.zeros((m, m)), np.zeros((m, 2))
    for a, b in pairwise(edges):
        mid = (a + b) / 2
        s = R[:, 0] * mid + R[:, 1] * (1 - mid)
        order = np.argsort(-s)
        acc[order, np.arange(m)] += b - a
        cw[order[0]] += (b - a) * np.array([mid, 1 - mid])  # t is linear: its mean over [a, b] is mid
    first = acc[:, 0]
    return acc, np.divide(cw, first[:, None], out=np.zeros_like(cw), where=first[:, None] > 0)


def test_two_criteria_acceptability_and_central_weights_match_exact_integration() -> None:
    R = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.55], [0.3, 0.8], [0.9, 0.2]])
    res = smaa(R, [True, True], "wsm", 200_000, rng=11, normalization="none")
    acc, cw = exact_two_criteria(R)
    tol = 4.5 * np.maximum(res.rank_acceptability_se, 1e-12) + 1e-12
    assert np.all(np.abs(res.rank_acceptability - acc) <= tol)
    has = acc[:, 0] > 0.01
    assert np.all(np.abs(res.central_weights[has] - cw[has]) <= 4.5 * res.central_weights_se[has] + 1e-9)


def test_symmetric_problem_central_weights_are_expected_maximum_spacing() -> None:
    """X = I with WSM: alternative i wins where w_i is the largest weight. For uniform weights
    E[max_j w_j] = (1/n) sum_{k=1}^n 1/k (order statistics of uniform spacings), so the central
    weight of i is 11/18 on criterion i and 7/36 elsewhere (n = 3); every rank has acceptability 1/3."""
    res = smaa(np.eye(3), [True] * 3, "wsm", 120_000, rng=3, normalization="none")
    np.testing.assert_allclose(res.rank_acceptability, 1 / 3, atol=4.5 * res.rank_acceptability_se.max())
    expected = np.full((3, 3), 7 / 36) + np.eye(3) * (11 / 18 - 7 / 36)
    np.testing.assert_allclose(res.central_weights, expected, atol=4.5 * res.central_weights_se.max())
    np.testing.assert_allclose(res.winning + np.eye(3) * 0.5, 0.5, atol=0.01)
    np.testing.assert_array_equal(res.confidence, 1.0)


@settings(max_examples=25, deadline=None)
@given(decision_problems(max_alternatives=6, max_criteria=4), st.sampled_from(["topsis", "wsm", "wpm"]))
def test_acceptability_rows_and_columns_sum_to_one(arr: mcda.DecisionArrays, name: str) -> None:
    res = smaa(arr.X, arr.benefit, name, 3000, rng=0)
    np.testing.assert_allclose(res.rank_acceptability.sum(axis=0), 1.0, atol=1e-12)
    np.testing.assert_allclose(res.rank_acceptability.sum(axis=1), 1.0, atol=1e-12)
    assert np.all(res.winning + res.winning.T <= 1 + 1e-12)
    has = res.rank_acceptability[:, 0] > 0
    np.testing.assert_allclose(res.central_weights[has].sum(axis=1), 1.0, atol=1e-9)
    assert np.all(res.central_weights[~has] == 0)
    for a in (res.rank_acceptability_se, res.central_weights_se, res.confidence_se, res.winning_se):
        assert np.all(np.isfinite(a)) and np.all(a >= 0)


def test_identical_alternatives_share_ranks_equally() -> None:
    X = np.array([[1.0, 2.0], [1.0, 2.0], [2.0, 1.0]])
    res = smaa(X, [True, True], "wsm", 50_000, rng=1)
    np.testing.assert_allclose(res.rank_acceptability.sum(axis=0), 1.0)
    np.testing.assert_allclose(res.rank_acceptability.sum(axis=1), 1.0)
    np.testing.assert_allclose(res.rank_acceptability[0], res.rank_acceptability[1])
    assert res.winning[0, 1] == 0.0 and res.winning[1, 0] == 0.0  # a tie is a win for neither
    np.testing.assert_allclose(res.rank_acceptability[0, 0] + res.rank_acceptability[1, 0],
                               1 - res.rank_acceptability[2, 0])
    np.testing.assert_allclose(res.confidence[:2], 0.5)  # tied first at their central weights


@pytest.mark.parametrize("name", ["topsis", "wsm"])
def test_result_does_not_depend_on_chunk_size_or_threads(name: str) -> None:
    rng = np.random.default_rng(5)
    X = rng.uniform(1, 10, (7, 4))
    b = np.array([True, False, True, True])
    n = 3 * BLOCK_SIZE + 123
    ref = smaa(X, b, name, n, rng=42, chunk_size=BLOCK_SIZE, n_jobs=1)
    for chunk, jobs in [(2 * BLOCK_SIZE, 2), (10**6, 1), (5000, 3)]:
        res = smaa(X, b, name, n, rng=42, chunk_size=chunk, n_jobs=jobs)
        for field in ("rank_acceptability", "central_weights", "central_weights_se", "confidence", "winning"):
            np.testing.assert_array_equal(getattr(res, field), getattr(ref, field), err_msg=field)
    other = smaa(X, b, name, n, rng=43)
    assert not np.array_equal(other.rank_acceptability, ref.rank_acceptability)


def test_evidence_pass_is_chunk_independent_too() -> None:
    rng = np.random.default_rng(6)
    X = rng.uniform(2, 10, (4, 3))
    kw = dict(lo=X * 0.8, hi=X * 1.2, confidence=np.full(X.shape, 0.7), evidence="mixture", rng=9)
    a = smaa(X, [True] * 3, "topsis", 2 * BLOCK_SIZE + 7, chunk_size=BLOCK_SIZE, n_jobs=1, **kw)
    b = smaa(X, [True] * 3, "topsis", 2 * BLOCK_SIZE + 7, chunk_size=10**6, n_jobs=2, **kw)
    np.testing.assert_array_equal(a.rank_acceptability, b.rank_acceptability)
    np.testing.assert_array_equal(a.confidence, b.confidence)
    assert a.n_confidence_samples > 0 and np.all(a.confidence_se > 0)


def test_generic_method_with_evidence_shares_matrices_within_groups() -> None:
    """VIKOR has no vectorised path: each sampled matrix serves a group of weight samples; the
    result is still seeded, chunk-independent, and sums to one."""
    if "vikor" not in mcda.method_names():
        pytest.skip("VIKOR not registered")
    X = np.random.default_rng(7).uniform(2, 10, (4, 3))
    kw = dict(lo=X * 0.9, hi=X * 1.1, evidence="interval", rng=2, n_confidence=500)
    a = smaa(X, [True] * 3, "vikor", BLOCK_SIZE + 100, chunk_size=BLOCK_SIZE, **kw)
    b = smaa(X, [True] * 3, "vikor", BLOCK_SIZE + 100, chunk_size=10**6, n_jobs=1, **kw)
    np.testing.assert_array_equal(a.rank_acceptability, b.rank_acceptability)
    np.testing.assert_allclose(a.rank_acceptability.sum(axis=1), 1.0)


SE_X = np.array([[7.0, 3, 5, 2], [4, 6, 3, 5], [5, 5, 6, 4], [3, 7, 4, 6]])
SE_B = np.array([True, True, True, False])
HIT_AND_RUN = WeightDistribution.uniform(
    4, WeightConstraints(upper=np.full(4, 0.5), order=((0, 1),)), method="hit-and-run")


def spread_ratio(runs: list[mcda.sensitivity.SMAAResult], field: str) -> float:
    """Reported SE over the standard deviation seen across independent seeds, pooled over cells."""
    est = np.array([getattr(r, field) for r in runs])
    se = np.array([getattr(r, field + "_se") for r in runs])
    sd = est.std(axis=0, ddof=1)
    live = sd > 0
    return float(np.sqrt((se.mean(axis=0)[live] ** 2).mean() / (sd[live] ** 2).mean()))


def test_standard_errors_of_matrices_shared_by_a_group_match_the_spread_across_seeds() -> None:
    """VIKOR under evidence uncertainty: 64 consecutive weight samples share a sampled matrix, so the
    binomial SE is three to four times too small here; the replicate SEs match the seed-to-seed spread."""
    if "vikor" not in mcda.method_names():
        pytest.skip("VIKOR not registered")
    kw = dict(lo=SE_X - 2.5, hi=SE_X + 2.5, evidence="interval", n_confidence=200, n_jobs=1)
    runs = [smaa(SE_X, SE_B, "vikor", BLOCK_SIZE, rng=seed, **kw) for seed in range(40)]
    assert runs[0].replicates == BLOCK_SIZE // mcda.sensitivity.uncertainty.GENERIC_GROUP
    for field in ("rank_acceptability", "winning"):
        assert 0.75 < spread_ratio(runs, field) < 1.33, field
    acc = np.array([r.rank_acceptability for r in runs]).mean(axis=0)
    binomial = np.sqrt(acc * (1 - acc) / BLOCK_SIZE)
    assert np.all(runs[0].rank_acceptability_se > 2 * binomial)


def test_standard_errors_of_hit_and_run_weights_match_the_spread_across_seeds() -> None:
    """A narrow polytope (bounds and a chain of three order constraints on six weights): successive
    hit-and-run points of a chain are strongly correlated and the binomial SE is far too small."""
    X = np.hstack([SE_X, [[4.0, 6], [6, 3], [5, 5], [3, 4]]])
    b = np.append(SE_B, [True, True])
    dist = WeightDistribution.uniform(6, WeightConstraints(upper=np.full(6, 0.3), order=((0, 1), (1, 2), (2, 3))),
                                      method="hit-and-run")
    runs = [smaa(X, b, "topsis", 2 * BLOCK_SIZE, rng=seed, weights=dist, n_jobs=1) for seed in range(40)]
    assert runs[0].replicates == 2 * mcda.sensitivity.HIT_AND_RUN_CHAINS  # one per chain, two blocks
    for field in ("rank_acceptability", "central_weights", "winning"):
        assert 0.75 < spread_ratio(runs, field) < 1.33, field
    acc = np.array([r.rank_acceptability for r in runs]).mean(axis=0)
    binomial = np.sqrt(acc * (1 - acc) / (2 * BLOCK_SIZE))
    live = binomial > 0
    assert np.sqrt((runs[0].rank_acceptability_se[live] ** 2).mean() / (binomial[live] ** 2).mean()) > 1.3


def test_independent_draws_keep_the_binomial_standard_errors() -> None:
    res = smaa(SE_X, SE_B, "topsis", 5000, rng=1)
    assert res.replicates == 0
    np.testing.assert_array_equal(res.rank_acceptability_se,
                                  np.sqrt(res.rank_acceptability * (1 - res.rank_acceptability) / 5000))


def test_hit_and_run_result_and_standard_errors_do_not_depend_on_chunk_size() -> None:
    n = 2 * BLOCK_SIZE + 300
    ref = smaa(SE_X, SE_B, "topsis", n, rng=3, weights=HIT_AND_RUN, chunk_size=BLOCK_SIZE, n_jobs=1)
    res = smaa(SE_X, SE_B, "topsis", n, rng=3, weights=HIT_AND_RUN, chunk_size=10**6, n_jobs=2)
    for field in ("rank_acceptability", "rank_acceptability_se", "central_weights_se", "winning_se"):
        np.testing.assert_array_equal(getattr(res, field), getattr(ref, field), err_msg=field)


def test_auto_sampler_is_chosen_once_per_analysis() -> None:
    # Acceptance near the threshold: every block must still use the same sampler.
    cons = WeightConstraints(lower=np.array([0.0, 0.0, 0.0, 0.6]), order=((0, 1), (2, 1)))
    dist = WeightDistribution.uniform(4, cons)
    chosen = {dist.resolve(np.random.default_rng(s)).method for s in range(5)}
    assert chosen <= {"rejection", "hit-and-run"} and len(chosen) == 1
    res = smaa(SE_X, SE_B, "wsm", 3 * BLOCK_SIZE, rng=0, weights=dist)
    assert (res.replicates > 0) == (chosen == {"hit-and-run"})
    assert res.sampler == chosen.pop()


def test_result_says_which_sampler_drew_the_weights() -> None:
    assert smaa(SE_X, SE_B, "wsm", 100, rng=0).sampler == "uniform"
    around = WeightDistribution.dirichlet([0.4, 0.3, 0.2, 0.1], 50.0)
    assert smaa(SE_X, SE_B, "wsm", 100, rng=0, weights=around).sampler == "dirichlet"
    chain = WeightDistribution.uniform(4, WeightConstraints(order=((0, 1), (1, 2), (2, 3))))
    assert smaa(SE_X, SE_B, "wsm", 100, rng=0, weights=chain).sampler == "exact"
    assert smaa(SE_X, SE_B, "wsm", 100, rng=0, weights=HIT_AND_RUN).sampler == "hit-and-run"


def test_generator_seed_is_reproducible_and_advances() -> None:
    X = np.random.default_rng(0).uniform(1, 5, (4, 3))
    r1 = smaa(X, [True] * 3, "topsis", 5000, rng=np.random.default_rng(1))
    r2 = smaa(X, [True] * 3, "topsis", 5000, rng=np.random.default_rng(1))
    np.testing.assert_array_equal(r1.rank_acceptability, r2.rank_acceptability)
    g = np.random.default_rng(1)
    r3, r4 = smaa(X, [True] * 3, "topsis", 5000, rng=g), smaa(X, [True] * 3, "topsis", 5000, rng=g)
    assert not np.array_equal(r3.rank_acceptability, r4.rank_acceptability)


def test_confidence_without_evidence_uncertainty_is_scoring_at_the_central_weights() -> None:
    rng = np.random.default_rng(2)
    X = rng.uniform(1, 10, (6, 3))
    meth = mcda.get_method("topsis")
    res = smaa(X, [True, False, True], meth, 20000, rng=0)
    assert res.n_confidence_samples == 0 and np.all(res.confidence_se == 0)
    for i in np.flatnonzero(res.rank_acceptability[:, 0] > 0):
        s = meth.scores(X, res.central_weights[i], np.array([True, False, True]))
        assert res.confidence[i] == float(np.argmax(s) == i)


def test_evidence_uncertainty_lowers_confidence_of_a_fragile_leader() -> None:
    X = np.array([[1.0, 1.0], [0.98, 1.02]])
    lo, hi = X - 0.1, X + 0.1
    sure = smaa(X, [True, True], "wsm", 20000, rng=0)
    unsure = smaa(X, [True, True], "wsm", 20000, rng=0, lo=lo, hi=hi, evidence="interval")
    assert np.all(sure.confidence == 1.0)
    assert np.all(unsure.confidence < 0.9) and np.all(unsure.confidence > 0.1)


def test_weight_distribution_with_order_constraint() -> None:
    """With w0 >= w1 enforced, alternative 1 (best on criterion 1 only) can never lead."""
    X = np.array([[1.0, 0.0], [0.0, 1.0]])
    dist = WeightDistribution.uniform(2, WeightConstraints(order=((0, 1),)))
    res = smaa(X, [True, True], "wsm", 10000, rng=0, weights=dist, normalization="none")
    assert res.rank_acceptability[1, 0] == 0.0 and res.central_weights[0, 0] >= 0.5


def test_lower_is_better_method_is_ranked_the_right_way() -> None:
    if "vikor" not in mcda.method_names():
        pytest.skip("VIKOR not registered")
    X = np.array([[9.0, 9.0, 9.0], [1.0, 1.0, 1.0], [5.0, 5.0, 4.0]])
    res = smaa(X, [True] * 3, "vikor", 4000, rng=0)
    assert res.rank_acceptability[0, 0] == pytest.approx(1.0)


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(InputError, match="n_samples"):
        smaa(np.eye(2), [True, True], "wsm", 0)
    with pytest.raises(InputError, match="evidence model"):
        smaa(np.eye(2), [True, True], "wsm", 10, evidence="maybe")
    with pytest.raises(InputError, match="criteria"):
        smaa(np.eye(2), [True, True], "wsm", 10, weights=WeightDistribution.uniform(3))
    with pytest.raises(InputError, match="outside its bounds"):
        smaa(np.eye(2), [True, True], "wsm", 10, lo=np.eye(2) + 1, hi=np.eye(2) + 2, evidence="interval")


def test_study_smaa_frame(laptops_path: Path) -> None:
    study = mcda.load_study(laptops_path)
    df = study.smaa(None, "topsis", n_samples=20000)
    assert list(df.index) == study.alternatives
    assert set(df.columns.get_level_values(0)) == {"acceptability", "acceptability_se", "central_weights",
                                                    "central_weights_se", "confidence", "winning"}
    np.testing.assert_allclose(df["acceptability"].sum(axis=1), 1.0)
    assert list(df["central_weights"].columns) == study.leaves
    around = study.smaa("power_user", "topsis", n_samples=20000, concentration=200.0)
    assert around.loc["gamma", ("acceptability", "rank_1")] > 0.9  # the profile's leader stays first
    again = study.smaa("power_user", "topsis", n_samples=20000, concentration=200.0)
    assert around.equals(again)
    assert df.attrs["sampler"] == "uniform" and around.attrs["sampler"] == "dirichlet"
    assert around.attrs["n_samples"] == 20000 and around.attrs["replicates"] == 0
