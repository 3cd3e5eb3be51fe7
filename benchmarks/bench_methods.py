"""Batched throughput of every scoring kernel: weight vectors per second.

Run from the repository root::

    python benchmarks/bench_methods.py                  # 200,000 samples, 20 x 8 problem
    python benchmarks/bench_methods.py --samples 1000000 --repeat 5

A seeded 20 x 8 matrix (6 benefit, 2 cost criteria), weights uniform on the
simplex. For each method (WSM, WPM, TOPSIS, VIKOR, PROMETHEE II with linear
preference functions, COPRAS, EDAS, WASPAS) it prints the best of ``--repeat``
timings of one batched call and the resulting samples per second, with the CPU
count and load average so that numbers from a busy machine can be recognised.
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

from mcda import kernels


def problem(seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.uniform(1.0, 100.0, size=(20, 8))
    benefit = np.array([True] * 6 + [False] * 2)
    return X, benefit


def methods(X: np.ndarray) -> dict[str, Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]]:
    spread = X.max(axis=0) - X.min(axis=0)
    return {
        "wsm": kernels.wsm,
        "wpm": kernels.wpm,
        "topsis": kernels.topsis,
        "vikor": lambda X, W, b: kernels.vikor(X, W, b).Q,
        "promethee_ii": lambda X, W, b: kernels.promethee_ii(X, W, b, "linear", q=0.1 * spread, p=0.5 * spread).phi,
        "copras": kernels.copras,
        "edas": kernels.edas,
        "waspas": kernels.waspas,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--samples", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    X, benefit = problem()
    W = np.random.default_rng(1).dirichlet(np.ones(X.shape[1]), size=args.samples)
    print(f"cpus={os.cpu_count()} load={os.getloadavg()[0]:.2f} samples={args.samples} problem=20x8")
    for name, func in methods(X).items():
        best = float("inf")
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            S = func(X, W, benefit)
            best = min(best, time.perf_counter() - t0)
        assert S.shape == (args.samples, X.shape[0]) and np.isfinite(S).all()
        print(f"{name:>13}: {best:7.3f} s  {args.samples / best:12,.0f} samples/s")


if __name__ == "__main__":
    main()
