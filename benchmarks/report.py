"""``docs/performance.md`` from the record :mod:`harness` writes (nothing here measures)."""

from __future__ import annotations

import math
from typing import Any

TITLES = {
    "imports": "Import and `mcda --help`", "load_study": "Loading a study", "kernels": "Single-call kernels",
    "batched": "Batched call: cost of validation", "ahp": "AHP", "verdicts": "Verdicts with robustness",
    "smaa": "SMAA-2", "promethee": "PROMETHEE II", "tipping": "Tipping points",
    "numba": "Compiled path (numba extra)", "scale_out": "Scale out on Dask",
}


def _fmt(value: float, unit: str) -> str:
    if unit == "count":
        return f"{value:,.0f}"
    if unit == "abs":
        return f"{value:.1e}"
    if unit == "bytes":
        return f"{value / 2**20:,.1f} MB" if value >= 2**20 else f"{value:,.0f} B"
    if value >= 1:
        return f"{value:,.2f} s"
    if value >= 1e-3:
        return f"{value * 1e3:,.1f} ms"
    return f"{value * 1e6:,.0f} µs"


def _target(r: dict[str, Any]) -> str:
    if math.isinf(r["target"]):
        return "—"
    if r["absolute"]:
        return f"{'≤' if r['unit'] in ('count', 'abs') else '<'} {_fmt(r['target'], r['unit'])}"
    return f"≤ {r['target']:g}×" if r["target"] >= 1 or r["unit"] != "s" else f"≤ {r['target'] * 100:g} %"


def _verdict(r: dict[str, Any]) -> str:
    if math.isinf(r["target"]):
        return "info"
    return "met" if r["met"] else "**missed**"


def _ratio(r: dict[str, Any]) -> str:
    if r["absolute"] or r["ref_name"] == "information":
        return "—"
    if r["target"] < 1 and r["unit"] == "s":
        return f"{r['ratio'] * 100:.1f} %"
    return f"{r['ratio']:.2f}×"


def targets_table(record: dict[str, Any]) -> list[str]:
    lines = ["| section | what | ours | reference | ratio | target | |", "|---|---|---|---|---|---|---|"]
    for name, sec in record["sections"].items():
        for r in sec.get("rows", []):
            plain = r["absolute"] or r["ref_name"] == "information"
            ref = r["ref_name"] if plain else f"{_fmt(r['reference'], r['unit'])} ({r['ref_name']})"
            lines.append(f"| {TITLES.get(name, name)} | {r['what']} | {_fmt(r['ours'], r['unit'])} | {ref} | "
                         f"{_ratio(r)} | {_target(r)} | {_verdict(r)} |")
    return lines


def peers_table(record: dict[str, Any]) -> list[str]:
    lines = ["| what | peer | version | peer median | ours | peer / ours | max abs difference |",
             "|---|---|---|---|---|---|---|"]
    first_use = next((r["ours"] for r in record["sections"].get("imports", {}).get("rows", [])
                      if "loading the seed study" in r["what"]), None)
    for sec in record["sections"].values():
        for p in sec.get("peers", []):
            if p["what"] == "import" and first_use:  # a peer's import against ours plus loading what a study needs
                p = {**p, "what": "import (ours: `import mcda` + loading the seed study)", "ours": first_use,
                     "speedup": p["seconds"] / first_use}
            diff = "—" if p.get("max_abs_diff") is None else f"{p['max_abs_diff']:.1e}"
            speed = "—" if not p.get("speedup") else f"{p['speedup']:.2f}×"
            lines.append(f"| {p['what']} | {p['peer']} | {p.get('version', '')} | {_fmt(p['seconds'], 's')} | "
                         f"{_fmt(p['ours'], 's')} | {speed} | {diff} |")
    return lines


#: Why a target can be missed today, shown only for the targets this run missed.
WHY = {
    "verdicts": "the minimum changes are closed forms now (WSM/AHP/WPM: a one-constraint L1 programme solved "
                "without a solver; TOPSIS with two alternatives: an exact separable programme in the squared "
                "weights, no SLSQP) and the tipping points of all sweep paths of a verdict come from one batched "
                "pass; about three quarters of what remains is P(holds): 20,000 Dirichlet weight draws per "
                "profile and 20,000 sampled evidence matrices normalised and scored for each of the 33 "
                "(verdict, method) checks, run by the shared block driver (sensitivity/robustness.py), which "
                "normalises each method's stack on its own, even for profiles that share one scope's sampled "
                "matrices. The plain check is small (80-150 ms), so the ratio moves by a unit or more with the "
                "machine's load.",
    "smaa": "the rank statistics are one sort per sample and the m x m pairwise winning indices are off above "
            "defaults.SMAA_PAIRWISE_MAX alternatives, so time and memory grow linearly in m; beyond the reference's "
            "argsort, SMAA draws its weights per block, checks every sample for ties and sums the central weights "
            "(a few more passes over the (samples, m) scores), so a miss is that constant factor or the run's load.",
    "promethee": "the piecewise preference functions are summed from one sort per criterion (O(m log m)); "
                 "what remains is per-criterion overhead of a few numpy calls, which dominates at small m.",
    "kernels": "a kernel above 1.3x spends its extra passes in validation (finite and sign checks) the "
               "reference skips.",
    "scale_out": "the LocalCluster's worker processes run on the same two cores as the client, so the cluster "
                 "adds serialisation and scheduling to the same arithmetic; a cluster pays off with more machines.",
    "ahp": "per-call overhead of validation and diagnostics around one small eigen-decomposition.",
}


def why_missed(record: dict[str, Any]) -> list[str]:
    out = []
    for name, sec in record["sections"].items():
        if any(not r["met"] and not math.isinf(r["target"]) for r in sec.get("rows", [])) and name in WHY:
            out.append(f"* {TITLES.get(name, name)}: {WHY[name]}")
    return out


def render(record: dict[str, Any]) -> str:
    m = record["machine"]
    loads = [s["load_before"][0] for s in record["sections"].values()] + \
            [s["load_after"][0] for s in record["sections"].values()]
    out = [
        "# Performance",
        "",
        "Every number on this page comes from a recorded run of `python benchmarks/harness.py`"
        + (" --quick" if record["quick"] else "") + ", recorded in `benchmarks/results/last_run.json`.",
        "Competing calls were timed in alternating rounds and each figure is the **median** of its rounds.",
        "Ratios are taken within the run, so they mean more than the absolute times on a shared machine.",
        "",
        f"* machine: {m['cpu']}, {m['cpus']} CPUs, {m['platform']}; run {m['date']}",
        f"* Python {m['python']}, numpy {m['numpy']}, PyYAML {m['pyyaml']}, pydantic {m['pydantic']}",
        f"* peers: {', '.join(f'{k} {v}' for k, v in sorted(record.get('peer_versions', {}).items())) or 'not run'}",
        f"* **load average** (1 min) during the run: {min(loads):.2f} to {max(loads):.2f} on {m['cpus']} cores. "
        "The machine was shared with other work, so absolute times are slower and noisier than on a quiet "
        "machine; a load above the core count means the calls waited for a CPU.",
        *(f"* sections {', '.join(p['sections'])} measured in a later run "
          f"({p['machine']['date']}, `--only {','.join(p['sections'])}`); their rows replace or add to the first run's"
          for p in record.get("partial_runs", [])),
        "",
        "## Targets",
        "",
        "Ratio = ours / reference, both measured in this run (for memory: peak bytes traced by `tracemalloc` "
        "during the call / the input's size).",
        "",
        *targets_table(record),
        "",
        "`import mcda` itself loads only `mcda.errors`: every other public name is imported on first use. The "
        "information row *import + loading the seed study* is what a script that loads a study pays: the imports it "
        "needs and the load itself.",
        "",
        "### Why the missed targets are missed",
        "",
        *(why_missed(record) or ["(none missed)"]),
        "",
        "## Peers on the same inputs",
        "",
        "Peer code ran in its own virtual environment (`benchmarks/.venvs/peers`), in a subprocess, on the same "
        "arrays. *max abs difference* compares results where both are configured alike (TOPSIS with vector "
        "normalisation, WSM with linear max normalisation, PROMETHEE II with the usual criterion, AHP "
        "eigenvector priorities followed by the CR).",
        "",
        *peers_table(record),
        "",
        "## Notes from the run",
        "",
    ]
    for name, sec in record["sections"].items():
        extra = list(sec.get("notes", []))
        if sec.get("error"):
            extra.append(f"section failed: {sec['error']}")
        for note in extra:
            out.append(f"* {TITLES.get(name, name)}: {note}")
        for r in sec.get("rows", []):
            if r.get("note"):
                out.append(f"* {r['what']}: {r['note']}")
        out.append(f"* {TITLES.get(name, name)}: load average {sec['load_before'][0]:.2f} before, "
                   f"{sec['load_after'][0]:.2f} after; {sec['seconds']:.0f} s")
    out += [f"* {line}" for line in record.get("log", [])]
    out += ["", "Rerun with `python benchmarks/harness.py` (add `--quick` for a smoke run, `--no-peers` to skip "
            "the peer environment). A missed target above is stated with its ratio; see the notes for why.", ""]
    return "\n".join(out)


def summary(record: dict[str, Any]) -> str:
    return "\n".join(targets_table(record))
