"""The sections of :mod:`harness`: each times ours against its reference and the peers.

A section returns ``{"rows": [...], "peers": [...], "notes": [...]}``. A row is
one target: ``what``, ``ours`` and ``reference`` (seconds, or bytes for
memory), the ``ratio`` ours / reference, the ``target`` ratio (or absolute
bound) and ``met``. A peer row gives a peer's median next to ours on the same
input and how far the results differ when configured alike.
"""

from __future__ import annotations

import subprocess
import sys
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import refs

Row = dict[str, Any]


@dataclass
class Context:
    quick: bool
    peers: Any
    interleaved: Callable[[dict[str, Callable[[], Any]], int], dict[str, float]]
    root: Path
    options: dict[str, Any] = field(default_factory=dict)

    def size(self, full: int, quick: int) -> int:
        return quick if self.quick else full


def row(what: str, ours: float, reference: float, ref_name: str, target: float, unit: str = "s",
        note: str = "", absolute: bool = False) -> Row:
    """``absolute``: the target bounds ``ours`` itself; otherwise it bounds ours / reference."""
    ratio = ours / reference if reference else float("nan")
    met = ours <= target if absolute else ratio <= target
    return {"what": what, "ours": ours, "reference": reference, "ref_name": ref_name, "ratio": ratio,
            "target": target, "absolute": absolute, "met": bool(met), "unit": unit, "note": note}


def peer_row(what: str, name: str, res: dict[str, Any] | None, ours_s: float, ours_result: np.ndarray | None,
             note: str = "") -> Row | None:
    if res is None:
        return None
    agree = None
    if ours_result is not None:
        theirs = np.asarray(res["result"], dtype=float)
        mine = np.asarray(ours_result, dtype=float).ravel()
        if theirs.shape == mine.shape:
            agree = float(np.max(np.abs(theirs - mine)))
    return {"what": what, "peer": name, "version": res["version"], "seconds": res["median"],
            "ours": ours_s, "speedup": res["median"] / ours_s if ours_s else None, "max_abs_diff": agree,
            "note": note}


def _wall(cmd: list[str], env: dict[str, str]) -> tuple[float, str]:
    import time

    t0 = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
    return time.perf_counter() - t0, out.stdout


def imports(ctx: Context) -> dict[str, Any]:
    """In-process import time (fresh interpreter each) and the wall time of ``mcda --help``."""
    import os

    env = {**os.environ, "PYTHONPATH": str(ctx.root / "src")}
    timer = "import time; t=time.perf_counter(); {}; print(time.perf_counter()-t)"
    cmds = {"base": [sys.executable, "-c", timer.format("import numpy, yaml, pydantic")],
            "mcda": [sys.executable, "-c", timer.format("import mcda")],
            "first_use": [sys.executable, "-c", timer.format(
                f"import mcda; mcda.load_study({str(ctx.root / 'criteria' / 'hunyuan_vs_stepfun.yaml')!r})")],
            "help": [sys.executable, "-m", "mcda", "--help"],
            "base_proc": [sys.executable, "-c", "import numpy, yaml, pydantic"]}
    peer_py = ctx.peers.python
    if peer_py:
        for mod in ("ahpy", "pyDecision.algorithm", "pymcdm", "skcriteria"):
            cmds[f"peer:{mod}"] = [peer_py, "-c", timer.format(f"import {mod}")]
    samples: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(ctx.size(9, 3)):
        for k, cmd in cmds.items():
            try:
                wall, out = _wall(cmd, env)
            except subprocess.CalledProcessError:
                continue
            samples[k].append(wall if k in ("help", "base_proc") else float(out.strip().splitlines()[-1]))
    med = {k: float(np.median(v)) for k, v in samples.items() if v}
    rows = [row("`import mcda`", med["mcda"], med["base"], "`import numpy, yaml, pydantic`", 2.0),
            row("`mcda --help` (whole process)", med["help"], med["base_proc"],
                "`python -c 'import numpy, yaml, pydantic'`", 2.0),
            row("`import mcda` + loading the seed study (`mcda.load_study`)", med["first_use"], med["base"],
                "`import numpy, yaml, pydantic`", float("inf"), note="information: what a script pays")]
    peers = [{"what": "import", "peer": k.split(":", 1)[1], "version": "", "seconds": v, "ours": med["mcda"],
              "speedup": v / med["mcda"], "max_abs_diff": None, "note": ""}
             for k, v in med.items() if k.startswith("peer:")]
    code = "import sys, mcda; print(sorted(m for m in ('pandas', 'scipy', 'matplotlib') if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env).stdout.strip()
    return {"rows": rows, "peers": peers, "notes": [f"heavy modules loaded by `import mcda`: {loaded}"]}


def load(ctx: Context) -> dict[str, Any]:
    from mcda import load_study

    path = str(ctx.root / "criteria" / "hunyuan_vs_stepfun.yaml")
    med = ctx.interleaved({"load": lambda: load_study(path)}, ctx.size(15, 5))
    return {"rows": [row("`load_study` on the seed study", med["load"], 0.1, "100 ms", 0.1, absolute=True)],
            "peers": []}


def _problem(m: int, n: int = 20, seed: int = 1) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.uniform(1.0, 100.0, (m, n))
    benefit = np.arange(n) < (7 * n) // 10
    return X, rng.dirichlet(np.ones(n)), benefit


def _peak(fn: Callable[[], Any]) -> int:
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def kernels(ctx: Context) -> dict[str, Any]:
    from mcda import kernels as K

    m = ctx.size(1_000_000, 100_000)
    X, w, b = _problem(m)
    ours = {"TOPSIS": lambda: K.topsis(X, w, b), "WSM": lambda: K.wsm(X, w, b), "WPM": lambda: K.wpm(X, w, b),
            "VIKOR": lambda: K.vikor(X, w, b).Q, "EDAS": lambda: K.edas(X, w, b),
            "COPRAS": lambda: K.copras(X, w, b), "WASPAS": lambda: K.waspas(X, w, b)}
    rows, notes, peers, ours_s = [], [], [], {}
    for name, fn in ours.items():
        ref = refs.REFERENCES[name]
        med = ctx.interleaved({"ours": fn, "ref": lambda ref=ref: ref(X, w, b)}, ctx.size(7, 3))
        diff = float(np.max(np.abs(fn() - ref(X, w, b))))
        ours_s[name] = med["ours"]
        rows.append(row(f"{name} {m:,}x20, one weight vector", med["ours"], med["ref"], "tuned numpy", 1.3,
                        note=f"max |ours - reference| = {diff:.1e}"))
        rows.append(row(f"{name} {m:,}x20: peak temporaries / input", _peak(fn), X.nbytes, "input size", 2.0,
                        unit="bytes"))
    repeat = ctx.size(3, 2)
    for task, name in (("pymcdm_topsis", "TOPSIS"), ("pyrepo_topsis", "TOPSIS"), ("pymcdm_wsm", "WSM"),
                       ("pydecision_topsis", "TOPSIS"), ("skcriteria_topsis", "TOPSIS")):
        res = ctx.peers.run(task, [X, w, b], repeat, timeout=900)
        pr = peer_row(f"{name} {m:,}x20", task.split("_")[0], res, ours_s[name], ours[name]())
        if pr:
            peers.append(pr)
    return {"rows": rows, "peers": peers, "notes": notes}


def batched(ctx: Context) -> dict[str, Any]:
    from mcda import kernels as K
    from mcda.kernels._validate import as_weights
    from mcda.kernels.topsis import _topsis, _validated

    X, _, b = _problem(50, seed=2)
    W = np.random.default_rng(3).dirichlet(np.ones(20), size=ctx.size(100_000, 20_000))

    def validation() -> None:
        _validated(X, b, "vector")
        as_weights(W, 20)

    med = ctx.interleaved({"validated": lambda: K.topsis(X, W, b),
                           "unvalidated": lambda: _topsis(X, W, b, "vector"),
                           "validation": validation,
                           "gemm": lambda: (W * W) @ np.ones((20, 100))}, ctx.size(9, 3))
    k = W.shape[0]
    return {"rows": [row(f"batched TOPSIS, W ({k:,}, 20) on 50x20: validation share", med["validation"],
                         med["validated"], "the validated call", 0.10,
                         note=f"call {med['validated'] * 1e3:.0f} ms, unvalidated {med['unvalidated'] * 1e3:.0f} "
                              f"ms, one numpy GEMM of that shape {med['gemm'] * 1e3:.0f} ms")],
            "peers": []}




def ahp(ctx: Context) -> dict[str, Any]:
    from mcda import ahp as mahp
    from mcda.kernels import ahp_batch
    from mcda.testing import random_reciprocal

    rng = np.random.default_rng(9)
    A = random_reciprocal(rng, 9, noise=0.1)  # acceptably consistent (CR < 0.1), as judgements usually are
    names = [f"c{i}" for i in range(9)]
    reps = ctx.size(2000, 300)

    def many(f: Callable[[], Any]) -> Callable[[], None]:
        def run() -> None:
            for _ in range(50):
                f()
        return run

    med = ctx.interleaved({"ours": many(lambda: mahp.evaluate(A, names)), "eig": many(lambda: np.linalg.eig(A))},
                          max(reps // 50, 5))
    ev = mahp.evaluate(A, names)
    rows = [row("AHP 9x9: priorities + CR (`mcda.ahp.evaluate`)", med["ours"] / 50, med["eig"] / 50,
                "`numpy.linalg.eig`", 3.0)]
    # a 3-level hierarchy: root 5 children, 5 nodes x 4 children, 25 x 4 alternatives compared = 31 ... keep 26:
    stacks = {5: np.stack([random_reciprocal(rng, 5)]), 4: np.stack([random_reciprocal(rng, 4) for _ in range(25)])}
    ri = {4: 0.90, 5: 1.12}

    def ours_h() -> None:
        for S in stacks.values():
            ahp_batch(S)

    def numpy_h() -> None:
        for n, S in stacks.items():
            vals, vecs = np.linalg.eig(S)
            top = vals.real.argmax(axis=1)
            v = np.abs(np.take_along_axis(vecs, top[:, None, None], axis=2)[:, :, 0].real)
            v /= v.sum(axis=1, keepdims=True)
            _ = (vals.real.max(axis=1) - n) / (n - 1) / ri[n]

    def loop_h() -> None:
        for S in stacks.values():
            for M in S:
                mahp.evaluate(M, list(range(M.shape[0])))

    med = ctx.interleaved({"ours": ours_h, "numpy": numpy_h, "loop": loop_h}, ctx.size(200, 30))
    rows.append(row("AHP hierarchy, 26 matrices, batched (`mcda.kernels.ahp_batch` per size)", med["ours"],
                    med["numpy"], "batched numpy eig", 2.0,
                    note=f"one `evaluate` call per matrix: {med['loop'] * 1e3:.2f} ms"))
    peers = []
    mine = np.append(ev.priorities, ev.consistency.cr)
    for task in ("ahpy_ahp", "pydecision_ahp"):
        res = ctx.peers.run(task, [A], ctx.size(200, 20))
        pr = peer_row("AHP 9x9 priorities + CR", task.split("_")[0], res, med_one(ctx, A, names), mine,
                      note="CR compared too (AHPy: Saaty RI; pyDecision: its own RI table)")
        if pr:
            peers.append(pr)
    return {"rows": rows, "peers": peers}


def med_one(ctx: Context, A: np.ndarray, names: list[str]) -> float:
    from mcda import ahp as mahp

    return ctx.interleaved({"x": lambda: mahp.evaluate(A, names)}, 200)["x"]


def verdicts(ctx: Context) -> dict[str, Any]:
    from mcda import load_study

    study = load_study(str(ctx.root / "criteria" / "hunyuan_vs_stepfun.yaml"))
    n = ctx.size(20000, 2000)
    med = ctx.interleaved({"plain": lambda: study.check_verdicts(robustness=False),
                           "robust": lambda: study.check_verdicts(n_samples=n)}, ctx.size(2, 1))
    return {"rows": [row(f"`check_verdicts()` with robustness ({n:,} samples)", med["robust"], med["plain"],
                         "the plain check", 10.0)], "peers": []}


def smaa(ctx: Context) -> dict[str, Any]:
    from mcda.kernels.normalize import _scale
    from mcda.sensitivity import smaa as run_smaa

    m, n_s = 400, ctx.size(5_000, 1_000)
    X, _, b = _problem(m, n=8, seed=4)

    def reference() -> np.ndarray:
        W = np.random.default_rng(0).dirichlet(np.ones(8), size=n_s)
        R = _scale(X, "vector")
        hi, lo = R.max(axis=0), R.min(axis=0)
        dp = np.sqrt((W * W) @ ((R - np.where(b, hi, lo)) ** 2).T)
        dm = np.sqrt((W * W) @ ((R - np.where(b, lo, hi)) ** 2).T)
        order = np.argsort(-(dm / (dp + dm)), axis=1)
        ranks = np.empty_like(order)
        np.put_along_axis(ranks, order, np.arange(m)[None, :], axis=1)
        return np.bincount((np.arange(m)[None, :] * m + ranks).ravel(), minlength=m * m).reshape(m, m) / n_s

    med = ctx.interleaved({"ours": lambda: run_smaa(X, b, "topsis", n_s, rng=0),
                           "ref": reference}, ctx.size(3, 2))
    rows = [row(f"SMAA-2, TOPSIS, m = {m}, {n_s:,} samples", med["ours"], med["ref"],
                "numpy scores + argsort + bincount", 1.5)]
    Xs, _, bs = _problem(20, n=8, seed=5)
    k = ctx.size(20_000, 2_000)
    res = ctx.peers.run("pysensmcda_smaa", [Xs, np.ones(8) / 8, bs], 1, extra=[k])
    ours_s = ctx.interleaved({"x": lambda: run_smaa(Xs, bs, "topsis", k, rng=0, normalization="minmax")}, 3)["x"]
    pr = peer_row(f"SMAA-2 TOPSIS 20x8, {k:,} samples", "pysensmcda", res, ours_s, None,
                  note="min-max TOPSIS on both sides; acceptabilities are random, not compared here")
    return {"rows": rows, "peers": [pr] if pr else []}


def promethee(ctx: Context) -> dict[str, Any]:
    from mcda import kernels as K

    m = ctx.size(3000, 500)
    X, w, b = _problem(m, n=5, seed=6)
    fn = lambda: K.promethee_ii(X, w, b, "usual").phi  # noqa: E731
    ours_t = ctx.interleaved({"x": fn}, ctx.size(5, 2))["x"]
    res = ctx.peers.run("pymcdm_promethee", [X, w, b], ctx.size(3, 2))
    ours_r = np.asarray(fn())
    rows = [row(f"PROMETHEE II {m:,}x5: peak temporaries", _peak(fn), X.nbytes, "information", float("inf"),
                unit="bytes", note="information (target: bounded memory)")]
    if res is not None:
        rows.append(row(f"PROMETHEE II {m:,}x5, usual preference", ours_t, res["median"], "pymcdm", 1.0))
    pr = peer_row(f"PROMETHEE II {m:,}x5", "pymcdm", res, ours_t, ours_r)
    big = ctx.size(10_000, 2_000)
    Xb, wb, bb = _problem(big, n=5, seed=7)
    calls = {"usual": lambda: K.promethee_ii(Xb, wb, bb, "usual").phi,
             "linear": lambda: K.promethee_ii(Xb, wb, bb, "linear", q=2.0, p=20.0).phi}
    med = ctx.interleaved(calls, ctx.size(5, 2))
    for name, f in calls.items():
        rows.append(row(f"PROMETHEE II {big:,}x5, {name} preference", med[name], 1.0, "information",
                        float("inf"), note="information: the issue measured 22.5 s and 8.6 GB (usual); "
                                           "pymcdm 5.9 s"))
        rows.append(row(f"PROMETHEE II {big:,}x5, {name}: peak temporaries / input", _peak(f), Xb.nbytes,
                        "input size", 20.0, unit="bytes",
                        note=f"the pairwise (m, m, n) tensor alone would be {big:,}x the input"))
    return {"rows": rows, "peers": [pr] if pr else [],
            "notes": [f"PROMETHEE II at m = {big:,}: piecewise criteria from one sort per criterion, "
                      f"O(m log m) time, O(m n) memory; the peer comparison at m = {m:,} keeps pymcdm's "
                      "O(m^2) run short on the shared machine"]}


def tipping(ctx: Context) -> dict[str, Any]:
    """Peak temporaries per pair at m and m / 2: memory linear in the number of pairs keeps the ratio near 1."""
    from mcda.sensitivity import tipping_points

    rows = []
    for method, m in (("topsis", ctx.size(500, 40)), ("vikor", ctx.size(200, 20))):
        per_pair, times = {}, {}
        for size in (m // 2, m):
            X, w, b = _problem(size, n=8, seed=7)
            fn = lambda X=X, w=w, b=b, method=method: tipping_points(X, b, 0, method, w=w)  # noqa: E731
            times[size] = ctx.interleaved({"x": fn}, 1)["x"]
            per_pair[size] = _peak(fn) / (size * (size - 1) // 2)
        pairs = m * (m - 1) // 2
        rows.append(row(f"tipping points {method.upper()}, m = {m}: peak temporaries per pair", per_pair[m],
                        1.0, "information", float("inf"), unit="bytes",
                        note=f"information: {times[m]:.2f} s, {pairs:,} pairs"))
        rows.append(row(f"tipping points {method.upper()}: peak per pair at m = {m} / at m = {m // 2}",
                        per_pair[m], per_pair[m // 2], f"per pair at m = {m // 2}", 1.5, unit="bytes",
                        note="memory linear in the number of pairs keeps this near 1 (quadratic would double it)"))
    return {"rows": rows, "peers": [], "notes": ["tipping points along the first criterion's sweep, 8 criteria"]}


def _first_call(ctx: Context, method: str) -> tuple[float, float]:
    """Seconds to import the compiled kernels (numba) and for the first call (JIT compile), in a fresh process."""
    import os

    code = ("import time, numpy as np; t = time.perf_counter(); from mcda.kernels import compiled; "
            "t1 = time.perf_counter(); X = np.random.default_rng(0).uniform(1, 9, (50, 4)); "
            f"compiled.{method}(X, np.full(4, 0.25), np.array([True, True, False, True])); "
            "print(t1 - t, time.perf_counter() - t1)")
    env = {**os.environ, "PYTHONPATH": str(ctx.root / "src")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    imp, first = out.stdout.split()
    return float(imp), float(first)


def numba_engine(ctx: Context) -> dict[str, Any]:
    """``engine="numba"`` against a plain fused numba loop and against our numpy path; JIT time apart."""
    import refs_compiled

    from mcda.methods import get_method

    m = ctx.size(1_000_000, 100_000)
    X, w, b = _problem(m)
    rows, notes = [], []
    for name, ref in (("topsis", refs_compiled.topsis), ("wsm", refs_compiled.wsm)):
        fast, plain = get_method(name, engine="numba"), get_method(name)
        imp, first = _first_call(ctx, name)
        fns = {"numba": lambda fast=fast: fast.scores(X, w, b), "ref": lambda ref=ref: ref(X, w, b),
               "numpy": lambda plain=plain: plain.scores(X, w, b)}
        # Two sets of rounds: a call right after the numpy path runs while its BLAS threads still spin,
        # which on 2 cores would slow whichever single-threaded loop comes next.
        med = ctx.interleaved({k: fns[k] for k in ("numba", "ref")}, ctx.size(7, 3))  # warm-up compiles
        med_np = ctx.interleaved({k: fns[k] for k in ("numba", "numpy")}, ctx.size(5, 3))
        got = fns["numba"]()
        d_ref, d_np = float(np.max(np.abs(got - fns["ref"]()))), float(np.max(np.abs(got - fns["numpy"]())))
        label = f"{name.upper()} {m:,}x20, one weight vector, `engine='numba'`"
        rows.append(row(label, med["numba"], med["ref"], "fused numba loop", 2.0,
                        note=f"max |ours - reference| = {d_ref:.1e}, max |numba - numpy path| = {d_np:.1e}"))
        rows.append(row(f"{label} vs our numpy path", med_np["numba"], med_np["numpy"], "`engine='numpy'`",
                        float("inf"), note="information: the default path, in rounds of its own"))
        rows.append(row(f"{name.upper()}: first `engine='numba'` call in a process (JIT compile)", first, 1.0,
                        "information", float("inf"),
                        note=f"information: compile on a 50x4 matrix; importing numba took {imp:.2f} s more; "
                             "no disk cache, so every new process pays it once"))
    notes.append(f"numba {_numba_version()}; loops are sequential (no prange), results do not depend on threads")
    return {"rows": rows, "peers": [], "notes": notes}


def _numba_version() -> str:
    import numba

    return str(numba.__version__)


def scale_out(ctx: Context) -> dict[str, Any]:
    import bench_scale_out

    return bench_scale_out.section(ctx, row)


SECTIONS: dict[str, Callable[[Context], dict[str, Any]]] = {
    "imports": imports, "load_study": load, "kernels": kernels, "batched": batched, "ahp": ahp,
    "verdicts": verdicts, "smaa": smaa, "promethee": promethee, "tipping": tipping, "numba": numba_engine,
    "scale_out": scale_out,
}
