"""Figures of the seed study: what would flip the balanced reader's verdict, and how robust it is.

Needs the plot extra:  python -m pip install -e ".[plot]"
Run:                   python examples/figures.py [OUTPUT_DIR]

Writes four PNG files (into OUTPUT_DIR, or a new temporary directory) and prints their paths:

1. the tipping chart: for each criteria node, how far its weight must move for the leader to change;
2. the sweep of the node whose tipping point is nearest, with that tipping point marked;
3. SMAA-2 rank acceptability around the balanced profile (Dirichlet weights, concentration 100);
4. central weights under no preference information at all (uniform weights).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import mcda
from mcda import plot

STUDY = Path(__file__).resolve().parents[1] / "criteria" / "hunyuan_vs_stepfun.yaml"
PROFILE, METHOD = "balanced", "topsis"

out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="mcda-figures-"))
out.mkdir(parents=True, exist_ok=True)
study = mcda.load_study(STUDY)
written = []


def save(ax: object, name: str) -> None:
    fig = ax.figure  # type: ignore[attr-defined]
    fig.savefig(out / name, dpi=120)
    plot.pyplot().close(fig)
    written.append(out / name)


tips = study.tipping_points(PROFILE, METHOD)
save(plot.tipping_plot(tips), "tipping.png")

flips = tips[tips["leader_changes"]]
nearest = flips.loc[flips["l1_distance"].idxmin()]
print(f"Nearest leader change for '{PROFILE}' ({METHOD}): weight of {nearest['node']} from "
      f"{nearest['weight_now']:.3f} to {nearest['weight']:.3f} makes {nearest['leader_after']} the leader "
      f"(L1 distance {nearest['l1_distance']:.3f}).")
save(plot.sweep_plot(study.sweep(PROFILE, nearest["node"], METHOD), tips), "sweep.png")

around = study.smaa(PROFILE, METHOD, n_samples=100_000, rng=1)
save(plot.acceptability_plot(around), "acceptability.png")
leader = study.score(PROFILE, method=METHOD).leader
print(f"P({leader} first) around the profile: {around.loc[leader, ('acceptability', 'rank_1')]:.3f}")

uniform = study.smaa(None, METHOD, n_samples=100_000, rng=1)
save(plot.central_weights_plot(uniform), "central_weights.png")

print("Figures written:")
for path in written:
    print(f"  {path}")
