"""Scale out on Dask: SMAA-2 on a LocalCluster against the local backend, and TOPSIS over a Parquet catalogue.

Run from the repository root (needs the ``dask`` extra)::

    python benchmarks/bench_scale_out.py                                # 10,000,000 samples, 2,000,000 rows
    python benchmarks/bench_scale_out.py --samples 100000000 --rows 10000000

Reported, all measured in this one run:

* SMAA-2 (the 20 x 8 TOPSIS problem of ``bench_smaa.py``, uniform weights): samples per
  second of the local backend (threads) and of ``backend="dask"`` on a LocalCluster of
  ``--workers`` processes, and whether every index is bitwise equal between the two;
* TOPSIS over a generated Parquet catalogue of ``--rows`` rows and 8 criteria
  (written in files of ``--rows-per-file`` rows): rows per second of
  :func:`mcda.scale.score_table` (statistics pass, scoring pass, global ranks,
  Parquet output), and the largest difference from the in-memory
  ``TOPSIS().scores`` over every row (skipped above ``--check-rows`` rows);
* peak resident memory of each worker process (its maximum RSS at the end).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from mcda import scale
from mcda.methods import TOPSIS
from mcda.sensitivity import smaa

FIELDS = ("rank_acceptability", "central_weights", "confidence", "winning", "central_weights_se")
N_CRIT = 8
WEIGHTS = np.array([0.2, 0.15, 0.15, 0.1, 0.1, 0.1, 0.1, 0.1])
CRITERIA = {f"c{j}": ("benefit" if j < 6 else "cost") for j in range(N_CRIT)}


def smaa_problem() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(2026)
    return rng.uniform(1.0, 100.0, (20, N_CRIT)), np.array([True] * 6 + [False] * 2)


def bench_smaa(client: object, samples: int) -> None:
    X, b = smaa_problem()
    t0 = time.perf_counter()
    local = smaa(X, b, "topsis", samples, rng=1)
    t_local = time.perf_counter() - t0
    t0 = time.perf_counter()
    remote = smaa(X, b, "topsis", samples, rng=1, client=client)
    t_dask = time.perf_counter() - t0
    same = all(np.array_equal(getattr(local, f), getattr(remote, f)) for f in FIELDS)
    print(f"SMAA-2 TOPSIS 20x8, {samples:,} samples: local {samples / t_local:,.0f} samples/s ({t_local:.1f} s); "
          f"dask {samples / t_dask:,.0f} samples/s ({t_dask:.1f} s); bitwise equal: {same}")


def write_catalogue(path: Path, rows: int, per_file: int) -> None:
    path.mkdir(parents=True)
    for f, start in enumerate(range(0, rows, per_file)):
        k = min(per_file, rows - start)
        rng = np.random.default_rng([2026, f])
        df = pd.DataFrame(rng.gamma(2.0, 10.0, size=(k, N_CRIT)) + 0.01, columns=list(CRITERIA))
        df.insert(0, "sku", np.arange(start, start + k, dtype=np.int64))
        df.to_parquet(path / f"part-{f:05d}.parquet", index=False)


def bench_topsis(client: object, rows: int, per_file: int, check_rows: int, tmp: Path) -> None:
    source, out = tmp / "catalogue", tmp / "scored"
    t0 = time.perf_counter()
    write_catalogue(source, rows, per_file)
    print(f"catalogue: {rows:,} rows x {N_CRIT} criteria in {-(-rows // per_file)} Parquet files "
          f"({time.perf_counter() - t0:.1f} s to write)")
    t0 = time.perf_counter()
    scale.score_table(source, CRITERIA, WEIGHTS, "topsis", keep=["sku"], output=out, client=client)
    t = time.perf_counter() - t0
    print(f"TOPSIS score_table with global ranks to Parquet: {rows / t:,.0f} rows/s ({t:.1f} s)")
    if rows > check_rows:
        print(f"agreement: skipped (more than --check-rows {check_rows:,} rows)")
        return
    df = pd.read_parquet(source).sort_values("sku")
    ref = TOPSIS().scores(df[list(CRITERIA)].to_numpy(), WEIGHTS, np.array([v == "benefit" for v in CRITERIA.values()]))
    got = pd.read_parquet(out, columns=["sku", "score"]).sort_values("sku")["score"].to_numpy()
    print(f"agreement with the in-memory TOPSIS over all {rows:,} rows: max |difference| "
          f"{np.max(np.abs(got - ref)):.2e}")


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--samples", type=int, default=10_000_000)
    ap.add_argument("--rows", type=int, default=2_000_000)
    ap.add_argument("--rows-per-file", type=int, default=250_000)
    ap.add_argument("--check-rows", type=int, default=5_000_000)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    from distributed import Client, LocalCluster

    print(f"machine: {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.2f}; "
          f"LocalCluster of {args.workers} worker processes x 1 thread")
    tmp = Path(tempfile.mkdtemp(prefix="mcda-scale-out-"))
    try:
        with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            bench_smaa(client, args.samples)
            bench_topsis(client, args.rows, args.rows_per_file, args.check_rows, tmp)
            rss = client.run(_max_rss_mb)
            print("peak RSS per worker: " + ", ".join(f"{v:,.0f} MB" for v in rss.values()))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
