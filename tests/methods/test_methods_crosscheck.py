"""Independent computations: each method written again, literally and with loops, from its paper.

The reference implementations below follow the published step lists one
alternative and one criterion at a time (no shared code with the kernels), so
agreement on random matrices checks the vectorised kernels, their batching
and their handling of cost criteria.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.stats

from mcda.compare import kendall_tau, spearman, weighted_spearman, ws_coefficient
from mcda.kernels import (
    copras,
    copras_details,
    edas,
    promethee_i,
    promethee_ii,
    vikor,
    vikor_compromise,
    waspas,
)
from mcda.weights import critic, entropy, merec, std

RNG = np.random.default_rng(20240601)


def random_problem(m: int, n: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.uniform(1.0, 100.0, size=(m, n)).round(1)
    benefit = rng.random(n) < 0.6
    benefit[0] = True
    w = rng.dirichlet(np.ones(n))
    return X, benefit, w


SEEDS = range(8)


# ---------------------------------------------------------------------------- VIKOR


def vikor_loops(X: np.ndarray, w: np.ndarray, benefit: np.ndarray, v: float) -> tuple[list[float], ...]:
    m, n = X.shape
    best = [max(X[:, j]) if benefit[j] else min(X[:, j]) for j in range(n)]
    worst = [min(X[:, j]) if benefit[j] else max(X[:, j]) for j in range(n)]
    S, R = [], []
    for i in range(m):
        terms = [w[j] * (best[j] - X[i, j]) / (best[j] - worst[j]) for j in range(n)]
        S.append(sum(terms))
        R.append(max(terms))
    s_star, s_minus, r_star, r_minus = min(S), max(S), min(R), max(R)
    Q = [v * (S[i] - s_star) / (s_minus - s_star) + (1 - v) * (R[i] - r_star) / (r_minus - r_star) for i in range(m)]
    return S, R, Q


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("v", [0.0, 0.3, 0.5, 1.0])
def test_vikor_matches_the_step_list(seed: int, v: float) -> None:
    X, benefit, w = random_problem(6, 4, seed)
    S, R, Q = vikor_loops(X, w, benefit, v)
    res = vikor(X, w, benefit, v=v)
    np.testing.assert_allclose(res.S, S, rtol=1e-12)
    np.testing.assert_allclose(res.R, R, rtol=1e-12)
    np.testing.assert_allclose(res.Q, Q, rtol=1e-12, atol=1e-14)


def compromise_loops(S: list[float], R: list[float], Q: list[float]) -> tuple[int, bool, bool, set[int]]:
    m = len(Q)
    order = sorted(range(m), key=lambda i: (Q[i], i))
    a1 = order[0]
    dq = 1.0 / (m - 1)
    c1 = Q[order[1]] - Q[a1] >= dq
    c2 = S[a1] == min(S) or R[a1] == min(R)
    if c1 and c2:
        return a1, c1, c2, {a1}
    if c1 and not c2:
        return a1, c1, c2, {a1, order[1]}
    return a1, c1, c2, {i for i in order if Q[i] - Q[a1] < dq}


@pytest.mark.parametrize("seed", range(40))
def test_vikor_compromise_matches_opricovic_tzeng_conditions(seed: int) -> None:
    X, benefit, w = random_problem(5, 3, seed)
    S, R, Q = vikor_loops(X, w, benefit, 0.5)
    best, c1, c2, cset = compromise_loops(S, R, Q)
    c = vikor_compromise(vikor(X, w, benefit))
    assert (int(c.best), bool(c.advantage), bool(c.stability)) == (best, c1, c2)
    assert set(np.flatnonzero(c.compromise)) == cset


def test_vikor_compromise_is_batched() -> None:
    X, benefit, _ = random_problem(6, 4, 3)
    W = np.random.default_rng(0).dirichlet(np.ones(4), size=(5, 2))
    batched = vikor_compromise(vikor(X, W, benefit))
    assert batched.compromise.shape == (5, 2, 6) and batched.best.shape == (5, 2)
    for idx in np.ndindex(5, 2):
        one = vikor_compromise(vikor(X, W[idx], benefit))
        np.testing.assert_array_equal(batched.compromise[idx], one.compromise)
        assert batched.best[idx] == one.best and batched.advantage[idx] == one.advantage


# ------------------------------------------------------------------------ PROMETHEE


def pref_loops(d: float, func: str, q: float, p: float, s: float) -> float:
    if d <= 0:
        return 0.0
    if func == "usual":
        return 1.0
    if func == "u-shape":
        return 1.0 if d > q else 0.0
    if func == "v-shape":
        return d / p if d <= p else 1.0
    if func == "level":
        return 0.0 if d <= q else (0.5 if d <= p else 1.0)
    if func == "linear":
        return 0.0 if d <= q else ((d - q) / (p - q) if d <= p else 1.0)
    return 1.0 - math.exp(-d * d / (2 * s * s))


def flows_loops(X: np.ndarray, w: np.ndarray, benefit: np.ndarray, funcs: list[str], q, p, s):
    m, n = X.shape
    pi = np.zeros((m, m))
    for a in range(m):
        for b in range(m):
            for j in range(n):
                d = X[a, j] - X[b, j] if benefit[j] else X[b, j] - X[a, j]
                pi[a, b] += w[j] * pref_loops(d, funcs[j], q[j], p[j], s[j])
    plus = [sum(pi[a, b] for b in range(m) if b != a) / (m - 1) for a in range(m)]
    minus = [sum(pi[b, a] for b in range(m) if b != a) / (m - 1) for a in range(m)]
    return plus, minus


@pytest.mark.parametrize("seed", SEEDS)
def test_promethee_flows_match_pairwise_loops(seed: int) -> None:
    X, benefit, w = random_problem(7, 6, seed)
    funcs = ["usual", "u-shape", "v-shape", "level", "linear", "gaussian"]
    spread = X.max(axis=0) - X.min(axis=0)
    q, p, s = 0.1 * spread, 0.6 * spread, 0.3 * spread
    plus, minus = flows_loops(X, w, benefit, funcs, q, p, s)
    res = promethee_ii(X, w, benefit, funcs, q=q, p=p, s=s)
    np.testing.assert_allclose(res.phi_plus, plus, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(res.phi_minus, minus, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(res.phi, np.subtract(plus, minus), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("seed", SEEDS)
def test_promethee_i_matches_its_definition(seed: int) -> None:
    X, benefit, w = random_problem(6, 3, seed)
    res = promethee_ii(X, w, benefit, "v-shape", p=20.0)
    rel = promethee_i(res)
    P, M = res.phi_plus, res.phi_minus
    for a in range(6):
        for b in range(6):
            ge = P[a] >= P[b] - 1e-12 and M[a] <= M[b] + 1e-12
            le = P[a] <= P[b] + 1e-12 and M[a] >= M[b] - 1e-12
            expected = 0 if (ge and le) else 1 if ge else -1 if le else 2
            assert rel[a, b] == expected, (a, b)


# --------------------------------------------------------------- COPRAS, EDAS, WASPAS


def copras_literal(X: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> list[float]:
    """Zavadskas et al.'s formula with S-min, as printed (no simplification)."""
    m, n = X.shape
    D = [[w[j] * X[i, j] / sum(X[:, j]) for j in range(n)] for i in range(m)]
    s_plus = [sum(D[i][j] for j in range(n) if benefit[j]) for i in range(m)]
    s_minus = [sum(D[i][j] for j in range(n) if not benefit[j]) for i in range(m)]
    s_min = min(s_minus)
    return [
        s_plus[i] + s_min * sum(s_minus) / (s_minus[i] * sum(s_min / s_minus[k] for k in range(m)))
        for i in range(m)
    ]


@pytest.mark.parametrize("seed", SEEDS)
def test_copras_matches_the_printed_formula(seed: int) -> None:
    X, benefit, w = random_problem(6, 5, seed)
    benefit[1] = False  # at least one cost criterion
    Q = copras_literal(X, w, benefit)
    np.testing.assert_allclose(copras(X, w, benefit), Q, rtol=1e-12)
    d = copras_details(X, w, benefit)
    np.testing.assert_allclose(d.utility, np.divide(Q, max(Q)), rtol=1e-12)


def test_copras_without_cost_criteria_is_s_plus() -> None:
    X, _, w = random_problem(5, 3, 1)
    benefit = np.ones(3, dtype=bool)
    np.testing.assert_allclose(copras(X, w, benefit), (X / X.sum(axis=0)) @ w, rtol=1e-12)


def edas_loops(X: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> list[float]:
    m, n = X.shape
    av = [sum(X[:, j]) / m for j in range(n)]
    sp, sn = [], []
    for i in range(m):
        p = n_ = 0.0
        for j in range(n):
            up, down = max(0.0, X[i, j] - av[j]) / av[j], max(0.0, av[j] - X[i, j]) / av[j]
            p += w[j] * (up if benefit[j] else down)
            n_ += w[j] * (down if benefit[j] else up)
        sp.append(p)
        sn.append(n_)
    return [(sp[i] / max(sp) + 1 - sn[i] / max(sn)) / 2 for i in range(m)]


@pytest.mark.parametrize("seed", SEEDS)
def test_edas_matches_the_step_list(seed: int) -> None:
    X, benefit, w = random_problem(6, 5, seed)
    np.testing.assert_allclose(edas(X, w, benefit), edas_loops(X, w, benefit), rtol=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("lam", [0.0, 0.25, 0.5, 1.0])
def test_waspas_matches_the_step_list(seed: int, lam: float) -> None:
    X, benefit, w = random_problem(6, 5, seed)
    m, n = X.shape
    r = [[X[i, j] / max(X[:, j]) if benefit[j] else min(X[:, j]) / X[i, j] for j in range(n)] for i in range(m)]
    q1 = [sum(w[j] * r[i][j] for j in range(n)) for i in range(m)]
    q2 = [math.prod(r[i][j] ** w[j] for j in range(n)) for i in range(m)]
    expected = [lam * q1[i] + (1 - lam) * q2[i] for i in range(m)]
    np.testing.assert_allclose(waspas(X, w, benefit, lambda_=lam), expected, rtol=1e-12)


# -------------------------------------------------------------------- objective weights


@pytest.mark.parametrize("seed", SEEDS)
def test_entropy_matches_the_formula(seed: int) -> None:
    X, benefit, _ = random_problem(7, 4, seed)
    m, n = X.shape
    d = []
    for j in range(n):
        p = X[:, j] / X[:, j].sum()
        d.append(1 + sum(pi * math.log(pi) for pi in p) / math.log(m))
    np.testing.assert_allclose(entropy(X, benefit), np.divide(d, sum(d)), rtol=1e-10)
    # "max" normalisation: min/x on cost columns before the shares.
    R = np.where(benefit, X / X.max(axis=0), X.min(axis=0) / X)
    d2 = [1 + sum(pi * math.log(pi) for pi in R[:, j] / R[:, j].sum()) / math.log(m) for j in range(n)]
    np.testing.assert_allclose(entropy(X, benefit, normalization="max"), np.divide(d2, sum(d2)), rtol=1e-10)


@pytest.mark.parametrize("seed", SEEDS)
def test_critic_matches_the_formula(seed: int) -> None:
    X, benefit, _ = random_problem(8, 5, seed)
    lo, hi = X.min(axis=0), X.max(axis=0)
    for cost, orient in (("invert", benefit), ("as-benefit", np.ones_like(benefit))):
        R = np.where(orient, (X - lo) / (hi - lo), (hi - X) / (hi - lo))
        sigma = R.std(axis=0, ddof=1)  # the sample s.d.: same weights as the population one
        rho = np.array([[scipy.stats.pearsonr(R[:, j], R[:, k])[0] for k in range(5)] for j in range(5)])
        C = sigma * (1 - rho).sum(axis=1)
        np.testing.assert_allclose(critic(X, benefit, cost=cost), C / C.sum(), rtol=1e-9)


def test_critic_conventions_differ_only_through_cost_columns() -> None:
    X, _, _ = random_problem(8, 4, 11)
    all_benefit = np.ones(4, dtype=bool)
    np.testing.assert_allclose(critic(X, all_benefit), critic(X, all_benefit, cost="as-benefit"))
    one_cost = np.array([True, False, True, True])
    assert not np.allclose(critic(X, one_cost), critic(X, one_cost, cost="as-benefit"))


@pytest.mark.parametrize("seed", SEEDS)
def test_std_matches_the_formula(seed: int) -> None:
    X, benefit, _ = random_problem(8, 5, seed)
    R = (X - X.min(axis=0)) / (X.max(axis=0) - X.min(axis=0))
    sd = R.std(axis=0)
    np.testing.assert_allclose(std(X, benefit), sd / sd.sum(), rtol=1e-10)
    raw = X.std(axis=0)
    np.testing.assert_allclose(std(X, benefit, normalization="none"), raw / raw.sum(), rtol=1e-10)


@pytest.mark.parametrize("seed", SEEDS)
def test_merec_matches_the_step_list(seed: int) -> None:
    X, benefit, _ = random_problem(6, 4, seed)
    m, n = X.shape
    N = [[min(X[:, j]) / X[i, j] if benefit[j] else X[i, j] / max(X[:, j]) for j in range(n)] for i in range(m)]
    S = [math.log(1 + sum(abs(math.log(N[i][j])) for j in range(n)) / n) for i in range(m)]
    E = []
    for j in range(n):
        Sj = [math.log(1 + sum(abs(math.log(N[i][k])) for k in range(n) if k != j) / n) for i in range(m)]
        E.append(sum(abs(Sj[i] - S[i]) for i in range(m)))
    np.testing.assert_allclose(merec(X, benefit), np.divide(E, sum(E)), rtol=1e-10)


# ------------------------------------------------------------------- rank comparison


@pytest.mark.parametrize("seed", range(10))
def test_spearman_and_kendall_match_scipy(seed: int) -> None:
    rng = np.random.default_rng(seed)
    m = int(rng.integers(3, 9))
    x = scipy.stats.rankdata(rng.integers(0, 5, size=m))  # average ranks, ties likely
    y = scipy.stats.rankdata(rng.integers(0, 5, size=m))
    if np.ptp(x) == 0 or np.ptp(y) == 0:
        pytest.skip("scipy returns NaN for a constant ranking")
    assert spearman(x, y) == pytest.approx(scipy.stats.spearmanr(x, y)[0], abs=1e-12)
    assert kendall_tau(x, y) == pytest.approx(scipy.stats.kendalltau(x, y)[0], abs=1e-12)


@pytest.mark.parametrize("seed", range(10))
def test_weighted_coefficients_match_their_sums(seed: int) -> None:
    rng = np.random.default_rng(seed)
    N = int(rng.integers(2, 9))
    x, y = rng.permutation(N) + 1.0, rng.permutation(N) + 1.0
    rw = 1 - 6 * sum((x[i] - y[i]) ** 2 * ((N - x[i] + 1) + (N - y[i] + 1)) for i in range(N)) / (
        N**4 + N**3 - N**2 - N
    )
    ws = 1 - sum(2.0 ** -x[i] * abs(x[i] - y[i]) / max(abs(x[i] - 1), abs(x[i] - N)) for i in range(N))
    assert weighted_spearman(x, y) == pytest.approx(rw, abs=1e-12)
    assert ws_coefficient(x, y) == pytest.approx(ws, abs=1e-12)
