"""The method contract, checked for every declared variant of every registered method.

In the spirit of scikit-learn's ``parametrize_with_checks``: the cases come from
the registry (:data:`mcda.methods.METHODS`) and each class's
:meth:`~mcda.methods.Method.variants`, so a new method is checked here as soon
as it is registered. Checked: the registry itself; shapes and dtype; batched ==
looped and permutation equivariance (hypothesis); criteria order; no mutation;
and that every declared capability agrees with plain scoring (prepared scorers,
linear and log-linear tables, tipping polynomials, stack scoring, explanations).
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mcda
from mcda.errors import MCDAError
from mcda.methods import METHODS, Method, get_method
from mcda.testing import decision_problems

VARIANTS = [v for name in sorted(METHODS) for v in METHODS[name].variants()]
IDS = [repr(v) for v in VARIANTS]
pytestmark = pytest.mark.parametrize("method", VARIANTS, ids=IDS)

X0 = np.array([[3.0, 200.0, 0.7, 12.0], [5.0, 150.0, 0.9, 10.0], [4.0, 300.0, 0.4, 15.0],
               [2.0, 250.0, 0.8, 11.0], [6.0, 100.0, 0.6, 14.0]])
B0 = np.array([True, False, True, False])
M, N = X0.shape
PER_METHOD = settings(max_examples=25, deadline=None)


def problem(method: Method) -> tuple[np.ndarray, np.ndarray]:
    """X0 with cost columns, or all-benefit for variants that cannot orient costs ('none')."""
    try:
        method.check(X0, B0)
        return X0, B0
    except MCDAError:
        return X0, np.ones(N, dtype=bool)


def weights(shape: tuple[int, ...], seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).dirichlet(np.ones(N), size=shape)


def valid(method: Method, X: np.ndarray, benefit: np.ndarray) -> bool:
    try:
        method.check(X, benefit)
    except MCDAError:
        return False
    return True


# ----------------------------------------------------------------------- registry


def test_registry_entry(method: Method) -> None:
    cls = type(method)
    assert METHODS[cls.name] is cls
    assert dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen  # type: ignore[attr-defined]
    assert isinstance(cls.higher_is_better, bool)
    options = {f.name: getattr(method, f.name) for f in dataclasses.fields(cls)}
    assert get_method(cls.name, **options) == method  # the one way options reach a method
    assert mcda.get_method(method) is method


# ----------------------------------------------------------------- shapes, batching


@pytest.mark.parametrize("batch", [(), (7,), (2, 3), (0,)])
def test_output_shape(method: Method, batch: tuple[int, ...]) -> None:
    X, b = problem(method)
    S = method.scores(X, weights(batch, seed=9), b)
    assert S.shape == (*batch, M) and S.dtype == np.float64
    assert np.isfinite(S).all()


@PER_METHOD
@given(arr=decision_problems(), data=st.data())
def test_batched_equals_looped_and_permutation_equivariant(method: Method, arr: mcda.DecisionArrays,
                                                           data: st.DataObject) -> None:
    X, benefit = arr.X, arr.benefit
    if not valid(method, X, benefit):
        return  # refused consistently: the bad-input tests check the message
    W = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1))).dirichlet(np.ones(X.shape[1]), size=3)
    batch = method.scores(X, W, benefit)
    looped = np.stack([method.scores(X, w, benefit) for w in W])
    np.testing.assert_allclose(batch, looped, rtol=1e-12, atol=1e-12)
    perm = list(data.draw(st.permutations(range(X.shape[0]))))
    np.testing.assert_allclose(method.scores(X[perm], W, benefit), batch[:, perm], rtol=1e-9, atol=1e-12)


def test_criteria_order_changes_nothing(method: Method) -> None:
    X, b = problem(method)
    W = weights((4,), seed=3)
    perm = [2, 0, 3, 1]
    np.testing.assert_allclose(method.scores(X[:, perm], W[:, perm], b[perm]), method.scores(X, W, b),
                               rtol=1e-12, atol=1e-14)


def test_does_not_mutate_inputs(method: Method) -> None:
    X, b = problem(method)
    Xc, bc, W = X.copy(), b.copy(), weights((3,))
    Wc = W.copy()
    method.scores(Xc, W, bc)
    method.explain(Xc, W[0], bc)
    np.testing.assert_array_equal(Xc, X)
    np.testing.assert_array_equal(bc, b)
    np.testing.assert_array_equal(W, Wc)


def test_weakly_dominating_alternative_is_not_beaten(method: Method) -> None:
    X, b = problem(method)
    X = X.copy()
    X[0] = np.where(b, X[1] * 1.5, X[1] / 1.5)
    S = method.scores(X, weights((20,), seed=4), b)
    sign = 1.0 if method.higher_is_better else -1.0
    assert np.all(sign * (S[:, 0] - S[:, 1]) >= -1e-12)


# ------------------------------------------------------- declared capabilities agree


def test_prepared_scorers_equal_plain_scores(method: Method) -> None:
    X, b = problem(method)
    W = weights((6,), seed=5)
    S = method.scores(X, W, b)
    np.testing.assert_allclose(method.prepare(X, b)(W), S, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(method.prepare_T(X, b)(np.ascontiguousarray(W.T)).T, S, rtol=1e-12, atol=1e-14)
    ws: dict[str, np.ndarray] = {}
    np.testing.assert_allclose(method.prepare_T(X, b)(np.ascontiguousarray(W.T), ws).T, S, rtol=1e-12,
                               atol=1e-14)


def test_linear_and_log_linear_tables_reproduce_the_scores(method: Method) -> None:
    X, b = problem(method)
    W = weights((6,), seed=6)
    S = method.scores(X, W, b)
    R = method.linear_table(X, b)
    if R is not None:
        np.testing.assert_allclose(W @ R.T, S, rtol=1e-12, atol=1e-14)
    L = method.log_linear_table(X, b)
    if L is not None:
        np.testing.assert_allclose(np.exp(W @ L.T), S, rtol=1e-12, atol=1e-14)
    assert method.closed_form == (type(method).gap_polynomials is not Method.gap_polynomials
                                  or type(method).linear_table is not Method.linear_table
                                  or type(method).log_linear_table is not Method.log_linear_table)


def test_gap_polynomials_have_the_sign_of_the_score_gap(method: Method) -> None:
    X, b = problem(method)
    A, B = weights((), seed=7), weights((), seed=8) - weights((), seed=7)
    i, k = np.array([0, 1, 2, 3]), np.array([1, 2, 3, 4])
    coefs = method.gap_polynomials(X, b, A, B, i, k)
    if coefs is None:
        assert not method.closed_form or method.log_linear_table(X, b) is None
        return
    t = np.linspace(0.0, 1.0, 41)
    S = method.scores(X, A + t[:, None] * B, b)
    gap = S[:, i] - S[:, k]
    poly = np.stack([np.polyval(c, t) for c in coefs], axis=1)
    clear = np.abs(gap) > 1e-9
    sign = 1.0 if method.higher_is_better else -1.0  # polynomials follow the scores, not the ranking
    assert sign != 0
    np.testing.assert_array_equal(np.sign(poly[clear]), np.sign(gap[clear]))


def test_stack_scores_equal_scores_per_matrix(method: Method) -> None:
    X, b = problem(method)
    rng = np.random.default_rng(10)
    Xs = X[None] * rng.uniform(0.9, 1.1, size=(4, *X.shape))
    W = weights((4, 2), seed=11)
    got = method.stack_scores(Xs, W, b)
    want = np.stack([method.scores(Xs[u], W[u], b) for u in range(4)])
    np.testing.assert_allclose(got, want, rtol=1e-11, atol=1e-13)
    grouped = method.stack_scores(Xs[:2], W, b)  # two matrices, each shared by two weight rows
    want2 = np.stack([method.scores(Xs[u // 2], W[u], b) for u in range(4)])
    np.testing.assert_allclose(grouped, want2, rtol=1e-11, atol=1e-13)
    if method.vectorised_evidence:
        assert type(method).stack_scores is not Method.stack_scores


def test_explanation_tables_are_per_cell(method: Method) -> None:
    X, b = problem(method)
    tables = method.explain(X, weights((), seed=12), b)
    assert tables, "a method explains its scores with at least one named table"
    for name, table in tables.items():
        assert np.shape(table) == (M, N), name
        assert not np.isnan(table).any(), name


def test_near_constant_columns_score_as_the_normalised_table(method: Method) -> None:
    """A column whose range is tiny next to its values (a log value function can make one):
    the fast kernels must not lose it to cancellation; scores equal W @ normalize(X).T."""
    X, b = problem(method)
    X = X.copy()
    X[:, 2] = 2.5849625007211565 * (1.0 + np.array([0.0, 2e-16, 0.0, 4e-16, 2e-16]))
    W = weights((4,), seed=13)
    try:
        method.check(X, b)
    except MCDAError:
        return
    S = method.scores(X, W, b)
    R = method.linear_table(X, b)
    if R is not None:
        np.testing.assert_allclose(S, W @ R.T, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(S, np.stack([method.scores(X, w, b) for w in W]), rtol=1e-12, atol=1e-12)
