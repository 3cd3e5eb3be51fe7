"""Exact tipping points: confirmed by scoring at t ± ε, and cross-checked against a dense scan."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mcda
from mcda.errors import InputError
from mcda.sensitivity import WeightPath, leaf_path, tipping_points
from mcda.testing import decision_problems

# Hwang & Yoon (1981, pp. 133-134), fighter aircraft (also the kernels' reference case).
HY_X = np.array([[2.0, 1500, 20000, 5.5, 5, 9], [2.5, 2700, 18000, 6.5, 3, 5],
                 [1.8, 2000, 21000, 4.5, 7, 7], [2.2, 1800, 20000, 5.0, 5, 5]])
HY_W = np.array([0.2, 0.1, 0.1, 0.1, 0.2, 0.3])
HY_B = np.array([True, True, True, False, True, True])


@dataclass(frozen=True)
class Opaque:
    """A method the closed forms do not recognise: forces the numeric route."""

    inner: object
    name: ClassVar[str] = "opaque"
    higher_is_better: ClassVar[bool] = True

    def scores(self, X: np.ndarray, W: np.ndarray, benefit: np.ndarray) -> np.ndarray:
        return np.asarray(self.inner.scores(X, W, benefit))  # type: ignore[attr-defined]


def dense_crossings(meth: object, X: np.ndarray, b: np.ndarray, path: WeightPath, n: int = 20001) -> list[tuple]:
    """Independent check: sign changes of every pair's score gap on a dense grid."""
    t = np.linspace(0, 1, n)
    S = meth.scores(X, path.weights(t), b)  # type: ignore[attr-defined]
    out = []
    m = X.shape[0]
    for i in range(m):
        for k in range(i + 1, m):
            g = np.sign(S[:, i] - S[:, k])
            for j in np.flatnonzero(g[:-1] * g[1:] < 0):
                out.append((i, k, t[j], t[j + 1]))
    return out


def assert_confirmed(meth: object, X: np.ndarray, b: np.ndarray, tp: mcda.sensitivity.TippingPoints) -> None:
    """Each reported swap is seen by scoring just below and just above it (the step grows from 1e-7
    while the gap is too small to resolve, never past half the distance to the range ends)."""
    for t, a, c in zip(tp.t, tp.ahead, tp.behind, strict=True):
        seen = False
        for step in (1e-7, 1e-6, 1e-5, 1e-4, 1e-3):
            eps = min(step, t / 2, (1 - t) / 2)
            lo, hi = meth.scores(X, tp.path.weights(np.array([t - eps, t + eps])), b)  # type: ignore[attr-defined]
            if lo[a] > lo[c] and hi[c] > hi[a]:
                seen = True
                break
        assert seen, (t, a, c)


def test_wsm_tipping_point_by_hand() -> None:
    """R = [[1, 0], [0.5, 1]] ("max"); S0 = t, S1 = 1 - t/2: they cross at t = 2/3."""
    tp = tipping_points([[2.0, 0.0], [1.0, 1.0]], [True, True], 0, "wsm", w=[0.5, 0.5])
    assert tp.exact and len(tp) == 1
    assert tp.t[0] == pytest.approx(2 / 3, abs=1e-12)
    assert (tp.ahead[0], tp.behind[0], tp.leader_before[0], tp.leader_after[0]) == (1, 0, 1, 0)
    assert tp.distance[0] == pytest.approx(2 * (2 / 3 - 0.5))


@pytest.mark.parametrize("name", ["topsis", "wsm", "wpm", "ahp"])
@pytest.mark.parametrize("j", range(6))
def test_hwang_yoon_tipping_points_match_a_dense_scan(name: str, j: int) -> None:
    meth = mcda.get_method(name)
    path = leaf_path(HY_W, j)
    tp = tipping_points(HY_X, HY_B, path, meth)
    assert tp.exact
    assert_confirmed(meth, HY_X, HY_B, tp)
    scan = dense_crossings(meth, HY_X, HY_B, path)
    assert len(scan) == len(tp)
    for i, k, lo, hi in scan:
        hit = (np.minimum(tp.ahead, tp.behind) == i) & (np.maximum(tp.ahead, tp.behind) == k)
        assert np.any(hit & (tp.t >= lo - 1e-12) & (tp.t <= hi + 1e-12)), (i, k, lo, hi)


def test_topsis_pair_crossing_twice_is_found_exactly() -> None:
    """A quartic with two roots in (0, 1) for one pair: alternatives 1 and 2 swap and swap back."""
    X = np.array([[1.0, 8.0, 5.0], [8.0, 5.0, 6.0], [9.0, 8.0, 7.0]])
    b = np.array([True, True, False])
    w = np.array([0.07, 0.32, 0.61])
    meth = mcda.get_method("topsis")
    tp = tipping_points(X, b, 0, meth, w=w)
    pair12 = tp.t[(np.minimum(tp.ahead, tp.behind) == 1) & (np.maximum(tp.ahead, tp.behind) == 2)]
    assert pair12.size == 2
    assert_confirmed(meth, X, b, tp)
    scan = dense_crossings(meth, X, b, leaf_path(w, 0), n=200001)
    assert sorted(round(lo, 4) for i, k, lo, _ in scan if (i, k) == (1, 2)) == sorted(np.round(pair12, 4).tolist())


@settings(max_examples=40, deadline=None)
@given(decision_problems(max_alternatives=5, max_criteria=4), st.sampled_from(["topsis", "wsm", "wpm"]),
       st.data())
def test_every_tipping_point_swaps_the_pair(arr: mcda.DecisionArrays, name: str, data: st.DataObject) -> None:
    n = arr.X.shape[1]
    if n < 2:
        return
    j = data.draw(st.integers(0, n - 1))
    meth = mcda.get_method(name)
    tp = tipping_points(arr.X, arr.benefit, j, meth, w=arr.w)
    assert np.all((tp.t > 0) & (tp.t < 1))
    assert np.all(np.diff(tp.t) >= 0)
    assert_confirmed(meth, arr.X, arr.benefit, tp)
    leaders = [meth.scores(arr.X, tp.path.weights(tp.t - np.minimum(step, tp.t / 2)), arr.benefit).argmax(axis=1)
               for step in (1e-7, 1e-5, 1e-3)]  # the library's confirmation steps
    assert all(any(lb == ls[i] for ls in leaders) for i, lb in enumerate(tp.leader_before))
    np.testing.assert_array_equal(tp.leader_changes, tp.leader_before != tp.leader_after)


@pytest.mark.parametrize("name", ["topsis", "wsm", "wpm", "ahp"])
def test_numeric_route_agrees_with_the_closed_forms(name: str) -> None:
    meth = mcda.get_method(name)
    exact = tipping_points(HY_X, HY_B, 5, meth, w=HY_W)
    numeric = tipping_points(HY_X, HY_B, 5, Opaque(meth), w=HY_W, n_scan=2001)
    assert exact.exact and not numeric.exact
    np.testing.assert_allclose(numeric.t, exact.t, atol=1e-9)
    np.testing.assert_array_equal(numeric.ahead, exact.ahead)


@dataclass(frozen=True)
class TwoCrossings:
    """Score gap ``(w0 - r1)(w0 - r2)`` between alternatives 0 and 1: crossings exactly at r1 and r2."""

    r1: float
    r2: float
    name: ClassVar[str] = "two_crossings"
    higher_is_better: ClassVar[bool] = True

    def scores(self, X: np.ndarray, W: np.ndarray, benefit: np.ndarray) -> np.ndarray:
        w0 = np.asarray(W)[..., 0]
        gap = (w0 - self.r1) * (w0 - self.r2)
        return np.stack([gap, np.zeros_like(gap)], axis=-1)


@pytest.mark.parametrize(("r1", "r2", "n_scan"), [(0.53, 0.56, 11), (0.301, 0.3015, 101), (0.71, 0.79, 11)])
def test_numeric_route_finds_two_crossings_inside_one_grid_cell(r1: float, r2: float, n_scan: int) -> None:
    # No grid point lies between r1 and r2, so the gap has one sign on the whole grid.
    grid = np.linspace(0, 1, n_scan)
    assert not np.any((grid > r1) & (grid < r2))
    tp = tipping_points(np.ones((2, 2)), [True, True], 0, TwoCrossings(r1, r2), w=[0.5, 0.5], n_scan=n_scan)
    np.testing.assert_allclose(tp.t, [r1, r2], atol=1e-10)
    assert tp.ahead.tolist() == [0, 1] and tp.behind.tolist() == [1, 0]  # ahead before each crossing
    assert tp.leader_changes.all()


@dataclass(frozen=True)
class Dip(TwoCrossings):
    """Score gap ``(w0 - r1)(w0 - r2) + lift``."""

    lift: float = 0.0

    def scores(self, X: np.ndarray, W: np.ndarray, benefit: np.ndarray) -> np.ndarray:
        return super().scores(X, W, benefit) + np.array([self.lift, 0.0])


@pytest.mark.parametrize("lift", [1e-4, 0.0])
def test_numeric_route_reports_no_crossing_for_a_dip_that_stays_on_one_side(lift: float) -> None:
    # (w0 - 0.545)^2 + lift: with lift > 0 it never reaches zero; with lift = 0 it touches zero
    # without the order changing. Neither is a swap.
    tp = tipping_points(np.ones((2, 2)), [True, True], 0, Dip(0.545, 0.545, lift), w=[0.5, 0.5], n_scan=11)
    assert len(tp) == 0


def test_n_scan_must_be_a_grid() -> None:
    with pytest.raises(InputError, match="n_scan"):
        tipping_points(np.ones((2, 2)), [True, True], 0, TwoCrossings(0.2, 0.4), w=[0.5, 0.5], n_scan=2)


def test_registered_non_closed_form_method_is_scanned(laptops_path: Path) -> None:
    study = mcda.load_study(laptops_path)
    if "vikor" not in mcda.method_names():
        pytest.skip("VIKOR not registered")
    df = study.tipping_points("balanced", "vikor")
    assert len(df) and not df["exact"].any()
    meth = mcda.get_method("vikor")
    arr = study.arrays("balanced")
    for row in df.itertuples():
        path = study.sweep_paths("balanced")[row.node]
        s = meth.scores(arr.X, path.weights(np.array([row.weight - 1e-6, row.weight + 1e-6])), arr.benefit)
        a, c = list(arr.alternatives).index(row.ahead), list(arr.alternatives).index(row.behind)
        sign = 1 if meth.higher_is_better else -1
        assert sign * (s[0, a] - s[0, c]) > 0 and sign * (s[1, c] - s[1, a]) > 0


def test_study_tipping_points_are_sorted_by_distance(laptops_path: Path) -> None:
    study = mcda.load_study(laptops_path)
    df = study.tipping_points("balanced", "wsm")
    assert list(df.columns) == ["node", "weight_now", "weight", "ahead", "behind", "leader_before",
                                "leader_after", "leader_changes", "l1_distance", "method", "exact"]
    assert df["l1_distance"].is_monotonic_increasing
    assert set(df["node"]) <= {"cost", "perf", "build", "perf.cpu", "perf.battery"}
    only = study.tipping_points("balanced", "wsm", nodes=["build"])
    assert set(only["node"]) == {"build"}
