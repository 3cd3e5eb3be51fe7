"""Scale limits: time and peak memory of SMAA for many alternatives and of PROMETHEE II on 10,000.

Run from the repository root (each case runs in a fresh subprocess, so peaks do not mix)::

    python benchmarks/bench_scale.py

Reported per case: wall time, the tracemalloc peak (numpy's allocations) and the
maximum resident set size of the subprocess (interpreter and libraries included).

* SMAA-2, TOPSIS, weights uniform on the simplex, ``--samples`` samples on one
  thread, for m = 50, 100 and 400 alternatives and 6 criteria (seeded data), with the
  defaults: the m x m pairwise winning indices are counted only up to
  ``mcda.defaults.SMAA_PAIRWISE_MAX`` alternatives. Rank statistics take time and
  memory linear in m (one sort per sample, tie groups only where ties occur).
* PROMETHEE II (usual and linear preference functions) on a seeded 10,000 x 5
  matrix: the flows are summed from one sort per criterion, never as the
  (m, m, n) array that would need 4 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

SRC = str(Path(__file__).resolve().parents[1] / "src")

CHILD = r"""
import json, resource, sys, time, tracemalloc
sys.path.insert(0, {src!r})
import numpy as np
from mcda import kernels
from mcda.sensitivity import smaa
case, size, samples = {case!r}, {size}, {samples}
rng = np.random.default_rng(7)
tracemalloc.start()
t0 = time.perf_counter()
if case == "smaa":
    X = rng.random((size, 6)) + 0.1
    smaa(X, np.array([True] * 4 + [False] * 2), "topsis", samples, rng=1, n_jobs=1)
else:
    X = rng.random((size, 5))
    b = np.array([True, True, False, True, False])
    w = np.full(5, 0.2)
    kernels.promethee_ii(X, w, b)
    kernels.promethee_ii(X, w, b, "linear", q=0.05, p=0.3)
elapsed = time.perf_counter() - t0
peak = tracemalloc.get_traced_memory()[1]
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({{"seconds": elapsed, "peak": peak, "rss": rss}}))
"""


def run(case: str, size: int, samples: int) -> dict[str, float]:
    code = CHILD.format(src=SRC, case=case, size=size, samples=samples)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--samples", type=int, default=20_000, help="SMAA samples per case")
    ap.add_argument("--sizes", type=int, nargs="*", default=[50, 100, 400], help="SMAA numbers of alternatives")
    ap.add_argument("--promethee", type=int, default=10_000, help="PROMETHEE alternatives")
    args = ap.parse_args()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} CPUs; load average {load:.2f}")
    for m in args.sizes:
        r = run("smaa", m, args.samples)
        print(f"SMAA TOPSIS m={m:>4} n=6, {args.samples:,} samples, 1 thread: {r['seconds']:7.2f} s, "
              f"tracemalloc peak {r['peak'] / 1e6:8.1f} MB, max RSS {r['rss'] / 1e6:8.1f} MB")
    r = run("promethee", args.promethee, 0)
    full = args.promethee**2 * 5 * 8 / 1e9
    print(f"PROMETHEE II {args.promethee:,} x 5 (usual + linear): {r['seconds']:7.2f} s, "
          f"tracemalloc peak {r['peak'] / 1e6:8.1f} MB, max RSS {r['rss'] / 1e6:8.1f} MB "
          f"(a full (m, m, n) array: {full:.1f} GB)")


if __name__ == "__main__":
    main()
