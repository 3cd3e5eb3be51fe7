"""Define your own weight profile in Python and compare it with the study's profiles.

Run:  python examples/weight_profiles.py
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import mcda

STUDY = Path(__file__).resolve().parents[1] / "criteria" / "hunyuan_vs_stepfun.yaml"
study = mcda.load_study(STUDY)

# A reader who cares mostly about edge deployment and iteration speed, a little about open
# source, and not at all about the other dimensions. Inside each dimension we keep the study's
# balanced local weights. WeightProfile validates types; the study checks it against the tree.
balanced = study.profile("balanced")
mine = mcda.WeightProfile(
    id="my_edge_first",
    description="edge deployment first, then iteration speed, then open source; nothing else",
    weights={
        **balanced.weights,
        "root": {"data": 0, "open_source": 1, "agent_context": 0, "edge": 3,
                 "engineering": 0, "iteration": 2, "foresight": 0},
    },
)

rows = []
for profile in [*study.profiles, mine]:
    for method in ("topsis", "wsm"):
        res = study.score(profile, method=method)
        rows.append({"profile": res.profile, "method": method, "leader": res.leader,
                     **{f"score_{a}": round(float(s), 4) for a, s in res.scores.items()}})
print(pd.DataFrame(rows).to_string(index=False))

print("\nEffective dimension weights of my profile (normalised, as used):")
for dim, w in study.weights(mine).local["root"].items():
    print(f"  {dim:<16} {w:.3f}")
