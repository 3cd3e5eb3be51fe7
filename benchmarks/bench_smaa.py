"""SMAA-2 throughput, speed-up over pysensmcda, and peak memory for 10 million samples.

Run from the repository root::

    python benchmarks/bench_smaa.py                      # our numbers only
    python benchmarks/bench_smaa.py --peer-python /tmp/bench-venv/bin/python

The problem is a seeded 20 x 8 matrix (6 benefit, 2 cost criteria) scored with
TOPSIS under uniform weights. Reported, all measured in this one run:

* our weight samples per second (best of ``--repeat`` runs of ``--samples``
  samples, default threads and one thread), against the 2,000,000/s target;
* pysensmcda's ``smaa.simulate`` samples per second on the same problem (run
  with the interpreter given by ``--peer-python``, a separate environment with
  ``pip install pysensmcda``), the ratio, and the largest difference between the
  two rank-acceptability matrices in units of the Monte Carlo standard error
  (both use min-max TOPSIS for that comparison, pysensmcda's default);
* peak memory of a 10,000,000-sample run, in a fresh subprocess: the tracemalloc
  peak (numpy allocations) and the process's maximum resident set size.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import textwrap
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from mcda.sensitivity import smaa

M, N = 20, 8
TARGET = 2_000_000


def problem() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(2026)
    X = rng.uniform(1.0, 100.0, (M, N))
    benefit = np.array([True] * 6 + [False] * 2)
    return X, benefit


def ours(samples: int, repeat: int, n_jobs: int | None) -> float:
    X, b = problem()
    smaa(X, b, "topsis", 100_000, rng=0, n_jobs=n_jobs)  # warm-up
    best = np.inf
    for r in range(repeat):
        t0 = time.perf_counter()
        smaa(X, b, "topsis", samples, rng=r, n_jobs=n_jobs)
        best = min(best, time.perf_counter() - t0)
    return samples / best


PEER = textwrap.dedent("""
    import json, sys, time
    import numpy as np
    from pymcdm.methods import TOPSIS
    from pysensmcda.smaa import rank_acceptability, simulate
    X = np.array(json.loads(sys.argv[1])); types = np.array(json.loads(sys.argv[2])); n = int(sys.argv[3])
    simulate(TOPSIS(), X, types, num_samples=200, seed=0)
    t0 = time.perf_counter()
    res = simulate(TOPSIS(), X, types, num_samples=n, seed=0, store="accumulate")
    dt = time.perf_counter() - t0
    print(json.dumps({"rate": n / dt, "acc": rank_acceptability(res).tolist()}))
""")


def peer(python: str, samples: int) -> dict[str, object] | str:
    X, b = problem()
    types = [1 if x else -1 for x in b]
    try:
        out = subprocess.run([python, "-c", PEER, json.dumps(X.tolist()), json.dumps(types), str(samples)],
                             capture_output=True, text=True, timeout=3600, check=True)
    except (OSError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        detail = getattr(exc, "stderr", "") or str(exc)
        return f"pysensmcda could not be run: {detail.strip().splitlines()[-1] if detail.strip() else exc}"
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def memory_child(samples: int) -> None:
    X, b = problem()
    tracemalloc.start()
    t0 = time.perf_counter()
    res = smaa(X, b, "topsis", samples, rng=0)
    dt = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    ok = bool(np.allclose(res.rank_acceptability.sum(axis=0), 1.0))
    print(json.dumps({"seconds": dt, "tracemalloc_peak_mb": peak / 2**20, "max_rss_mb": rss, "sums_ok": ok}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--samples", type=int, default=4_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--peer-python", default=os.environ.get("PEER_PYTHON"))
    ap.add_argument("--peer-samples", type=int, default=20_000)
    ap.add_argument("--memory-samples", type=int, default=10_000_000)
    ap.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.memory_child is not None:
        memory_child(args.memory_child)
        return
    print(f"machine: {os.cpu_count()} CPUs; numpy {np.__version__}; load average {os.getloadavg()[0]:.2f}")
    rate = ours(args.samples, args.repeat, None)
    rate1 = ours(args.samples // 2, args.repeat, 1)
    print(f"ours, TOPSIS {M}x{N}: {rate:,.0f} samples/s ({os.cpu_count()} threads), {rate1:,.0f} samples/s "
          f"(1 thread); target {TARGET:,}/s: {'met' if rate >= TARGET else 'NOT met'}")
    if args.peer_python:
        p = peer(args.peer_python, args.peer_samples)
        if isinstance(p, str):
            print(p)
        else:
            X, b = problem()
            mine = smaa(X, b, "topsis", args.peer_samples, rng=1, normalization="minmax")
            theirs = np.asarray(p["acc"])
            pooled = np.maximum((theirs + mine.rank_acceptability) / 2, 1.0 / args.peer_samples)
            se = np.sqrt(pooled * (1 - pooled) * 2 / args.peer_samples)  # of a difference of two estimates
            z = float(np.max(np.abs(theirs - mine.rank_acceptability) / se))
            ratio = rate / float(p["rate"])  # type: ignore[arg-type]
            print(f"pysensmcda smaa.simulate: {float(p['rate']):,.0f} samples/s -> ratio {ratio:,.0f}x "
                  f"(target 100x: {'met' if ratio >= 100 else 'NOT met'}); rank acceptabilities agree within "
                  f"{z:.1f} standard errors (min-max TOPSIS, {args.peer_samples:,} samples each)")
    else:
        print("pysensmcda: not run (give --peer-python PATH to an interpreter with pysensmcda installed)")
    if args.memory_samples <= 0:
        print("memory: not measured (--memory-samples 0)")
        return
    out = subprocess.run([sys.executable, __file__, "--memory-child", str(args.memory_samples)],
                         capture_output=True, text=True, check=True)
    mem = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"{args.memory_samples:,} samples: {mem['seconds']:.1f} s, tracemalloc peak "
          f"{mem['tracemalloc_peak_mb']:.0f} MB, max RSS {mem['max_rss_mb']:.0f} MB (target < 500 MB: "
          f"{'met' if mem['max_rss_mb'] < 500 else 'NOT met'}); acceptability sums ok: {mem['sums_ok']}")


if __name__ == "__main__":
    main()
