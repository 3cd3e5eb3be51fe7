"""Weight samplers obey their constraints and have the right distribution; the evidence model."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from mcda.errors import InputError
from mcda.sensitivity import (
    WeightConstraints,
    WeightDistribution,
    hit_and_run,
    sample_constrained,
    sample_dirichlet,
    sample_evidence,
    sample_uniform,
)


def test_uniform_marginal_is_beta_1_n_minus_1() -> None:
    """A coordinate of a uniform point of the n-simplex is Beta(1, n - 1)."""
    W = sample_uniform(4, 20000, rng=3)
    assert W.shape == (20000, 4) and np.all(W >= 0)
    np.testing.assert_allclose(W.sum(axis=1), 1.0)
    assert stats.kstest(W[:, 2], stats.beta(1, 3).cdf).pvalue > 1e-3


def test_samplers_are_seeded() -> None:
    np.testing.assert_array_equal(sample_uniform(3, 10, rng=7), sample_uniform(3, 10, rng=7))
    assert not np.array_equal(sample_uniform(3, 10, rng=7), sample_uniform(3, 10, rng=8))
    g1, g2 = np.random.default_rng(1), np.random.default_rng(1)
    np.testing.assert_array_equal(sample_dirichlet([0.5, 0.5], 10, 5, g1), sample_dirichlet([0.5, 0.5], 10, 5, g2))


def test_dirichlet_mean_and_variance() -> None:
    c = np.array([0.5, 0.3, 0.2, 0.0])
    W = sample_dirichlet(c, 50.0, 40000, rng=0)
    np.testing.assert_allclose(W.mean(axis=0), c, atol=3e-3)
    np.testing.assert_allclose(W[:, :3].var(axis=0), c[:3] * (1 - c[:3]) / 51.0, rtol=0.05)
    assert np.all(W[:, 3] == 0.0)


def test_exact_lower_bounds_are_uniform_on_the_shrunk_simplex() -> None:
    lo = np.array([0.1, 0.2, 0.0])
    W = sample_constrained(3, 20000, WeightConstraints(lower=lo), rng=1, method="exact")
    assert np.all(W >= lo - 1e-15)
    np.testing.assert_allclose(W.mean(axis=0), lo + 0.7 / 3, atol=4e-3)


def test_exact_complete_order_matches_spacing_order_statistics() -> None:
    """Sorted uniform simplex points: E[w_(k)] = (1/n) sum_{i=k}^n 1/i (uniform spacings)."""
    n = 4
    cons = WeightConstraints(order=((2, 0), (0, 3), (3, 1)))  # w2 >= w0 >= w3 >= w1
    W = sample_constrained(n, 40000, cons, rng=2, method="exact")
    assert cons.satisfied(W).all()
    expected = [sum(1 / i for i in range(k, n + 1)) / n for k in range(1, n + 1)]
    np.testing.assert_allclose(W[:, [2, 0, 3, 1]].mean(axis=0), expected, atol=3e-3)


@pytest.mark.parametrize("method", ["rejection", "hit-and-run"])
def test_constrained_samples_obey_bounds_and_order(method: str) -> None:
    cons = WeightConstraints(lower=np.array([0.0, 0.1, 0.0, 0.0]), upper=np.array([0.6, 1.0, 0.3, 1.0]),
                             order=((0, 2),))
    W = sample_constrained(4, 6000, cons, rng=4, method=method)
    assert W.shape == (6000, 4)
    assert cons.satisfied(W, atol=1e-9).all()
    np.testing.assert_allclose(W.sum(axis=1), 1.0)


def test_hit_and_run_is_close_to_uniform_on_the_polytope() -> None:
    cons = WeightConstraints(upper=np.array([0.5, 0.5, 0.5]), order=((0, 1),))
    exact = sample_constrained(3, 40000, cons, rng=5, method="rejection")
    har = hit_and_run(3, 40000, cons, rng=6)
    np.testing.assert_allclose(har.mean(axis=0), exact.mean(axis=0), atol=0.01)
    np.testing.assert_allclose(har.std(axis=0), exact.std(axis=0), atol=0.01)


def test_auto_switches_to_hit_and_run_when_rejection_is_hopeless() -> None:
    cons = WeightConstraints(lower=np.array([0.3, 0.3, 0.3, 0.0, 0.0]), upper=np.array([1, 1, 1, 0.05, 0.05]))
    W = sample_constrained(5, 500, cons, rng=0)
    assert cons.satisfied(W, atol=1e-9).all()


def test_infeasible_or_malformed_constraints_are_refused() -> None:
    with pytest.raises(InputError, match="infeasible"):
        sample_constrained(3, 10, WeightConstraints(lower=np.array([0.5, 0.5, 0.5])))
    with pytest.raises(InputError, match="order constraint"):
        sample_constrained(3, 10, WeightConstraints(order=((0, 0),)))
    with pytest.raises(InputError, match="method"):
        sample_constrained(3, 10, WeightConstraints(), method="magic")
    with pytest.raises(InputError, match="concentration"):
        sample_dirichlet([0.5, 0.5], -1.0, 10)


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 6).flatmap(lambda n: st.tuples(
    st.just(n),
    st.lists(st.floats(0.0, 0.15), min_size=n, max_size=n),
    st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] != p[1]), max_size=2),
)))
def test_any_feasible_constraints_are_obeyed(case: tuple[int, list[float], list[tuple[int, int]]]) -> None:
    n, lower, order = case
    cons = WeightConstraints(lower=np.array(lower), order=tuple(order))
    try:
        cons.validate(n)
        W = sample_constrained(n, 300, cons, rng=0)
    except InputError as exc:
        # contradictory orders can leave nothing, or only a set without interior (a >= b >= a):
        # those are refused with a message, never sampled wrongly
        assert "infeasible" in str(exc) or "interior" in str(exc)
        return
    assert cons.satisfied(W, atol=1e-9).all()
    np.testing.assert_allclose(W.sum(axis=1), 1.0)


def test_weight_distribution_dirichlet_with_constraints_uses_rejection() -> None:
    cons = WeightConstraints(order=((0, 1),))
    d = WeightDistribution.dirichlet([0.5, 0.3, 0.2], 20.0, cons)
    W = d.sample(2000, np.random.default_rng(0))
    assert cons.satisfied(W).all()
    np.testing.assert_array_equal(d.sample_T(5, np.random.default_rng(1)), d.sample(5, np.random.default_rng(1)).T)


# ---------------------------------------------------------------------- evidence model

X = np.array([[1.0, 5.0], [3.0, 7.0], [2.0, 9.0]])
LO = np.array([[0.0, 5.0], [3.0, 6.0], [2.0, 9.0]])
HI = np.array([[2.0, 5.0], [3.0, 8.0], [2.0, 9.0]])


def test_interval_model_stays_inside_bounds_and_keeps_points() -> None:
    Xs = sample_evidence(X, LO, HI, np.ones_like(X), 5000, np.random.default_rng(0), "interval")
    assert np.all(Xs >= LO) and np.all(Xs <= HI)
    np.testing.assert_array_equal(Xs[:, 2], np.broadcast_to(X[2], (5000, 2)))
    assert stats.kstest(Xs[:, 0, 0], stats.uniform(0.0, 2.0).cdf).pvalue > 1e-3


def test_mixture_model_replaces_with_probability_one_minus_confidence() -> None:
    conf = np.array([[1.0, 1.0], [1.0, 1.0], [0.25, 0.0]])
    Xs = sample_evidence(X, LO, HI, conf, 20000, np.random.default_rng(1), "mixture")
    assert np.all(Xs >= LO.min(axis=0)) and np.all(Xs <= HI.max(axis=0))
    kept = np.mean(Xs[:, 2, 0] == 2.0)  # replacement draws are continuous: never exactly 2.0
    assert kept == pytest.approx(0.25, abs=0.01)
    assert stats.kstest(Xs[:, 2, 1], stats.uniform(5.0, 4.0).cdf).pvalue > 1e-3  # confidence 0: whole range
    np.testing.assert_array_equal(Xs[:, 0, 1], 5.0)  # confidence 1, point: never moves


def test_none_model_returns_the_point_values() -> None:
    Xs = sample_evidence(X, LO, HI, np.zeros_like(X), 3, np.random.default_rng(0), "none")
    np.testing.assert_array_equal(Xs, np.broadcast_to(X, (3, 3, 2)))
