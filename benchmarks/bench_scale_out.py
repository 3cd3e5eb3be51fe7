"""Scale out on Dask: SMAA-2 on a LocalCluster against the local backend, and TOPSIS over a Parquet catalogue.

The harness section ``scale_out`` (``python benchmarks/harness.py --only scale_out``) calls
:func:`section`; this file also runs on its own and prints the same figures::

    python benchmarks/bench_scale_out.py                                # 100,000,000 samples, 10,000,000 rows
    python benchmarks/bench_scale_out.py --samples 10000000 --rows 2000000

Measured, all in one run:

* SMAA-2 (the 20 x 8 TOPSIS problem of ``bench_smaa.py``, uniform weights): seconds and
  samples per second of the local backend (threads, in this process) and of
  ``backend="dask"`` on a LocalCluster of ``workers`` processes x 1 thread, whether every
  index is bitwise equal between the two, and the peak resident memory of each worker;
* TOPSIS over a Parquet catalogue of ``rows`` rows and 8 criteria generated into a temporary
  directory (files of ``rows_per_file`` rows): seconds and rows per second of
  :func:`mcda.scale.score_table` (statistics pass, scoring pass, global ranks, Parquet output)
  on a fresh LocalCluster, the peak resident memory of each worker, and the largest difference
  from the in-memory ``TOPSIS().scores`` of the whole matrix on a random sample of rows.
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
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from mcda import scale
from mcda.methods import TOPSIS
from mcda.sensitivity import smaa

FIELDS = ("rank_acceptability", "rank_acceptability_se", "central_weights", "central_weights_se", "confidence",
          "confidence_se", "winning", "winning_se")
N_CRIT = 8
WEIGHTS = np.array([0.2, 0.15, 0.15, 0.1, 0.1, 0.1, 0.1, 0.1])
CRITERIA = {f"c{j}": ("benefit" if j < 6 else "cost") for j in range(N_CRIT)}
BENEFIT = np.array([v == "benefit" for v in CRITERIA.values()])


def smaa_problem() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(2026)
    return rng.uniform(1.0, 100.0, (20, N_CRIT)), np.array([True] * 6 + [False] * 2)


def _max_rss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _cluster(workers: int) -> Any:
    from distributed import LocalCluster

    return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)


def _peaks(client: Any) -> list[int]:
    return [int(v) for v in client.run(_max_rss_bytes).values()]


def bench_smaa(samples: int, workers: int) -> dict[str, Any]:
    """Local backend, then the same seed on a fresh LocalCluster; times, equality, worker peaks."""
    from distributed import Client

    X, b = smaa_problem()
    t0 = time.perf_counter()
    local = smaa(X, b, "topsis", samples, rng=1)
    t_local = time.perf_counter() - t0
    with _cluster(workers) as cluster, Client(cluster) as client:
        t0 = time.perf_counter()
        remote = smaa(X, b, "topsis", samples, rng=1, client=client)
        t_dask = time.perf_counter() - t0
        peaks = _peaks(client)
    unequal = [f for f in FIELDS if not np.array_equal(getattr(local, f), getattr(remote, f))]
    return {"samples": samples, "local_s": t_local, "dask_s": t_dask, "unequal": unequal, "peaks": peaks}


def write_catalogue(path: Path, rows: int, per_file: int) -> None:
    path.mkdir(parents=True)
    for f, start in enumerate(range(0, rows, per_file)):
        k = min(per_file, rows - start)
        rng = np.random.default_rng([2026, f])
        df = pd.DataFrame(rng.gamma(2.0, 10.0, size=(k, N_CRIT)) + 0.01, columns=list(CRITERIA))
        df.insert(0, "sku", np.arange(start, start + k, dtype=np.int64))
        df.to_parquet(path / f"part-{f:05d}.parquet", index=False)


def bench_topsis(rows: int, per_file: int, sample: int, workers: int, tmp: Path) -> dict[str, Any]:
    """Generate the catalogue, score it on a fresh LocalCluster, compare a sample of rows with in-memory TOPSIS."""
    from distributed import Client

    source, out = tmp / "catalogue", tmp / "scored"
    t0 = time.perf_counter()
    write_catalogue(source, rows, per_file)
    t_write = time.perf_counter() - t0
    with _cluster(workers) as cluster, Client(cluster) as client:
        t0 = time.perf_counter()
        scale.score_table(source, CRITERIA, WEIGHTS, "topsis", keep=["sku"], output=out, client=client)
        t_score = time.perf_counter() - t0
        peaks = _peaks(client)
    X = pd.read_parquet(source, columns=["sku", *CRITERIA]).sort_values("sku")
    ref = TOPSIS().scores(X[list(CRITERIA)].to_numpy(), WEIGHTS, BENEFIT)  # the whole matrix, in memory
    del X
    picked = np.sort(np.random.default_rng(0).choice(rows, size=min(sample, rows), replace=False))
    got = pd.read_parquet(out, columns=["sku", "score"]).set_index("sku")["score"]
    diff = float(np.max(np.abs(got.loc[picked].to_numpy() - ref[picked])))
    return {"rows": rows, "files": -(-rows // per_file), "write_s": t_write, "score_s": t_score, "peaks": peaks,
            "sample": len(picked), "max_diff": diff}


def run(samples: int, rows: int, per_file: int = 250_000, sample: int = 100_000, workers: int = 2) -> dict[str, Any]:
    tmp = Path(tempfile.mkdtemp(prefix="mcda-scale-out-"))
    try:
        return {"smaa": bench_smaa(samples, workers), "topsis": bench_topsis(rows, per_file, sample, workers, tmp),
                "workers": workers}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _mb(peaks: list[int]) -> str:
    return ", ".join(f"{p / 2**20:,.0f} MB" for p in peaks)


def rows_of(res: dict[str, Any], row: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """The harness rows and notes of one :func:`run` result (``row`` is ``cases.row``)."""
    s, t, k = res["smaa"], res["topsis"], res["workers"]
    n = s["samples"]
    rows = [
        row(f"SMAA-2 TOPSIS 20x8, {n:,} samples: `backend=\"dask\"` on a {k}-worker LocalCluster", s["dask_s"],
            s["local_s"], "local backend, same seed", 1.5,
            note=f"local {n / s['local_s']:,.0f} samples/s, dask {n / s['dask_s']:,.0f} samples/s; the cluster's "
                 f"{k} worker processes share the machine's cores with the client"),
        row(f"SMAA-2, {n:,} samples: indices not bitwise equal to the local backend", float(len(s["unequal"])),
            0.0, "information", 0.0, unit="count", absolute=True,
            note="every index bitwise equal" if not s["unequal"] else f"differ: {', '.join(s['unequal'])}"),
        row(f"SMAA-2, {n:,} samples: peak memory of the largest worker", float(max(s["peaks"])), 1.0,
            "information", float("inf"), unit="bytes", note=f"peak RSS per worker: {_mb(s['peaks'])}"),
        row(f"TOPSIS `score_table` over {t['rows']:,} Parquet rows x 8, global ranks to Parquet", t["score_s"],
            1.0, "information", float("inf"),
            note=f"{t['rows'] / t['score_s']:,.0f} rows/s on {k} workers ({t['files']} files, written in "
                 f"{t['write_s']:.0f} s)"),
        row(f"TOPSIS {t['rows']:,} rows: largest difference from the in-memory scores on {t['sample']:,} sampled rows",
            t["max_diff"], 0.0, "information", 1e-12, unit="abs", absolute=True),
        row(f"TOPSIS {t['rows']:,} rows: peak memory of the largest worker", float(max(t["peaks"])), 1.0,
            "information", float("inf"), unit="bytes", note=f"peak RSS per worker: {_mb(t['peaks'])}"),
    ]
    return rows, []


def section(ctx: Any, row: Any) -> dict[str, Any]:
    """The harness section: full sizes, ``--quick`` sizes, or the sizes given by ``--scale-out-samples/-rows``."""
    samples = ctx.options.get("scale_out_samples") or ctx.size(100_000_000, 200_000)
    rows = ctx.options.get("scale_out_rows") or ctx.size(10_000_000, 100_000)
    out, notes = rows_of(run(samples, rows, per_file=min(250_000, rows)), row)
    if samples < 100_000_000 or rows < 10_000_000:
        notes.append(f"run at {samples:,} samples and {rows:,} rows, below the full sizes (100,000,000 samples, "
                     "10,000,000 rows)")
    return {"rows": out, "peers": [], "notes": notes}


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--samples", type=int, default=100_000_000)
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--rows-per-file", type=int, default=250_000)
    ap.add_argument("--check-sample", type=int, default=100_000)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.2f}")
    res = run(args.samples, args.rows, args.rows_per_file, args.check_sample, args.workers)
    s, t = res["smaa"], res["topsis"]
    print(f"SMAA-2 TOPSIS 20x8, {s['samples']:,} samples: local {s['samples'] / s['local_s']:,.0f} samples/s "
          f"({s['local_s']:.1f} s); dask {s['samples'] / s['dask_s']:,.0f} samples/s ({s['dask_s']:.1f} s); "
          f"bitwise equal: {not s['unequal']}; peak RSS per worker: {_mb(s['peaks'])}")
    print(f"TOPSIS score_table over {t['rows']:,} rows: {t['rows'] / t['score_s']:,.0f} rows/s ({t['score_s']:.1f} s);"
          f" max |difference| from in-memory on {t['sample']:,} rows: {t['max_diff']:.2e}; "
          f"peak RSS per worker: {_mb(t['peaks'])}")
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
