"""SMAA-2's pairwise winning indices are opt-in; the rank statistics are counted right and in memory linear in m."""

from __future__ import annotations

import subprocess
import sys
import tracemalloc
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mcda
from mcda import defaults
from mcda.errors import InputError
from mcda.sensitivity import WeightConstraints, WeightDistribution, analyze_scores, smaa
from mcda.sensitivity._ranks import block_ranks, rank_counts

DATA = Path(__file__).resolve().parents[1] / "data"
SAME = ("rank_acceptability", "rank_acceptability_se", "central_weights", "central_weights_se", "confidence",
        "confidence_se")


def brute_force(S: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Acceptability (ties share the ranks they span, 1/g each) and winning indices of scores (N, m), one
    sample at a time, from comparisons only."""
    N, m = S.shape
    acc, win = np.zeros((m, m)), np.zeros((m, m))
    for s in S:
        for i in range(m):
            better = int(np.sum(s > s[i]))
            g = int(np.sum(s == s[i]))
            acc[i, better:better + g] += 1.0 / g
            win[i] += s[i] > s
    return acc / N, win / N


scores = st.integers(1, 6).flatmap(lambda m: hnp.arrays(
    np.float64, st.tuples(st.integers(1, 40), st.just(m)), elements=st.integers(0, 3).map(float)))


@settings(max_examples=60, deadline=None)
@given(S=scores)
def test_counts_equal_a_brute_force_count_with_ties(S: np.ndarray) -> None:
    res = analyze_scores(S, pairwise=True)
    acc, win = brute_force(S)
    np.testing.assert_allclose(res.rank_acceptability, acc, rtol=0, atol=1e-12)
    assert res.winning is not None
    np.testing.assert_array_equal(res.winning, win)  # exact counts / N on both sides


@settings(max_examples=40, deadline=None)
@given(S=scores)
def test_block_ranks_give_each_alternatives_best_shared_rank(S: np.ndarray) -> None:
    sT = np.ascontiguousarray(S.T)
    r = block_ranks(sT)
    expect = np.array([[int(np.sum(s > s[i])) for s in S] for i in range(S.shape[1])])
    np.testing.assert_array_equal(r.better(), expect)
    lead = [int(np.argmax(s)) if np.sum(s == s.max()) == 1 else -1 for s in S]
    assert r.first.tolist() == lead


@settings(max_examples=15, deadline=None)
@given(X=hnp.arrays(np.float64, st.tuples(st.integers(2, 7), st.just(3)),
                    elements=st.floats(0.5, 10.0, allow_nan=False)),
       method=st.sampled_from(["topsis", "wsm", "vikor"]), seed=st.integers(0, 2**31))
def test_pairwise_choice_changes_no_other_index(X: np.ndarray, method: str, seed: int) -> None:
    b = np.array([True, False, True])
    runs = {p: smaa(X, b, method, 3000, rng=seed, pairwise=p, n_jobs=1) for p in (None, True, False)}
    for f in SAME:
        for p in (True, False):
            np.testing.assert_array_equal(getattr(runs[None], f), getattr(runs[p], f), err_msg=f)
    assert runs[False].winning is None and runs[False].winning_se is None
    assert runs[True].winning is not None
    np.testing.assert_array_equal(runs[None].winning, runs[True].winning)  # m <= SMAA_PAIRWISE_MAX


@pytest.mark.parametrize("kw", [
    {"method": "vikor", "evidence": "interval"},  # matrices shared by groups: replicate standard errors
    {"method": "wsm", "weights": WeightDistribution.uniform(3, WeightConstraints(order=((0, 1),)),
                                                             method="hit-and-run")},
])
def test_pairwise_choice_changes_no_other_index_with_replicates(kw: dict[str, object]) -> None:
    X = np.array([[3.0, 2.0, 1.0], [1.0, 3.0, 2.0], [2.0, 1.0, 3.0], [2.0, 2.0, 2.0]])
    b = np.ones(3, bool)
    extra = {"lo": X * 0.8, "hi": X * 1.2} if "evidence" in kw else {}
    on = smaa(X, b, n_samples=9000, rng=2, pairwise=True, **extra, **kw)  # type: ignore[arg-type]
    off = smaa(X, b, n_samples=9000, rng=2, pairwise=False, **extra, **kw)  # type: ignore[arg-type]
    assert on.replicates > 1 and on.replicates == off.replicates
    for f in SAME:
        np.testing.assert_array_equal(getattr(on, f), getattr(off, f), err_msg=f)


def test_default_threshold_and_clear_errors() -> None:
    rng = np.random.default_rng(0)
    small, large = rng.random((defaults.SMAA_PAIRWISE_MAX, 3)), rng.random((defaults.SMAA_PAIRWISE_MAX + 1, 3))
    b = np.ones(3, bool)
    assert smaa(small, b, "wsm", 200, rng=0).winning is not None
    res = smaa(large, b, "wsm", 200, rng=0)
    assert res.winning is None
    with pytest.raises(InputError, match=r"not computed .*pairwise=True"):
        res.winning_indices()
    frame = res.to_frame()
    assert "winning" not in frame.columns.get_level_values(0) and frame.attrs["pairwise"] is False
    assert smaa(large, b, "wsm", 200, rng=0, pairwise=True).winning_indices()[0].shape == (51, 51)
    with pytest.raises(InputError, match="pairwise must be"):
        smaa(small, b, "wsm", 200, rng=0, pairwise="yes")  # type: ignore[arg-type]


def test_study_and_cli_pass_the_choice_on() -> None:
    study = mcda.load_study(DATA / "laptops.yaml")
    assert "winning" in study.smaa(None, "wsm", n_samples=500)
    assert "winning" not in study.smaa(None, "wsm", n_samples=500, pairwise=False)

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "mcda", "smaa", str(DATA / "laptops.yaml"), "--samples", "500",
                               "--format", "csv", *args], capture_output=True, text=True, check=False)

    shown = cli("--show", "winning")
    assert shown.returncode == 0, shown.stderr
    refused = cli("--show", "winning", "--no-pairwise")
    assert refused.returncode == 2 and "--no-pairwise" in refused.stderr
    assert cli("--pairwise").stdout == cli("--no-pairwise").stdout  # acceptability does not depend on it


def _peak(m: int, pairwise: bool) -> int:
    X = np.random.default_rng(m).random((m, 6)) + 0.5
    tracemalloc.start()
    smaa(X, np.ones(6, bool), "topsis", 4000, rng=0, n_jobs=1, pairwise=pairwise)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def test_memory_is_linear_in_m_without_the_pairwise_indices() -> None:
    # per sample everything is O(m); the (m, m) results themselves are 8 * m * m bytes, small next to it here
    small, large = _peak(100, False), _peak(400, False)
    assert large < 5.0 * small, (small, large)  # linear: 4x; quadratic per sample would be 16x


def test_rank_stats_keep_no_m_by_m_temporary_per_sample() -> None:
    sT = np.random.default_rng(1).random((300, 2000))
    tracemalloc.start()
    acc, ties, wins, _ = rank_counts(sT, pairwise=False)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert wins is None and ties is None and acc.sum() == 300 * 2000
    assert peak < 20 * sT.nbytes  # an (m, m, S) comparison would be 300 times sT


def test_the_block_context_travels_without_its_scorer_and_cache() -> None:
    import pickle

    from mcda.sensitivity._driver import BlockContext, DrawCache

    X = np.array([[1.0, 2.0], [2.0, 1.0]])
    meth = mcda.get_method("topsis")
    ctx = BlockContext(X=X, benefit=np.ones(2, bool), method=meth, dist=WeightDistribution.uniform(2),
                       entropy=(3,), n_samples=10, evidence="none", lo=X, hi=X, conf=np.ones_like(X),
                       pairwise=False, progress=True, scorer=meth.prepare_T(X, np.ones(2, bool)), cache=DrawCache())
    back = pickle.loads(pickle.dumps(ctx.for_wire()))
    assert back.scorer is None and back.cache is None and not back.progress and back.pairwise is False
    np.testing.assert_array_equal(back.on_worker().weights_T(0), ctx.weights_T(0))
    again, here = back.on_worker().scorer, ctx.scorer
    assert again is not None and here is not None
    np.testing.assert_array_equal(again(ctx.weights_T(0)), here(ctx.weights_T(0)))


def test_pairwise_off_on_dask_is_the_local_result() -> None:
    distributed = pytest.importorskip("distributed")
    X = np.random.default_rng(3).random((8, 4)) + 0.5
    b = np.array([True, False, True, True])
    local = smaa(X, b, "topsis", 20_000, rng=5, pairwise=False, n_jobs=1)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cl, \
            distributed.Client(cl) as client:
        remote = smaa(X, b, "topsis", 20_000, rng=5, pairwise=False, client=client)
    assert remote.winning is None
    for f in SAME:
        np.testing.assert_array_equal(getattr(local, f), getattr(remote, f), err_msg=f)
