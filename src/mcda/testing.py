"""Hypothesis strategies for property-testing decision problems and your own studies.

Requires the ``test`` extra (``hypothesis``). Example: check that a verdict
holds for every weight vector within ±10 % of your profile::

    from hypothesis import given
    import mcda
    from mcda.testing import weights_near

    study = mcda.load_study("criteria/my_study.yaml")
    arrays = study.arrays("balanced")
    method = mcda.get_method("topsis")

    @given(weights_near(arrays.w, rel=0.10))
    def test_alpha_stays_ahead(w):
        s = method.scores(arrays.X, w, arrays.benefit)
        assert s[arrays.alternatives.index("alpha")] == s.max()

Strategies
----------
weight_vectors(n)             points of the probability simplex (non-negative, sum 1)
weights_near(w, rel)          weight vectors near a profile (each weight scaled by 1 ± rel, renormalised)
matrices(m, n)                finite decision matrices, optionally strictly positive
decision_problems()           DecisionArrays with matrix, directions and weights
hostile_matrices(m, n)        matrices with NaN, ±inf, huge, tiny, negative and zero entries
study_models()                small valid StudyModel objects (for round-trip and fuzz tests)
"""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mcda._types import FloatArray
from mcda.arrays import DecisionArrays
from mcda.model import StudyModel

__all__ = [
    "decision_problems",
    "hostile_matrices",
    "matrices",
    "random_reciprocal",
    "study_models",
    "weight_vectors",
    "weights_near",
]


def _normalise(raw: FloatArray) -> FloatArray:
    out: FloatArray = raw / raw.sum()
    return out


def weight_vectors(n: int, min_weight: float = 0.0) -> st.SearchStrategy[FloatArray]:
    """Weight vectors of length ``n``: non-negative, summing to 1 (to rounding).

    Zero weights are drawn on purpose (they are legal and often break code).

    >>> from hypothesis import given
    >>> @given(weight_vectors(3))
    ... def check(w):
    ...     assert abs(w.sum() - 1) < 1e-12 and (w >= 0).all()
    >>> check()
    """
    elem = st.one_of(st.just(0.0), st.floats(1e-3, 1.0)) if min_weight == 0 else st.floats(min_weight, 1.0)
    raw = hnp.arrays(np.float64, n, elements=elem).filter(lambda a: a.sum() > 0)
    return raw.map(_normalise)


def weights_near(w: Any, rel: float = 0.1) -> st.SearchStrategy[FloatArray]:
    """Weight vectors near ``w``: each weight multiplied by a factor in [1 − rel, 1 + rel], renormalised.

    After renormalisation each weight stays within a factor (1 ± rel)/(1 ∓ rel) of
    its value in ``w``; zero weights stay zero.
    """
    base = np.asarray(w, dtype=float)
    if not (0 <= rel < 1):
        raise ValueError(f"rel must be in [0, 1), got {rel}")
    factors = hnp.arrays(np.float64, base.shape, elements=st.floats(1 - rel, 1 + rel))
    return factors.map(lambda f: _normalise(base * f))


_M_DEFAULT = st.integers(2, 6)
_N_DEFAULT = st.integers(1, 5)


def matrices(
    m: int | st.SearchStrategy[int] = _M_DEFAULT,
    n: int | st.SearchStrategy[int] = _N_DEFAULT,
    positive: bool = True,
    max_value: float = 1e6,
) -> st.SearchStrategy[FloatArray]:
    """Finite decision matrices; strictly positive (in [1e-3, max_value]) when ``positive``."""
    lo = 1e-3 if positive else -max_value
    shapes = st.tuples(m if isinstance(m, st.SearchStrategy) else st.just(m),
                       n if isinstance(n, st.SearchStrategy) else st.just(n))
    return shapes.flatmap(lambda s: hnp.arrays(np.float64, s, elements=st.floats(lo, max_value)))


@st.composite
def decision_problems(draw: st.DrawFn, max_alternatives: int = 7, max_criteria: int = 5,
                      positive: bool = True) -> DecisionArrays:
    """A :class:`DecisionArrays` with a random matrix, directions and weights."""
    X = draw(matrices(st.integers(2, max_alternatives), st.integers(1, max_criteria), positive=positive))
    n = X.shape[1]
    benefit = draw(hnp.arrays(np.bool_, n))
    w = draw(weight_vectors(n))
    return DecisionArrays.from_matrix(X, w, benefit)


def hostile_matrices(m: int | None = None, n: int | None = None) -> st.SearchStrategy[FloatArray]:
    """Matrices mixing ordinary numbers with NaN, ±inf, huge, tiny, negative values and zeros."""
    special = st.sampled_from([np.nan, np.inf, -np.inf, 0.0, -0.0, 1e308, -1e308, 5e-324, 1e-300, -1.0])
    elem = st.one_of(special, st.floats(allow_nan=True, allow_infinity=True), st.floats(-10, 10))
    shape = st.tuples(st.just(m) if m else st.integers(1, 5), st.just(n) if n else st.integers(1, 4))
    return shape.flatmap(lambda s: hnp.arrays(np.float64, s, elements=elem))


_ids = st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True)


@st.composite
def study_models(draw: st.DrawFn) -> StudyModel:
    """A small valid study: 2–4 alternatives, a two-level tree, full evidence coverage, one profile."""
    alts = draw(st.lists(_ids, min_size=2, max_size=4, unique=True))
    dims = draw(st.lists(_ids.map(lambda s: "d_" + s), min_size=1, max_size=3, unique=True))
    children: list[dict[str, Any]] = []
    leaves: list[tuple[str, dict[str, Any]]] = []
    for d in dims:
        k = draw(st.integers(1, 3))
        kids = []
        for j in range(k):
            leaf_id = f"{d}.c{j}"
            if draw(st.booleans()):
                scale: dict[str, Any] = {"kind": "ordinal", "levels": ["low", "mid", "high"]}
            else:
                scale = {"kind": "ratio", "unit": "u", "lower": 0.0}
            kids.append({"id": leaf_id, "name": leaf_id, "direction": draw(st.sampled_from(["max", "min"])),
                         "scale": scale})
            leaves.append((leaf_id, scale))
        children.append({"id": d, "name": d, "children": kids})
    evidence = []
    for a in alts:
        for leaf_id, scale in leaves:
            if scale["kind"] == "ordinal":
                value: Any = draw(st.sampled_from(scale["levels"]))
            else:
                value = draw(st.floats(0.5, 1000.0))
            evidence.append({"id": f"e.{a}.{leaf_id}", "alternative": a, "criterion": leaf_id, "value": value,
                             "sources": ["src"], "confidence": draw(st.floats(0.05, 1.0))})
    weights: dict[str, dict[str, float]] = {"root": {d: draw(st.floats(0.1, 5.0)) for d in dims}}
    for d, kids_of_d in zip(dims, children, strict=True):
        local = {str(k["id"]): draw(st.floats(0.0, 5.0)) for k in kids_of_d["children"]}
        if sum(local.values()) == 0:
            local[next(iter(local))] = 1.0
        weights[d] = local
    return StudyModel.model_validate({
        "title": draw(st.text(min_size=1, max_size=20)),
        "alternatives": [{"id": a, "name": a.upper()} for a in alts],
        "criteria": {"id": "root", "name": "Root", "children": children},
        "sources": [{"id": "src", "title": "Source", "kind": "article"}],
        "evidence": evidence,
        "profiles": [{"id": "p", "description": "generated", "weights": weights}],
        "verdicts": [{"id": "v", "statement": "first leads", "profile": "p", "leader": alts[0]}],
    })


def random_reciprocal(rng: np.random.Generator, n: int, noise: float = 0.3) -> FloatArray:
    """A positive reciprocal (n, n) judgement matrix: a consistent one from random priorities, each
    judgement multiplied by ``exp(N(0, noise))`` above the diagonal and mirrored below it.

    >>> A = random_reciprocal(np.random.default_rng(0), 4)
    >>> bool(np.allclose(A * A.T, 1.0)), A.shape
    (True, (4, 4))
    """
    v = rng.dirichlet(np.ones(n))
    A = np.outer(v, 1.0 / v) * np.exp(rng.normal(0.0, noise, (n, n)))
    lower = np.tril_indices(n, -1)
    A[lower] = 1.0 / A.T[lower]
    np.fill_diagonal(A, 1.0)
    return np.asarray(A, dtype=np.float64)
