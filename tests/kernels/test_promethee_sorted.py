"""PROMETHEE flows from one sort per criterion equal the plain pairwise definition.

The reference below builds every pairwise difference ``d`` (the same float
subtraction ``x_a - x_b``, or ``x_b - x_a`` on a cost criterion) and applies
the documented preference functions literally: O(m^2 n), no sorting, no
prefix sums. Data are drawn with many ties and with thresholds equal to
differences that occur, so that every "d exactly q / p" case is exercised.
"""

from __future__ import annotations

import tracemalloc
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mcda.kernels import promethee as prom
from mcda.kernels import promethee_i, promethee_ii, unicriterion_flows

FUNCS = ["usual", "u-shape", "v-shape", "level", "linear", "gaussian"]
PROPS = settings(max_examples=150, deadline=None)


def reference_pref(d: np.ndarray, f: str, q: float, p: float, s: float) -> np.ndarray:
    """The documented table, read literally (P = 0 for d <= 0 in every case)."""
    if f == "usual":
        return np.where(d > 0, 1.0, 0.0)
    if f == "u-shape":
        return np.where(d > q, 1.0, 0.0)
    if f == "v-shape":
        return np.where(d <= 0, 0.0, np.where(d <= p, d / p, 1.0))
    if f == "level":
        return np.where(d <= q, 0.0, np.where(d <= p, 0.5, 1.0))
    if f == "linear":
        return np.where(d <= q, 0.0, np.where(d <= p, (d - q) / (p - q), 1.0))
    return np.where(d <= 0, 0.0, 1.0 - np.exp(-((d / s) ** 2) / 2.0))


def reference_flows(X, w, benefit, funcs, q, p, s):  # type: ignore[no-untyped-def]
    """phi+, phi- by the pairwise definition."""
    m, n = X.shape
    plus, minus = np.zeros((m, n)), np.zeros((m, n))
    for j in range(n):
        with np.errstate(over="ignore"):  # beyond the float range: +-inf, past every threshold
            diff = np.subtract.outer(X[:, j], X[:, j])  # x_a - x_b
        d = diff if benefit[j] else diff.T  # cost: x_b - x_a, the same float subtraction
        with np.errstate(over="ignore", invalid="ignore"):
            P = reference_pref(d, funcs[j], q[j], p[j], s[j])
        plus[:, j], minus[:, j] = P.sum(axis=1), P.sum(axis=0)
    scale = 1.0 / (m - 1) if m > 1 else 0.0
    return plus @ w * scale, minus @ w * scale


@st.composite
def tied_problems(draw: st.DrawFn, max_m: int = 40, grid: bool = True):  # type: ignore[no-untyped-def]
    """A matrix with many ties, per-criterion functions and thresholds that occur as differences."""
    m = draw(st.integers(1, max_m))
    n = draw(st.integers(1, 6))
    if grid:  # dyadic grid: every difference and threshold exact
        step = draw(st.sampled_from([0.25, 1.0, 3.0, 1024.0]))
        X = draw(arrays(np.int64, (m, n), elements=st.integers(-6, 6))) * step
    else:  # arbitrary floats of one magnitude, drawn from a few distinct values per column
        scale = draw(st.sampled_from([1e-6, 1.0, 7.3, 1e5]))
        pool = draw(arrays(np.float64, (4,), elements=st.floats(-100.0, 100.0))) * scale
        X = pool[draw(arrays(np.int64, (m, n), elements=st.integers(0, 3)))]
        X += draw(arrays(np.float64, (m, n), elements=st.sampled_from([0.0, 0.0, 1e-3 * scale, 0.37 * scale])))
    funcs = [draw(st.sampled_from(FUNCS)) for _ in range(n)]
    benefit = draw(arrays(np.bool_, (n,)))
    q, p, s = np.zeros(n), np.zeros(n), np.zeros(n)
    for j in range(n):
        diffs = np.unique(np.abs(np.subtract.outer(X[:, j], X[:, j])))
        pos = diffs[diffs > 0]
        lo = draw(st.sampled_from([0.0, *pos[:3]]))
        hi = draw(st.sampled_from([*pos[-3:], lo + 1.0, lo + 2.5])) if pos.size else lo + 1.0
        q[j], p[j] = (lo, hi) if hi > lo else (lo, lo + 1.0)
        s[j] = p[j]
    raw = draw(arrays(np.float64, (n,), elements=st.floats(0.01, 1.0)))
    return X, raw / raw.sum(), benefit, funcs, q, p, s


def _tolerance(funcs: list[str], q: np.ndarray, p: np.ndarray) -> float:
    """1e-12, plus the reference's own rounding on a ramp: it rounds each ``d`` (by up to
    ``eps/2 p``) before dividing by ``p - q``, a sum of exact differences does not."""
    ramps = [j for j, f in enumerate(funcs) if f in ("v-shape", "linear")]
    t0 = np.array([q[j] if funcs[j] == "linear" else 0.0 for j in ramps])
    cond = max((p[ramps] / (p[ramps] - t0)).tolist(), default=0.0)
    return 1e-12 + 4 * np.finfo(float).eps * cond


def _check(problem, sorted_from: int) -> None:  # type: ignore[no-untyped-def]
    X, w, benefit, funcs, q, p, s = problem
    plus, minus = reference_flows(X, w, benefit, funcs, q, p, s)
    with mock.patch.object(prom, "SORTED_FROM", sorted_from):
        r = promethee_ii(X, w, benefit, funcs, q=q, p=p, s=s)
    tol = _tolerance(funcs, q, p)
    np.testing.assert_allclose(r.phi_plus, plus, rtol=0, atol=tol)
    np.testing.assert_allclose(r.phi_minus, minus, rtol=0, atol=tol)
    np.testing.assert_allclose(r.phi, plus - minus, rtol=0, atol=2 * tol)
    ref = prom.PrometheeResult(plus, minus, plus - minus)
    np.testing.assert_array_equal(promethee_i(r), promethee_i(ref))


@PROPS
@given(problem=tied_problems())
def test_sorted_flows_equal_the_pairwise_definition_on_grid_data(problem) -> None:  # type: ignore[no-untyped-def]
    _check(problem, sorted_from=1)  # every piecewise criterion through the sorted path


@PROPS
@given(problem=tied_problems(grid=False))
def test_sorted_flows_equal_the_pairwise_definition_on_float_data(problem) -> None:  # type: ignore[no-untyped-def]
    _check(problem, sorted_from=1)


@settings(max_examples=25, deadline=None)
@given(problem=tied_problems(max_m=200))
def test_default_paths_equal_the_pairwise_definition(problem) -> None:  # type: ignore[no-untyped-def]
    _check(problem, sorted_from=prom.SORTED_FROM)


@pytest.mark.parametrize("func", ["v-shape", "linear", "level", "usual"])
def test_values_near_the_float_limits(func: str) -> None:
    """Columns whose ramp sums would leave the float range go pair by pair; the rest stay exact."""
    rng = np.random.default_rng(5)
    X = np.column_stack([rng.choice([-1.7e308, 0.0, 1.7e308], 120), rng.choice([1e-300, 3e-300, 0.0], 120),
                         rng.integers(0, 5, 120) * 1e280])
    w, benefit = np.array([0.2, 0.3, 0.5]), np.array([True, False, True])
    q, p = np.array([0.0, 1e-300, 1e280]), np.array([1e308, 2e-300, 2e280])
    plus, minus = reference_flows(X, w, benefit, [func] * 3, q, p, p)
    r = promethee_ii(X, w, benefit, func, q=q, p=p)
    np.testing.assert_allclose(r.phi_plus, plus, rtol=0, atol=1e-12)
    np.testing.assert_allclose(r.phi_minus, minus, rtol=0, atol=1e-12)


def test_many_ties_within_rounding_of_a_threshold() -> None:
    """Values one ulp apart around a large offset: the float difference decides, as in the definition."""
    base = 1e6
    X = (base + np.arange(-150, 150) % 7 * np.spacing(base) * 3)[:, None] * np.ones((1, 3))
    X[:, 1] = np.repeat([base, np.nextafter(base, 2e6), base + 1.0], 100)
    q = np.array([2 * np.spacing(base), 0.0, 1.0])
    p = q + np.array([np.spacing(base) * 9, 1.0, 0.5])
    w, benefit = np.full(3, 1 / 3), np.array([True, False, True])
    for func in ("u-shape", "level", "linear"):
        plus, minus = reference_flows(X, w, benefit, [func] * 3, q, p, p)
        r = promethee_ii(X, w, benefit, func, q=q, p=p)
        np.testing.assert_allclose(r.phi_plus, plus, rtol=0, atol=1e-12)
        np.testing.assert_allclose(r.phi_minus, minus, rtol=0, atol=1e-12)


def test_unicriterion_flows_use_the_same_sums() -> None:
    rng = np.random.default_rng(2)
    X = rng.integers(0, 9, (300, 4)) / 4
    benefit = np.array([True, False, True, False])
    funcs = ["usual", "v-shape", "level", "gaussian"]
    phi_j = unicriterion_flows(X, benefit, funcs, q=0.25, p=1.0, s=0.5)
    for j in range(4):
        e = np.eye(4)[j]
        plus, minus = reference_flows(X, e, benefit, funcs, np.full(4, 0.25), np.full(4, 1.0), np.full(4, 0.5))
        np.testing.assert_allclose(phi_j[:, j], plus - minus, rtol=0, atol=1e-12)


def test_memory_is_linear_in_the_alternatives() -> None:
    """20,000 x 5 with piecewise criteria: a few copies of the matrix, never the (m, m) pairs."""
    rng = np.random.default_rng(3)
    X = rng.uniform(0.0, 100.0, (20_000, 5))
    w, benefit = np.full(5, 0.2), np.array([True, True, False, True, False])
    funcs = ["usual", "u-shape", "v-shape", "level", "linear"]
    tracemalloc.start()
    r = promethee_ii(X, w, benefit, funcs, q=1.0, p=5.0)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 40 * X.nbytes  # the pairs alone would be 20,000 x 20,000 x 8 bytes = 3.2 GB
    assert abs(float(r.phi.sum())) < 1e-9


def test_a_tiny_gaussian_parameter_gives_finite_flows() -> None:
    """s so small that s**2 underflows to 0: the preference is read as (d / s)**2, never 0 / 0 (found by the
    float-data property above)."""
    from mcda.kernels import promethee_ii

    X = np.array([[3.27739234e-167], [0.0]])
    net = promethee_ii(X, np.array([1.0]), np.array([False]), "gaussian", s=np.array([3.27739234e-167])).phi
    np.testing.assert_allclose(net, [-(1 - np.exp(-0.5)), 1 - np.exp(-0.5)], rtol=1e-12)
