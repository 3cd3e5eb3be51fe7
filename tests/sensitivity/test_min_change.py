"""Minimum L1 weight change that overturns a claim: verified by re-scoring, never beaten by search."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings

import mcda
from mcda.sensitivity import leaf_path, min_change, tipping_points
from mcda.sensitivity._common import check_claim, claim_margins
from mcda.testing import decision_problems

HY_X = np.array([[2.0, 1500, 20000, 5.5, 5, 9], [2.5, 2700, 18000, 6.5, 3, 5],
                 [1.8, 2000, 21000, 4.5, 7, 7], [2.2, 1800, 20000, 5.0, 5, 5]])
HY_W = np.array([0.2, 0.1, 0.1, 0.1, 0.2, 0.3])
HY_B = np.array([True, True, True, False, True, True])


class Opaque:
    """A registered method seen only through ``scores``: no declared capability, so every route is numeric."""

    higher_is_better = True

    def __init__(self, name: str) -> None:
        self.name = f"opaque_{name}"
        self._inner = mcda.get_method(name)

    def scores(self, X: np.ndarray, W: np.ndarray, benefit: np.ndarray) -> np.ndarray:
        return np.asarray(self._inner.scores(X, W, benefit))


def random_search(meth: object, X: np.ndarray, b: np.ndarray, w: np.ndarray, claim: list[int],
                  n: int = 200_000, seed: int = 0) -> float:
    """Smallest L1 distance among random weight vectors (three spreads) that strictly overturn the claim."""
    rng = np.random.default_rng(seed)
    cl = check_claim(claim, X.shape[0])
    best = np.inf
    for alpha in (0.3, 1.0, 5.0):
        W = rng.dirichlet(np.full(w.size, alpha), n // 3)
        bad = claim_margins(meth.scores(X, W, b), cl) < 0  # type: ignore[attr-defined]
        if bad.any():
            best = min(best, float(np.abs(W[bad] - w).sum(axis=1).min()))
    return best


def test_two_criteria_by_hand() -> None:
    """Raw-value WSM: gap 0.05 - 0.9 x after moving x from c0 to c1, so x = 1/18 and L1 = 1/9."""
    res = min_change([[1.0, 0.2], [0.5, 0.6]], [0.5, 0.5], [True, True], 0, "wsm", normalization="none")
    assert res.found and res.exact
    assert res.distance == pytest.approx(1 / 9, abs=1e-5)
    np.testing.assert_allclose(res.weights, [0.5 - 1 / 18, 0.5 + 1 / 18], atol=1e-5)
    assert res.margin_after < 0 and res.leader_after == 1


@pytest.mark.parametrize("name", ["wsm", "topsis", "wpm"])
def test_hwang_yoon_leader_change_is_verified_and_not_beaten(name: str) -> None:
    meth = mcda.get_method(name)
    res = min_change(HY_X, HY_W, HY_B, None, meth)
    leader = int(np.argmax(meth.scores(HY_X, HY_W, HY_B)))
    assert res.found and list(res.claim) == [leader]
    assert res.weights is not None and np.all(res.weights >= 0) and res.weights.sum() == pytest.approx(1.0)
    s = meth.scores(HY_X, res.weights, HY_B)
    assert s[leader] < s.max()  # strictly overturned on re-scoring
    assert res.distance == pytest.approx(np.abs(res.weights - HY_W).sum())
    assert res.distance <= random_search(meth, HY_X, HY_B, HY_W, [leader]) + 1e-4
    for j in range(HY_W.size):  # no one-leaf sweep overturns it more cheaply
        tp = tipping_points(HY_X, HY_B, leaf_path(HY_W, j), meth)
        flips = tp.distance[(tp.ahead == leader) | (tp.behind == leader)]
        if flips.size:
            assert res.distance <= flips.min() + 1e-4


@pytest.mark.parametrize("claim", [None, [1]])
def test_numeric_route_matches_the_closed_form_route(claim: list[int] | None) -> None:
    """A method object the closed forms do not recognise is scanned; same TOPSIS, similar optimum."""
    exact = min_change(HY_X, HY_W, HY_B, claim, "topsis")
    numeric = min_change(HY_X, HY_W, HY_B, claim, Opaque("topsis"))
    assert numeric.found and numeric.target == exact.target and not numeric.exact
    assert numeric.distance == pytest.approx(exact.distance, abs=5e-3)


def test_wsm_linear_programme_is_a_lower_bound_for_topsis_style_candidates() -> None:
    """The WSM optimum is global: no single-transfer or vertex move reaches the tie more cheaply."""
    meth = mcda.get_method("wsm")
    res = min_change(HY_X, HY_W, HY_B, None, meth)
    R = mcda.kernels.normalize(HY_X, HY_B, "max")
    leader = res.claim[0]
    best = np.inf
    for j in range(6):
        for k in range(6):
            if j == k:
                continue
            d = np.zeros(6)
            d[k], d[j] = HY_W[j], -HY_W[j]  # move all of w_j onto k, stop at the first overturn
            gaps = (R[leader] - R) @ HY_W, (R[leader] - R) @ d
            with np.errstate(divide="ignore", invalid="ignore"):
                t = np.where(gaps[1] < 0, -gaps[0] / gaps[1], np.inf)
            t[leader] = np.inf
            if t.min() <= 1:
                best = min(best, 2 * HY_W[j] * t.min())
    assert res.distance <= best + 1e-5


@pytest.mark.parametrize("name", ["wsm", "topsis"])
def test_failing_claim_is_made_to_hold(name: str) -> None:
    """Alternative 1 is last under the profile; the change found makes it lead, verified by
    re-scoring, and no random weight vector makes it lead more cheaply."""
    meth = mcda.get_method(name)
    res = min_change(HY_X, HY_W, HY_B, [1], meth)
    assert res.target == "hold" and res.found and res.margin_before < 0 < res.margin_after
    s = meth.scores(HY_X, res.weights, HY_B)
    assert int(np.argmax(s)) == 1 == res.leader_after
    rng = np.random.default_rng(0)
    W = rng.dirichlet(np.full(6, 0.5), 200_000)
    leads = meth.scores(HY_X, W, HY_B).argmax(axis=1) == 1
    assert res.distance <= np.abs(W[leads] - HY_W).sum(axis=1).min() + 1e-4


def test_dominating_alternative_cannot_be_overturned() -> None:
    X = np.array([[3.0, 3.0, 3.0], [1.0, 2.0, 3.0 - 1e-3], [2.0, 1.0, 1.0]])
    for name in ("wsm", "topsis"):
        res = min_change(X, [0.2, 0.3, 0.5], [True] * 3, 0, name)
        assert not res.found and res.distance is None and res.weights is None


def test_ranking_claim() -> None:
    meth = mcda.get_method("topsis")
    s = meth.scores(HY_X, HY_W, HY_B)
    order = list(np.argsort(-s))
    res = min_change(HY_X, HY_W, HY_B, order[:3], meth)
    assert res.found and res.margin_before > 0 and res.margin_after < 0
    lead_only = min_change(HY_X, HY_W, HY_B, order[:1], meth)
    assert res.distance <= lead_only.distance + 1e-6  # more places claimed: easier to overturn


@settings(max_examples=25, deadline=None)
@given(decision_problems(max_alternatives=4, max_criteria=4))
def test_wsm_result_is_verified_and_no_random_point_is_closer(arr: mcda.DecisionArrays) -> None:
    meth = mcda.get_method("wsm")
    res = min_change(arr.X, arr.w, arr.benefit, None, meth)
    if not res.found:
        return
    s = meth.scores(arr.X, res.weights, arr.benefit)
    if res.target == "hold":  # the "leader" was tied at the profile: the claim failed to begin with
        assert res.margin_before <= 0 < claim_margins(s, res.claim)
        return
    assert claim_margins(s, res.claim) < 0
    s0 = meth.scores(arr.X, arr.w, arr.benefit)
    if abs(res.margin_before) <= 1e-12 * max(1.0, float(np.abs(s0).max())):
        return  # the claim holds by rounding only: the infimum is 0 and any overturning point is rounding
    assert res.distance <= random_search(meth, arr.X, arr.benefit, arr.w, list(res.claim), n=6000) + 1e-5


def test_study_min_change_frame(laptops_path) -> None:  # type: ignore[no-untyped-def]
    study = mcda.load_study(laptops_path)
    df = study.min_change("balanced", "wsm")
    assert list(df.columns) == ["weight", "new_weight", "change"]
    assert df.attrs["found"] and df.attrs["exact"] and df.attrs["claim"] == ["alpha"]
    assert df["change"].abs().sum() == pytest.approx(df.attrs["l1"])
    assert df["new_weight"].sum() == pytest.approx(1.0)
    rescored = mcda.get_method("wsm").scores(study.arrays("balanced").X, df["new_weight"].to_numpy(),
                                             study.arrays("balanced").benefit)
    assert study.alternatives[int(np.argmax(rescored))] == df.attrs["leader_after"] != "alpha"
    with pytest.raises(mcda.errors.UnknownNameError):
        study.min_change("balanced", claim="nobody")


@pytest.mark.parametrize("claim", [None, [1], [2, 0]])
def test_wpm_without_zeros_is_an_exact_linear_programme_in_log_space(claim: list[int] | None) -> None:
    """ln S is linear in w for WPM: the LP optimum is global, so no numeric search does better."""
    exact = min_change(HY_X, HY_W, HY_B, claim, "wpm")
    numeric = min_change(HY_X, HY_W, HY_B, claim, Opaque("wpm"))
    assert exact.exact and exact.found and numeric.found and not numeric.exact
    assert exact.distance <= numeric.distance + 1e-6
    # the returned weights overturn the claim when re-scored, and only just
    S = mcda.get_method("wpm").scores(HY_X, exact.weights, HY_B)
    cl = check_claim(claim if claim is not None else int(np.argmax(mcda.get_method("wpm").scores(HY_X, HY_W, HY_B))),
                     HY_X.shape[0])
    after = float(claim_margins(S, cl))
    assert (after < 0) == (exact.target == "fail") and abs(after) < 1e-4


def test_a_claim_with_a_tiny_margin_is_overturned_by_a_tiny_change() -> None:
    """b leads a by 1e-12 on the only weighted criterion; the programme's margin of -delta would
    cost about 4e-6, so the result is shrunk back along the segment to the smallest change that
    still overturns the claim (about 4e-12)."""
    X = np.array([[1.0, 2.0], [1.0 + 1e-12, 1.0], [0.5, 0.5]])
    res = min_change(X, [1.0, 0.0], [True, True], [1], "wsm")
    assert res.found and res.exact and res.target == "fail"
    assert 0 < res.distance < 1e-9
    assert res.leader_after == 0 and res.margin_after < 0
