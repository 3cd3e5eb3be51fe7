"""Hypothesis properties of the new methods, weights and rank comparisons: invariants, not examples.

Matrices are small (m <= 6, n <= 5), 20 examples per property and case, so
the file runs in seconds.
"""

from __future__ import annotations

import numpy as np
import pytest
from _method_cases import CASES, IDS, Case
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mcda.compare import kendall_tau, spearman, weighted_spearman, ws_coefficient
from mcda.errors import InputError
from mcda.kernels import copras, promethee_i, promethee_ii, vikor, vikor_compromise
from mcda.weights import bwm_details, critic, entropy, merec, rank_reciprocal, rank_sum, roc, std, swara

PER_CASE = settings(max_examples=20, deadline=None)
FAST = settings(max_examples=60, deadline=None)
cases = pytest.mark.parametrize("case", CASES, ids=IDS)

values = st.floats(min_value=0.1, max_value=1000.0, allow_nan=False, allow_infinity=False)


# On a grid: columns are either constant or clearly not (no 1 - E rounding to 1e-17).
grid_values = st.integers(1, 2000).map(lambda k: k / 2.0)


@st.composite
def problems(
    draw: st.DrawFn, min_m: int = 1, max_m: int = 6, max_n: int = 5, elements: st.SearchStrategy[float] = values
) -> tuple[np.ndarray, np.ndarray]:
    m = draw(st.integers(min_m, max_m))
    n = draw(st.integers(1, max_n))
    return draw(arrays(np.float64, (m, n), elements=elements)), draw(arrays(np.bool_, (n,)))


@st.composite
def weight_batches(draw: st.DrawFn, n: int, max_k: int = 4) -> np.ndarray:
    k = draw(st.integers(1, max_k))
    raw = draw(arrays(np.float64, (k, n), elements=st.floats(0.0, 1.0)))
    raw[:, 0] += 1e-3
    return raw / raw.sum(axis=1, keepdims=True)


def options_for(case: Case, n: int) -> dict[str, object]:
    """The case's options with thresholds cut to n criteria."""
    return {k: (np.resize(v, n) if isinstance(v, np.ndarray) else v) for k, v in case.options.items()}


def score(case: Case, X: np.ndarray, W: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    return Case(case.name, options_for(case, X.shape[1]), higher_is_better=case.higher_is_better).score(X, W, benefit)


@cases
@PER_CASE
@given(data=st.data())
def test_dominance_is_respected(case: Case, data: st.DataObject) -> None:
    X, benefit = data.draw(problems(min_m=2))
    improve = data.draw(arrays(np.float64, (X.shape[1],), elements=st.floats(1.0, 3.0)))
    X = X.copy()
    X[0] = np.where(benefit, X[1] * improve, X[1] / improve)  # row 0 weakly dominates row 1
    W = data.draw(weight_batches(X.shape[1]))
    S = score(case, X, W, benefit)
    tol = 1e-12 * np.maximum(1.0, np.abs(S[:, 1]))
    assert np.all(case.better_or_equal(S[:, 0], S[:, 1], tol))


@cases
@PER_CASE
@given(data=st.data())
def test_gritty_data_gives_finite_scores_or_a_located_error(case: Case, data: st.DataObject) -> None:
    """Zeros, repeats, constant columns: finite scores, or an InputError naming a cell or column."""
    m, n = data.draw(st.integers(1, 6)), data.draw(st.integers(1, 5))
    gritty = st.sampled_from([0.0, 0.0, 1.0, 1.0, 1e-9, 5.0, 1e6])
    X = data.draw(arrays(np.float64, (m, n), elements=gritty | values))
    benefit = data.draw(arrays(np.bool_, (n,)))
    W = data.draw(weight_batches(n))
    try:
        S = score(case, X, W, benefit)
    except InputError as exc:
        assert case.name == "waspas" and ((X == 0) & ~benefit).any(), exc
        assert "X[" in str(exc)
        return
    assert np.isfinite(S).all()


@PER_CASE
@given(data=st.data())
def test_copras_raising_a_cost_never_raises_that_alternative(data: st.DataObject) -> None:
    """The issue's regression: a higher cost value can only lower the alternative's COPRAS score."""
    X, benefit = data.draw(problems(min_m=2))
    assume((~benefit).any())
    j = int(np.flatnonzero(~benefit)[data.draw(st.integers(0, int((~benefit).sum()) - 1))])
    i = data.draw(st.integers(0, X.shape[0] - 1))
    factor = data.draw(st.floats(1.01, 10.0))
    W = data.draw(weight_batches(X.shape[1]))
    X2 = X.copy()
    X2[i, j] *= factor
    before, after = copras(X, W, benefit), copras(X2, W, benefit)
    assert np.all(after[:, i] <= before[:, i] * (1 + 1e-12))


@PER_CASE
@given(data=st.data())
def test_vikor_measures_and_compromise_set(data: st.DataObject) -> None:
    X, benefit = data.draw(problems(min_m=2))
    W = data.draw(weight_batches(X.shape[1]))
    r = vikor(X, W, benefit)
    assert np.all((r.Q >= -1e-12) & (r.Q <= 1 + 1e-12))
    assert np.all(r.R <= r.S + 1e-12) and np.all(r.S <= 1 + 1e-12)
    c = vikor_compromise(r)
    rows = np.arange(W.shape[0])
    assert np.all(c.compromise[rows, c.best])  # the Q-best is always in the set
    single = c.compromise.sum(axis=-1) == 1
    np.testing.assert_array_equal(single | ~(c.advantage & c.stability), True)


@PER_CASE
@given(data=st.data())
def test_promethee_flows_are_consistent(data: st.DataObject) -> None:
    X, benefit = data.draw(problems(min_m=2))
    W = data.draw(weight_batches(X.shape[1]))
    func = data.draw(st.sampled_from(["usual", "v-shape", "linear", "gaussian"]))
    r = promethee_ii(X, W, benefit, func, q=1.0, p=50.0, s=20.0)
    np.testing.assert_allclose(r.phi.sum(axis=-1), 0.0, atol=1e-12)
    assert np.all((r.phi_plus >= -1e-12) & (r.phi_plus <= 1 + 1e-12))
    rel = promethee_i(r)
    np.testing.assert_array_equal(rel, np.where(rel == 2, 2, -np.swapaxes(rel, -1, -2)))  # antisymmetric
    outranks = rel == 1
    assert np.all(r.phi[..., :, None] >= r.phi[..., None, :] - 1e-12, where=outranks)


# ------------------------------------------------------------------------------ weights

positive_matrices = problems(min_m=2, elements=grid_values)


@FAST
@given(problem=positive_matrices)
def test_objective_weights_are_valid_or_refused(problem: tuple[np.ndarray, np.ndarray]) -> None:
    X, benefit = problem
    constant = X.max(axis=0) == X.min(axis=0)
    for func in (entropy, critic, std, merec):
        if constant.all():
            with pytest.raises(InputError, match="no criterion separates the alternatives"):
                func(X, benefit)
            continue
        try:
            w = func(X, benefit)
        except InputError as exc:  # CRITIC: every conflict sum 0 <=> all live columns perfectly correlated
            live = X[:, ~constant]
            oriented = np.where(benefit[~constant], live, -live)
            assert func is critic and np.allclose(np.corrcoef(oriented, rowvar=False), 1.0), exc
            continue
        assert w.shape == (X.shape[1],) and np.all(w >= 0)
        assert w.sum() == pytest.approx(1.0)
        assert np.all(w[constant] == 0)


@FAST
@given(problem=positive_matrices, data=st.data())
def test_objective_weights_follow_the_criteria(problem: tuple[np.ndarray, np.ndarray], data: st.DataObject) -> None:
    X, benefit = problem
    assume((X.max(axis=0) > X.min(axis=0)).any())
    perm = np.asarray(data.draw(st.permutations(range(X.shape[1]))))
    c = data.draw(arrays(np.float64, (X.shape[1],), elements=st.floats(0.1, 10.0)))
    for func in (entropy, critic, std, merec):
        try:
            w = func(X, benefit)
        except InputError:
            assert func is critic  # perfectly correlated criteria, covered above
            continue
        np.testing.assert_allclose(func(X[:, perm], benefit[perm]), w[perm], rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(func(X * c, benefit), w, rtol=1e-7, atol=1e-10)  # unit-free


rank_vectors = st.integers(1, 9).flatmap(lambda n: st.lists(st.integers(1, n), min_size=n, max_size=n))


@FAST
@given(ranks=rank_vectors)
def test_rank_based_weights(ranks: list[int]) -> None:
    r = np.asarray(ranks, dtype=float)
    for func in (roc, rank_sum, rank_reciprocal):
        w = func(r)
        assert w.sum() == pytest.approx(1.0) and np.all(w > 0)
        more_important = r[:, None] < r[None, :]
        assert np.all(w[:, None] > w[None, :], where=more_important)
        np.testing.assert_array_equal(w[:, None] == w[None, :], r[:, None] == r[None, :])


@FAST
@given(s=st.lists(st.floats(0.0, 2.0), max_size=8))
def test_swara_weights_decrease(s: list[float]) -> None:
    w = swara(s)
    assert w.shape == (len(s) + 1,) and w.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(w[1:] * (1 + np.asarray(s)), w[:-1], rtol=1e-12)


@settings(max_examples=25, deadline=None)  # the nonlinear model solves ~35 small LPs per call
@given(v=arrays(np.float64, st.integers(2, 7), elements=st.floats(1.0, 9.0)))
def test_bwm_is_exact_on_consistent_comparisons(v: np.ndarray) -> None:
    """Comparisons built from a weight vector are consistent: xi = 0, CR = 0, weights recovered."""
    best, worst = int(np.argmax(v)), int(np.argmin(v))
    assume(best != worst and np.unique(v).size == v.size)
    r = bwm_details(v[best] / v, v / v[worst])
    np.testing.assert_allclose(r.weights, v / v.sum(), rtol=1e-6, atol=1e-9)
    assert r.xi == pytest.approx(0.0, abs=1e-8) and r.consistency_ratio == pytest.approx(0.0, abs=1e-12)
    nl = bwm_details(v[best] / v, v / v[worst], model="nonlinear")
    np.testing.assert_allclose(nl.weights, v / v.sum(), rtol=1e-5, atol=1e-7)
    assert nl.xi == pytest.approx(0.0, abs=1e-6)


@FAST
@given(data=st.data())
def test_bwm_solution_is_feasible_and_optimal_bound(data: st.DataObject) -> None:
    n = data.draw(st.integers(2, 6))
    scale = st.sampled_from([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0])
    a_b = np.array(data.draw(st.lists(scale, min_size=n, max_size=n)))
    a_w = np.array(data.draw(st.lists(scale, min_size=n, max_size=n)))
    best, worst = 0, n - 1
    a_b[best], a_w[worst] = 1.0, 1.0
    a_b[worst] = a_w[best] = max(a_b[worst], 2.0)
    a_b[:] = np.where((a_b == 1) & (np.arange(n) != best), 2.0, a_b)
    a_w[:] = np.where((a_w == 1) & (np.arange(n) != worst), 2.0, a_w)
    r = bwm_details(a_b, a_w)
    w = r.weights
    assert w.sum() == pytest.approx(1.0) and np.all(w >= 0)
    dev = max(np.abs(w[best] - a_b * w).max(), np.abs(w - a_w * w[worst]).max())
    assert dev <= r.xi + 1e-7
    # Equal weights are feasible, so the optimum is no worse than their deviation.
    e = np.full(n, 1.0 / n)
    assert r.xi <= max(np.abs(e[best] - a_b * e).max(), np.abs(e - a_w * e[worst]).max()) + 1e-9


# ------------------------------------------------------------------ rank comparisons


@FAST
@given(n=st.integers(2, 9), data=st.data())
def test_rank_coefficients(n: int, data: st.DataObject) -> None:
    x = np.asarray(data.draw(st.permutations(range(1, n + 1))), dtype=float)
    y = np.asarray(data.draw(st.permutations(range(1, n + 1))), dtype=float)
    for f in (spearman, kendall_tau, weighted_spearman, ws_coefficient):
        assert f(x, x) == pytest.approx(1.0)
        assert -1 - 1e-12 <= f(x, y) <= 1 + 1e-12
    for f in (spearman, kendall_tau, weighted_spearman):
        assert f(x, y) == pytest.approx(f(y, x))
    reverse = n + 1 - x
    assert spearman(x, reverse) == pytest.approx(-1.0) and kendall_tau(x, reverse) == pytest.approx(-1.0)
    assert ws_coefficient(x, y) >= -1e-12
    batch = np.stack([x, y, reverse])
    np.testing.assert_allclose(ws_coefficient(batch, y), [ws_coefficient(b, y) for b in batch])
