"""Every comparison of the performance targets, interleaved, in one command.

Run from the repository root::

    python benchmarks/harness.py            # full sizes (about 15 minutes on 2 cores)
    python benchmarks/harness.py --quick    # small sizes, a minute or two: checks the harness runs

It creates ``benchmarks/.venvs/peers`` (``python -m venv`` + ``pip install`` of
pymcdm, scikit-criteria, pyDecision, pyrepo-mcda, pysensmcda and AHPy from
PyPI) on first use and runs peer code only in that interpreter, in
subprocesses (:mod:`peer_runner`). Our code runs from ``src/``. Competing
calls are timed in rounds (A, B, A, B, ...) and reported as MEDIANS; results
are compared where the methods are configured alike. The machine, the load
average before and after every section, and every version are recorded in
``benchmarks/results/last_run.json``, and ``docs/performance.md`` is written
from that record with each target's ratio, met or missed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
import venv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import cases  # noqa: E402
import report  # noqa: E402

PEERS = ["pymcdm", "scikit-criteria", "pyDecision", "pyrepo-mcda", "pysensmcda", "ahpy"]


def interleaved(fns: dict[str, Callable[[], Any]], repeat: int) -> dict[str, float]:
    """Median seconds of each function, run in rounds so that load changes hit all alike."""
    for f in fns.values():
        f()  # warm-up
    times: dict[str, list[float]] = {k: [] for k in fns}
    for _ in range(repeat):
        for k, f in fns.items():
            t0 = time.perf_counter()
            f()
            times[k].append(time.perf_counter() - t0)
    return {k: float(np.median(v)) for k, v in times.items()}


def peer_python(envs: Path, log: list[str]) -> str | None:
    """The peers' interpreter, creating the environment on first use; None if it cannot be made."""
    env = envs / "peers"
    py = env / "bin" / "python"
    marker = env / "installed.json"
    if not marker.exists():
        try:
            if not py.exists():
                venv.EnvBuilder(with_pip=True, clear=True).create(env)
            subprocess.run([str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", *PEERS],
                           check=True, capture_output=True, text=True, timeout=3600)
            marker.write_text(json.dumps(PEERS), encoding="utf-8")
        except (OSError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            detail = getattr(exc, "stderr", "") or str(exc)
            log.append(f"peer environment could not be created: {str(detail).strip().splitlines()[-1:]}")
            return None
    return str(py)


class Peers:
    """Runs :mod:`peer_runner` tasks in the peers' interpreter."""

    def __init__(self, python: str | None, tmp: Path, log: list[str]) -> None:
        self.python, self.tmp, self.log = python, tmp, log
        self.versions: dict[str, str] = {}

    def run(self, task: str, arrays: list[np.ndarray], repeat: int, extra: list[Any] | None = None,
            timeout: float = 1800) -> dict[str, Any] | None:
        if self.python is None:
            return None
        paths = []
        for i, a in enumerate(arrays):
            p = self.tmp / f"{task}_{i}.npy"
            np.save(p, a)
            paths.append(str(p))
        spec = self.tmp / f"{task}.json"
        spec.write_text(json.dumps({"arrays": paths, "repeat": repeat, "extra": extra or [], "keep": 10**6}))
        try:
            out = subprocess.run([self.python, str(ROOT / "benchmarks" / "peer_runner.py"), task, str(spec)],
                                 capture_output=True, text=True, timeout=timeout, check=True)
        except (OSError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            detail = (getattr(exc, "stderr", "") or str(exc)).strip().splitlines()
            self.log.append(f"{task}: not run ({detail[-1] if detail else exc})")
            return None
        res = dict(json.loads(out.stdout.strip().splitlines()[-1]))
        self.versions[task.split("_")[0]] = res["version"]
        res["median"] = float(np.median(res["times"]))
        return res


def machine() -> dict[str, Any]:
    import pydantic
    import yaml

    try:
        model = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo", encoding="utf-8")
                     if line.startswith("model name"))
    except (OSError, StopIteration):
        model = platform.processor()
    return {"cpu": model, "cpus": os.cpu_count(), "platform": platform.platform(),
            "python": platform.python_version(), "numpy": np.__version__, "pyyaml": yaml.__version__,
            "pydantic": pydantic.__version__, "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}


def merged(record: dict[str, Any], path: Path) -> dict[str, Any]:
    """``record`` (a run of some sections) laid over the earlier record at ``path``: the sections run
    replace theirs, the others keep their last measurement, and ``partial_runs`` says which came when."""
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return record
    run = {"machine": record["machine"], "sections": list(record["sections"])}
    partial = [{**p, "sections": [s for s in p["sections"] if s not in run["sections"]]}
               for p in old.get("partial_runs", [])]
    partial = [p for p in partial if p["sections"]]  # a run whose every section was measured again is gone
    return {**old, "sections": {**old.get("sections", {}), **record["sections"]},
            "peer_versions": {**old.get("peer_versions", {}), **record["peer_versions"]},
            "log": old.get("log", []) + record["log"], "partial_runs": [*partial, run]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small sizes and few repeats")
    ap.add_argument("--no-peers", action="store_true", help="skip the peer libraries")
    ap.add_argument("--envs", type=Path, default=ROOT / "benchmarks" / ".venvs")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    ap.add_argument("--record", type=Path, default=ROOT / "benchmarks" / "results" / "last_run.json")
    ap.add_argument("--only", help="comma-separated sections to run (default: all)")
    ap.add_argument("--render-only", action="store_true", help="rewrite the page from the record; measure nothing")
    ap.add_argument("--scale-out-samples", type=int, help="SMAA samples of the scale_out section (default 100M)")
    ap.add_argument("--scale-out-rows", type=int, help="Parquet rows of the scale_out section (default 10M)")
    args = ap.parse_args()
    if args.render_only:
        args.out.write_text(report.render(json.loads(args.record.read_text(encoding="utf-8"))), encoding="utf-8")
        return
    log: list[str] = []
    tmp = ROOT / "benchmarks" / ".tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    peers = Peers(None if args.no_peers else peer_python(args.envs, log), tmp, log)
    record: dict[str, Any] = {"machine": machine(), "quick": args.quick, "sections": {}, "log": log}
    ctx = cases.Context(quick=args.quick, peers=peers, interleaved=interleaved, root=ROOT,
                        options={"scale_out_samples": args.scale_out_samples, "scale_out_rows": args.scale_out_rows})
    wanted = set(args.only.split(",")) if args.only else None
    for name, section in cases.SECTIONS.items():
        if wanted is not None and name not in wanted:
            continue
        load_before = os.getloadavg()
        t0 = time.perf_counter()
        print(f"[{time.strftime('%H:%M:%S')}] {name} (load {load_before[0]:.2f}) ...", flush=True)
        try:
            out = section(ctx)
        except Exception as exc:  # a broken section is reported, the others still run
            out = {"rows": [], "peers": [], "error": f"{type(exc).__name__}: {exc}"}
            log.append(f"{name}: {out['error']}")
        out["load_before"], out["load_after"] = load_before, os.getloadavg()
        out["seconds"] = time.perf_counter() - t0
        out["date"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        record["sections"][name] = out
    record["peer_versions"] = peers.versions
    if wanted is not None and not args.quick:
        record = merged(record, args.record)
    args.record.parent.mkdir(parents=True, exist_ok=True)
    args.record.write_text(json.dumps(record, indent=1, default=float), encoding="utf-8")
    args.out.write_text(report.render(record), encoding="utf-8")
    print(report.summary(record))
    print(f"wrote {args.out} and {args.record}")


if __name__ == "__main__":
    main()
