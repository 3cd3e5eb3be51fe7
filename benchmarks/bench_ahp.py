"""AHP throughput: synthesis over many weight vectors, priorities and completions.

Run from the repository root::

    python benchmarks/bench_ahp.py

Reported, all measured in this one run (best of ``--repeat``):

* ``ahp_synthesis`` (distributive and ideal) on a seeded 20 x 8 matrix for
  ``--samples`` weight vectors in one call: weight vectors per second;
* ``priorities`` and ``consistency`` of a seeded 9 x 9 reciprocal matrix, and
  Harker / LLSM completion of a 12 x 12 matrix with a third of its judgements
  missing: calls per second.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from mcda import ahp
from mcda.kernels.ahp_synthesis import ahp_synthesis

SAATY = np.array([1 / 9, 1 / 7, 1 / 5, 1 / 3, 1.0, 3.0, 5.0, 7.0, 9.0])


def best_of(f: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return min(times)


def reciprocal(n: int, rng: np.random.Generator) -> np.ndarray:
    A = np.ones((n, n))
    i, j = np.triu_indices(n, k=1)
    A[i, j] = rng.choice(SAATY, size=len(i))
    A[j, i] = 1.0 / A[i, j]
    return A


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--calls", type=int, default=2_000)
    args = ap.parse_args()
    rng = np.random.default_rng(0)
    X = rng.uniform(1.0, 100.0, size=(20, 8))
    benefit = np.array([True] * 6 + [False] * 2)
    W = rng.dirichlet(np.ones(8), size=args.samples)
    print(f"cpus={os.cpu_count()} load={os.getloadavg()[0]:.2f}")
    for mode in ("distributive", "ideal"):
        t = best_of(lambda mode=mode: ahp_synthesis(X, W, benefit, mode), args.repeat)  # type: ignore[misc]
        print(f"ahp_synthesis[{mode}]  {args.samples / t:,.0f} weight vectors/s ({t:.3f} s for {args.samples:,})")
    A9 = reciprocal(9, rng)
    A12 = reciprocal(12, rng)
    mask = np.triu(rng.random((12, 12)) < 1 / 3, k=1)
    mask[np.arange(11), np.arange(1, 12)] = False  # keep a spanning path: connected
    A12[mask | mask.T] = np.nan
    cases: dict[str, Callable[[], object]] = {
        "priorities(9x9, eigen)": lambda: ahp.priorities(A9),
        "priorities(9x9, geometric)": lambda: ahp.priorities(A9, "geometric"),
        "consistency(9x9)": lambda: ahp.consistency(A9),
        "complete(12x12, harker)": lambda: ahp.complete(A12, "harker"),
        "complete(12x12, llsm)": lambda: ahp.complete(A12, "llsm"),
    }
    for name, f in cases.items():
        t = best_of(lambda f=f: [f() for _ in range(args.calls)], args.repeat)  # type: ignore[misc]
        print(f"{name:28s} {args.calls / t:,.0f} calls/s")


if __name__ == "__main__":
    main()
