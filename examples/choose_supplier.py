"""Choose a supplier from a CSV decision matrix: mcda is not tied to the seed study.

Run:  python examples/choose_supplier.py
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import mcda

HERE = Path(__file__).resolve().parent

study = mcda.read_table_study(
    HERE / "data" / "suppliers.csv",
    directions={
        "unit_price_eur": "min",
        "lead_time_days": "min",
        "defect_rate_ppm": "min",
        "capacity_units_per_week": "max",
        "certifications": "max",
    },
    weights={
        "unit_price_eur": 0.35,
        "lead_time_days": 0.15,
        "defect_rate_ppm": 0.25,
        "capacity_units_per_week": 0.15,
        "certifications": 0.10,
    },
    title="Supplier selection",
)

print(study)
print("\nDecision matrix:\n", study.matrix().to_string(), sep="")
rows = []
for method in ("topsis", "wsm", "wpm"):
    res = study.score("given", method=method)
    rows.append(pd.Series(res.ranks, name=method))
print("\nRanks by method (1 = best):\n", pd.concat(rows, axis=1).to_string(), sep="")

res = study.score("given", method="topsis")
print(f"\nTOPSIS leader: {res.leader}")
shares = res.explain()["d_minus_share"].unstack("criterion").loc[res.ranking, study.leaves]
print("\nWhy: each criterion's share of the distance from the anti-ideal (TOPSIS):")
print(shares.round(3).to_string())
