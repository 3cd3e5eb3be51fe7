"""Times one peer library's call, run by the interpreter of the peers' virtual environment.

Usage (by :mod:`harness`, never by the project's own interpreter)::

    <peer-python> benchmarks/peer_runner.py TASK SPEC.json

``SPEC.json`` names ``.npy`` files and a repeat count; the runner prints one
JSON line: ``{"times": [...seconds...], "result": [...], "version": "..."}``
(``result`` is the score vector, or the priorities and CR, for the agreement
check). It imports nothing from this project.
"""

from __future__ import annotations

import importlib.metadata as md
import json
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np


def _types(benefit: np.ndarray) -> np.ndarray:
    return np.where(benefit, 1, -1)


def pymcdm_topsis(X: np.ndarray, w: np.ndarray, b: np.ndarray) -> Callable[[], Any]:
    from pymcdm import normalizations
    from pymcdm.methods import TOPSIS

    method = TOPSIS(normalization_function=normalizations.vector_normalization)
    return lambda: method(X, w, _types(b))


def pymcdm_wsm(X: np.ndarray, w: np.ndarray, b: np.ndarray) -> Callable[[], Any]:
    from pymcdm import methods, normalizations

    cls = getattr(methods, "WSM", None) or methods.WASPAS  # WSM where the version has it
    if cls is methods.WASPAS:
        raise RuntimeError("this pymcdm has no WSM")
    method = cls(normalization_function=normalizations.linear_normalization)
    return lambda: method(X, w, _types(b))


def pyrepo_topsis(X: np.ndarray, w: np.ndarray, b: np.ndarray) -> Callable[[], Any]:
    from pyrepo_mcda import normalizations as norms
    from pyrepo_mcda.mcda_methods import TOPSIS

    method = TOPSIS(normalization_method=norms.vector_normalization)
    return lambda: method(X, w, _types(b))


def pydecision_topsis(X: np.ndarray, w: np.ndarray, b: np.ndarray) -> Callable[[], Any]:
    from pyDecision.algorithm import topsis_method

    kinds = ["max" if x else "min" for x in b]
    return lambda: topsis_method(X, w, kinds, graph=False, verbose=False)


def skcriteria_topsis(X: np.ndarray, w: np.ndarray, b: np.ndarray) -> Callable[[], Any]:
    import skcriteria as skc
    from skcriteria.agg.similarity import TOPSIS
    from skcriteria.preprocessing.scalers import VectorScaler

    objectives = [max if x else min for x in b]

    def run() -> Any:
        dm = skc.mkdm(X, objectives, weights=w)
        dm = VectorScaler(target="matrix").transform(dm)
        return TOPSIS().evaluate(dm).e_.similarity
    return run


def ahpy_ahp(A: np.ndarray) -> Callable[[], Any]:
    import ahpy

    n = A.shape[0]
    names = [f"c{i}" for i in range(n)]
    pairs = {(names[i], names[j]): float(A[i, j]) for i in range(n) for j in range(i + 1, n)}

    def run() -> Any:
        c = ahpy.Compare("m", pairs, precision=10)
        return [c.target_weights[x] for x in names] + [c.consistency_ratio]
    return run


def pydecision_ahp(A: np.ndarray) -> Callable[[], Any]:
    from pyDecision.algorithm import ahp_method

    def run() -> Any:
        weights, rc = ahp_method(A, wd="max_eigen")
        return [*np.asarray(weights, dtype=float).tolist(), float(rc)]
    return run


def pymcdm_promethee(X: np.ndarray, w: np.ndarray, b: np.ndarray) -> Callable[[], Any]:
    from pymcdm.methods import PROMETHEE_II

    method = PROMETHEE_II("usual")
    return lambda: method(X, w, _types(b))


def pysensmcda_smaa(X: np.ndarray, w: np.ndarray, b: np.ndarray, n: int) -> Callable[[], Any]:
    from pymcdm.methods import TOPSIS
    from pysensmcda.smaa import rank_acceptability, simulate

    return lambda: rank_acceptability(simulate(TOPSIS(), X, _types(b), num_samples=n, seed=0, store="accumulate"))


TASKS: dict[str, tuple[str, Callable[..., Callable[[], Any]]]] = {
    "pymcdm_topsis": ("pymcdm", pymcdm_topsis),
    "pymcdm_wsm": ("pymcdm", pymcdm_wsm),
    "pymcdm_promethee": ("pymcdm", pymcdm_promethee),
    "pyrepo_topsis": ("pyrepo-mcda", pyrepo_topsis),
    "pydecision_topsis": ("pyDecision", pydecision_topsis),
    "skcriteria_topsis": ("scikit-criteria", skcriteria_topsis),
    "ahpy_ahp": ("ahpy", ahpy_ahp),
    "pydecision_ahp": ("pyDecision", pydecision_ahp),
    "pysensmcda_smaa": ("pysensmcda", pysensmcda_smaa),
}


def main() -> None:
    task, spec_file = sys.argv[1], sys.argv[2]
    with open(spec_file, encoding="utf-8") as fh:
        spec = json.load(fh)
    dist, make = TASKS[task]
    args = [np.load(p) for p in spec["arrays"]] + list(spec.get("extra", []))
    fn = make(*args)
    result = fn()  # warm-up, and the answer compared with ours
    times = []
    for _ in range(int(spec["repeat"])):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    flat = np.asarray(result, dtype=float).ravel()
    print(json.dumps({"times": times, "result": flat[: spec.get("keep", 64)].tolist(), "version": md.version(dist)}))


if __name__ == "__main__":
    main()
