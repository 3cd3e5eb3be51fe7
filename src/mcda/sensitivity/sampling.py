"""Weight samplers on the simplex, with bounds and order constraints.

Methods, and which one is used (``method="auto"``):

* **exact, uniform**: normalised standard exponentials are uniform on the simplex
  (a Dirichlet(1, ..., 1) draw; Rubinstein & Kroese 2016, sec. 4.3).
* **exact, lower bounds only**: ``w = l + (1 - sum l) u`` with ``u`` uniform maps the
  simplex onto ``{w >= l, sum w = 1}`` affinely, so ``w`` is uniform there.
* **exact, a complete order** ``w_p1 >= w_p2 >= ... >= w_pn`` (and nothing else):
  sorting a uniform draw is uniform on that cone, by symmetry.
* **rejection**: draw from the unconstrained distribution (uniform, or the
  Dirichlet around a profile) and keep the draws that satisfy every constraint.
  Exact, but slow when few draws pass; "auto" estimates the acceptance rate on
  a pilot and uses it when at least :data:`MIN_ACCEPTANCE` of draws pass.
* **hit-and-run** (Smith 1984; Tervonen et al. 2013 for SMAA): a Markov chain
  whose stationary distribution is uniform on the constrained polytope. Many
  chains run side by side from its Chebyshev centre; after ``burn_in`` steps
  every ``thin``-th point is kept. Approximately uniform and autocorrelated
  within a chain (chains are independent: :func:`chain_ids` tells which row
  came from which, and :func:`mcda.sensitivity.smaa` uses it for its standard
  errors). Used by "auto" for a uniform target whose rejection rate is too high.

References
----------
Smith, R. L. (1984). Efficient Monte Carlo procedures for generating points
uniformly distributed over bounded regions. Operations Research 32(6), 1296-1308.
Tervonen, T., van Valkenhoef, G., Basturk, N. and Postmus, D. (2013). Hit-And-Run
enables efficient weight generation for simulation-based multiple criteria
decision analysis. European Journal of Operational Research 224(3), 552-559.
Rubinstein, R. Y. and Kroese, D. P. (2016). *Simulation and the Monte Carlo Method*, 3rd ed. Wiley.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from mcda import defaults
from mcda._params import count, positive
from mcda._types import ArrayLike, BoolArray, FloatArray
from mcda.errors import InputError
from mcda.kernels._validate import as_single_weights
from mcda.sensitivity._common import Workspace, as_generator, one_blas_thread, scratch

__all__ = [
    "HIT_AND_RUN_CHAINS",
    "MIN_ACCEPTANCE",
    "WeightConstraints",
    "WeightDistribution",
    "chain_ids",
    "hit_and_run",
    "sample_constrained",
    "sample_dirichlet",
    "sample_uniform",
]

#: Smallest pilot acceptance rate for which ``method="auto"`` uses rejection sampling.
MIN_ACCEPTANCE = 0.01
#: Hit-and-run chains run side by side by default.
HIT_AND_RUN_CHAINS = 256
_TOL = 1e-12


def _uniform_T(n: int, size: int, rng: np.random.Generator, out: FloatArray | None = None) -> FloatArray:
    """Uniform simplex draws laid out as (n, size) (written into ``out`` when given)."""
    E = rng.standard_exponential((n, size)) if out is None else rng.standard_exponential(out=out)
    E /= E.sum(axis=0, keepdims=True)
    return E


def sample_uniform(n: int, size: int, rng: np.random.Generator | int | None = None) -> FloatArray:
    """``size`` weight vectors uniform on the simplex of dimension ``n``, shape (size, n).

    Examples
    --------
    >>> W = sample_uniform(3, 5, rng=0)
    >>> W.shape, bool(np.allclose(W.sum(axis=1), 1.0))
    ((5, 3), True)
    """
    return _uniform_T(count(n, "n"), count(size, "size", minimum=0), as_generator(rng)).T


def sample_dirichlet(
    center: ArrayLike, concentration: float, size: int, rng: np.random.Generator | int | None = None
) -> FloatArray:
    """Dirichlet(``concentration * center``) draws: mean ``center``, shape (size, n).

    ``Var(w_j) = c_j (1 - c_j) / (concentration + 1)``. Criteria with a zero
    centre weight stay at 0 (a Dirichlet parameter must be positive).

    Examples
    --------
    >>> W = sample_dirichlet([0.6, 0.4, 0.0], 100.0, 20000, rng=1)
    >>> print(W.mean(axis=0).round(2), float(W[:, 2].max()))
    [0.6 0.4 0. ] 0.0
    """
    c = np.asarray(center, dtype=np.float64)
    c = as_single_weights(c, c.shape[-1] if c.ndim else 0, "center")
    kappa = positive(concentration, "concentration")
    k = count(size, "size", minimum=0)
    gen = as_generator(rng)
    out = np.zeros((k, c.size))
    pos = c > 0
    out[:, pos] = gen.dirichlet(kappa * c[pos], size=k)
    return out


@dataclass(frozen=True)
class WeightConstraints:
    """Bounds and order constraints on weights.

    Attributes
    ----------
    lower, upper : ndarray, shape (n,), optional
        Per-criterion bounds.
    order : tuple of (j, k)
        Each pair means ``w_j >= w_k`` (e.g. "data >= edge").

    Examples
    --------
    >>> c = WeightConstraints(order=((0, 1),), upper=np.array([1.0, 1.0, 0.2]))
    >>> c.satisfied(np.array([[0.5, 0.4, 0.1], [0.3, 0.4, 0.3]])).tolist()
    [True, False]
    """

    lower: FloatArray | None = None
    upper: FloatArray | None = None
    order: tuple[tuple[int, int], ...] = field(default=())

    def inequalities(self, n: int) -> tuple[FloatArray, FloatArray]:
        """``(G, h)`` with ``G w <= h`` for every constraint (sign constraints excluded)."""
        rows, rhs = [], []
        eye = np.eye(n)
        if self.lower is not None:
            rows.append(-eye)
            rhs.append(-np.asarray(self.lower, dtype=float))
        if self.upper is not None:
            rows.append(eye)
            rhs.append(np.asarray(self.upper, dtype=float))
        for j, k in self.order:
            rows.append((eye[k] - eye[j])[None, :])
            rhs.append(np.zeros(1))
        if not rows:
            return np.zeros((0, n)), np.zeros(0)
        return np.vstack(rows), np.concatenate(rhs)

    def validate(self, n: int) -> WeightConstraints:
        """Check shapes, ranges, indices and feasibility; return self."""
        from scipy.optimize import linprog

        for name, v in (("lower", self.lower), ("upper", self.upper)):
            if v is not None:
                a = np.asarray(v, dtype=float)
                if a.shape != (n,) or not np.all(np.isfinite(a)) or np.any(a < 0) or np.any(a > 1):
                    raise InputError(f"{name} bounds must be {n} numbers in [0, 1]; got {v!r}")
        for j, k in self.order:
            if not (0 <= j < n and 0 <= k < n) or j == k:
                raise InputError(f"order constraint ({j}, {k}) must name two different criteria in 0..{n - 1}")
        G, h = self.inequalities(n)
        res = linprog(np.zeros(n), A_ub=G if G.size else None, b_ub=h if G.size else None,
                      A_eq=np.ones((1, n)), b_eq=[1.0], bounds=[(0.0, None)] * n, method="highs")
        if res.status != 0:
            raise InputError("the weight constraints leave no weight vector (infeasible bounds/order)")
        return self

    def satisfied(self, W: FloatArray, atol: float = _TOL) -> BoolArray:
        """Which rows of ``W`` (..., n) satisfy every constraint."""
        G, h = self.inequalities(W.shape[-1])
        if G.size == 0:
            return np.ones(W.shape[:-1], dtype=bool)
        return np.asarray(np.all(W @ G.T <= h + atol, axis=-1))

    @property
    def is_empty(self) -> bool:
        """True when there is no constraint at all."""
        return self.lower is None and self.upper is None and not self.order


def _complete_chain(order: Sequence[tuple[int, int]], n: int) -> list[int] | None:
    """The permutation if ``order`` is exactly a chain p1 >= p2 >= ... >= pn, else None."""
    if len(order) != n - 1:
        return None
    nxt = dict(order)
    starts = set(nxt) - set(nxt.values())
    if len(nxt) != n - 1 or len(starts) != 1:
        return None
    chain = [starts.pop()]
    while chain[-1] in nxt and len(chain) <= n:
        chain.append(nxt[chain[-1]])
    return chain if len(chain) == n and len(set(chain)) == n else None


def _exact(n: int, size: int, cons: WeightConstraints, gen: np.random.Generator) -> FloatArray | None:
    if cons.is_empty:
        return _uniform_T(n, size, gen).T
    if cons.upper is None and not cons.order and cons.lower is not None:
        lo = np.asarray(cons.lower, dtype=float)
        return lo + (1.0 - lo.sum()) * _uniform_T(n, size, gen).T
    if cons.lower is None and cons.upper is None:
        chain = _complete_chain(cons.order, n)
        if chain is not None:
            W = np.empty((size, n))
            W[:, chain] = -np.sort(-_uniform_T(n, size, gen).T, axis=1)
            return W
    return None


def _rejection(draw: object, size: int, cons: WeightConstraints, n: int, max_rounds: int = 1000) -> FloatArray:
    parts, got = [], 0
    batch = max(1024, size)
    for _ in range(max_rounds):
        W = draw(batch)  # type: ignore[operator]
        ok = W[cons.satisfied(W)]
        parts.append(ok)
        got += ok.shape[0]
        if got >= size:
            return np.vstack(parts)[:size]
    raise InputError(f"rejection sampling kept only {got} of {max_rounds * batch} draws; "
                     "use method='hit-and-run' or loosen the constraints")


def chain_ids(size: int, chains: int = HIT_AND_RUN_CHAINS) -> np.ndarray:
    """Which chain produced each row of a :func:`hit_and_run` draw of ``size`` rows.

    Rows are laid out step by step, all chains per step, so row ``s`` comes from
    chain ``s % min(chains, size)``. Different chains are independent; rows of
    one chain are not.

    Examples
    --------
    >>> chain_ids(5, chains=2).tolist()
    [0, 1, 0, 1, 0]
    """
    return np.arange(int(size)) % max(1, min(int(chains), int(size)))


def hit_and_run(
    n: int, size: int, constraints: WeightConstraints, rng: np.random.Generator | int | None = None,
    *, chains: int = HIT_AND_RUN_CHAINS, burn_in: int | None = None, thin: int | None = None,
) -> FloatArray:
    """Approximately uniform draws on ``{w >= 0, sum w = 1, constraints}`` by hit-and-run, (size, n).

    ``chains`` chains run side by side (one vectorised step moves all of them),
    each from the Chebyshev centre; defaults: ``burn_in = 20 n^2``, ``thin = n``.
    Row ``s`` comes from chain ``s % min(chains, size)`` (:func:`chain_ids`).

    Examples
    --------
    >>> cons = WeightConstraints(upper=np.array([0.5, 0.5, 0.5]), order=((0, 1),))
    >>> W = hit_and_run(3, 2000, cons, rng=0)
    >>> bool(cons.satisfied(W, atol=1e-9).all()), W.shape
    (True, (2000, 3))
    """
    from scipy.optimize import linprog

    n, size = count(n, "n"), count(size, "size", minimum=0)
    gen = as_generator(rng)
    G, h = constraints.inequalities(n)
    A = np.vstack([-np.eye(n), G])
    c = np.concatenate([np.zeros(n), h])
    Ap = A - A.mean(axis=1, keepdims=True)  # rows projected on the sum-zero plane
    norms = np.linalg.norm(Ap, axis=1)
    res = linprog(np.append(np.zeros(n), -1.0), A_ub=np.hstack([A, norms[:, None]]), b_ub=c,
                  A_eq=np.append(np.ones(n), 0.0)[None, :], b_eq=[1.0],
                  bounds=[(None, None)] * n + [(0.0, 1.0)], method="highs")
    if res.status != 0 or res.x[-1] <= 0:
        raise InputError("hit-and-run needs constraints with a non-empty interior on the simplex")
    burn = 20 * n * n if burn_in is None else count(burn_in, "burn_in", minimum=0)
    step = n if thin is None else count(thin, "thin")
    C = max(1, min(count(chains, "chains"), int(size)))
    per_chain = -(-int(size) // C)
    x = np.tile(res.x[:n], (C, 1))
    out = np.empty((per_chain, C, n))
    total = burn + per_chain * step
    AT = np.ascontiguousarray(A.T)
    # One vectorised step moves every chain. Its products are tiny ((C, n) @ (n, k)), so BLAS runs on one
    # thread: a thread pool's hand-off costs several times the arithmetic (about 4x on 2 cores). Results
    # do not depend on it, nor on the mean taken as sum / n; ratios are read only where |Ad| > 1e-15.
    with np.errstate(divide="ignore", invalid="ignore"), one_blas_thread():
        for s in range(total):
            d = gen.standard_normal((C, n))
            d -= np.add.reduce(d, axis=1, keepdims=True) / n
            Ad = d @ AT
            slack = c - x @ AT
            np.maximum(slack, 0.0, out=slack)
            ratio = slack / Ad
            hi = np.where(Ad > 1e-15, ratio, np.inf).min(axis=1)
            lo = np.where(Ad < -1e-15, ratio, -np.inf).max(axis=1)
            x = x + (lo + (hi - lo) * gen.random(C))[:, None] * d
            if s >= burn and (s - burn + 1) % step == 0:
                out[(s - burn) // step] = x
    W = np.maximum(out.reshape(-1, n)[: int(size)], 0.0)
    return W / W.sum(axis=1, keepdims=True)


def sample_constrained(
    n: int, size: int, constraints: WeightConstraints, rng: np.random.Generator | int | None = None,
    *, method: str = "auto", center: ArrayLike | None = None, concentration: float | None = None,
) -> FloatArray:
    """Weights satisfying bounds and order constraints, shape (size, n).

    Parameters
    ----------
    method : {"auto", "exact", "rejection", "hit-and-run"}
        See the module docstring. "exact" raises if no exact construction applies.
    center, concentration : optional
        Sample a Dirichlet around ``center`` (by rejection) instead of the uniform.

    Examples
    --------
    >>> cons = WeightConstraints(order=((0, 1), (1, 2)))   # w0 >= w1 >= w2: exact by sorting
    >>> W = sample_constrained(3, 1000, cons, rng=0)
    >>> bool(np.all(W[:, 0] >= W[:, 1]) and np.all(W[:, 1] >= W[:, 2]))
    True
    """
    if method not in ("auto", "exact", "rejection", "hit-and-run"):
        raise InputError(f"method must be 'auto', 'exact', 'rejection' or 'hit-and-run'; got {method!r}")
    n, size = count(n, "n"), count(size, "size", minimum=0)
    if concentration is not None:
        positive(concentration, "concentration")
    return _sample_constrained(n, size, constraints.validate(n), as_generator(rng), method, center, concentration)


def _pilot_choice(n: int, cons: WeightConstraints, gen: np.random.Generator) -> str:
    """What "auto" uses when no exact construction applies: rejection if a 4096-draw
    uniform pilot keeps at least :data:`MIN_ACCEPTANCE` of its draws, else hit-and-run."""
    pilot = cons.satisfied(_uniform_T(n, 4096, gen).T).mean()
    return "rejection" if pilot >= MIN_ACCEPTANCE else "hit-and-run"


def _sample_constrained(n: int, size: int, cons: WeightConstraints, gen: np.random.Generator, method: str,
                        center: ArrayLike | None, concentration: float | None) -> FloatArray:
    """:func:`sample_constrained` for constraints validated once by the caller."""
    if center is not None:
        if method == "hit-and-run" or method == "exact":
            raise InputError("a Dirichlet around a profile with constraints is sampled by rejection only")
        kappa = defaults.CONCENTRATION if concentration is None else float(concentration)
        return _rejection(lambda k: sample_dirichlet(center, kappa, k, gen), int(size), cons, int(n))
    if method in ("auto", "exact"):
        W = _exact(int(n), int(size), cons, gen)
        if W is not None:
            return W
        if method == "exact":
            raise InputError("no exact sampler for these constraints; use 'rejection' or 'hit-and-run'")
    if method == "auto":
        method = _pilot_choice(int(n), cons, gen)
    if method == "rejection":
        return _rejection(lambda k: _uniform_T(int(n), k, gen).T, int(size), cons, int(n))
    return hit_and_run(int(n), int(size), cons, gen)


@dataclass(frozen=True)
class WeightDistribution:
    """The weight distribution an analysis samples from.

    Build with :meth:`uniform` (optionally constrained) or :meth:`dirichlet`
    (around a profile, with a concentration; optionally constrained, by rejection).

    Examples
    --------
    >>> d = WeightDistribution.dirichlet([0.5, 0.3, 0.2], concentration=50.0)
    >>> d.sample(4, np.random.default_rng(0)).shape
    (4, 3)
    """

    n: int
    center: FloatArray | None = None
    concentration: float | None = None
    constraints: WeightConstraints | None = None
    method: str = "auto"

    @classmethod
    def uniform(cls, n: int, constraints: WeightConstraints | None = None, method: str = "auto") -> WeightDistribution:
        """Uniform on the (constrained) simplex; constraints are checked here, once."""
        n = count(n, "n")
        if constraints is not None:
            constraints.validate(n)
        return cls(n, None, None, constraints, method)

    @classmethod
    def dirichlet(cls, center: ArrayLike, concentration: float = defaults.CONCENTRATION,
                  constraints: WeightConstraints | None = None) -> WeightDistribution:
        """Dirichlet(``concentration * center``) around a profile's weights."""
        c = np.asarray(center, dtype=np.float64)
        as_single_weights(c, c.shape[-1] if c.ndim else 0, "center")
        kappa = positive(concentration, "concentration")
        if constraints is not None:
            constraints.validate(int(c.size))
        return cls(int(c.size), c, kappa, constraints, "rejection" if constraints else "auto")

    @property
    def sampler(self) -> str:
        """How draws are made: "uniform", "dirichlet" (rejection-filtered when constrained),
        or for constrained uniform weights the method ("auto" until :meth:`resolve`)."""
        constrained = self.constraints is not None and not self.constraints.is_empty
        if self.center is not None:
            return "dirichlet" + (" (rejection)" if constrained else "")
        return self.method if constrained else "uniform"

    @property
    def markov(self) -> bool:
        """True when draws come from hit-and-run chains (autocorrelated within a chain)."""
        return (self.method == "hit-and-run" and self.center is None and self.constraints is not None
                and not self.constraints.is_empty)

    def resolve(self, rng: np.random.Generator) -> WeightDistribution:
        """This distribution with ``method="auto"`` replaced by the sampler it picks.

        For constrained uniform weights "auto" means: the exact construction when
        one applies, otherwise rejection if a 4096-draw pilot (from ``rng``) keeps
        at least :data:`MIN_ACCEPTANCE` of its draws, otherwise hit-and-run. An
        analysis resolves once, so every block uses the same sampler.

        Examples
        --------
        >>> cons = WeightConstraints(lower=np.array([0.0, 0.0, 0.97]))
        >>> WeightDistribution.uniform(3, cons).resolve(np.random.default_rng(0)).method
        'exact'
        >>> cons = WeightConstraints(lower=np.array([0.0, 0.0, 0.97]), order=((0, 1),))
        >>> WeightDistribution.uniform(3, cons).resolve(np.random.default_rng(0)).method
        'hit-and-run'
        """
        cons = self.constraints
        if self.method != "auto" or self.center is not None or cons is None or cons.is_empty:
            return self
        if _exact(self.n, 1, cons, rng) is not None:
            return replace(self, method="exact")
        return replace(self, method=_pilot_choice(self.n, cons, rng))

    def sample(self, size: int, rng: np.random.Generator) -> FloatArray:
        """Draw ``size`` weight vectors, shape (size, n)."""
        if self.constraints is not None and not self.constraints.is_empty:
            # validated once by whoever builds the analysis (smaa validates them)
            return _sample_constrained(self.n, size, self.constraints, rng, self.method, self.center,
                                       self.concentration)
        if self.center is not None:
            return sample_dirichlet(self.center, float(self.concentration), size, rng)  # type: ignore[arg-type]
        return _uniform_T(self.n, size, rng).T

    def sample_T(self, size: int, rng: np.random.Generator, ws: Workspace | None = None) -> FloatArray:
        """Like :meth:`sample` but laid out as (n, size), C-contiguous (in ``ws`` scratch when given)."""
        if self.center is None and (self.constraints is None or self.constraints.is_empty):
            return _uniform_T(self.n, size, rng, scratch(ws, "wt", (self.n, size)) if ws is not None else None)
        return np.ascontiguousarray(self.sample(size, rng).T)
