"""The in-browser weight explorer: the study's matrix and weights as JSON, and the script that re-scores.

The script (``explorer.js``, inlined) re-implements the closed-form kernels with
the library's exact normalisation formulas (:mod:`mcda.kernels.normalize`,
``additive``, ``topsis``, ``ahp_synthesis``), so its scores equal
:meth:`mcda.Study.score` for the same weights (tested in headless Chromium).
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from mcda.model import Criterion
from mcda.report._collect import ReportData

__all__ = ["EXPLORER_METHODS", "explorer_html", "explorer_payload"]

#: (key, label, kind, option) of every method the explorer scores: the closed-form ones with their variants.
EXPLORER_METHODS: tuple[tuple[str, str, str, str], ...] = (
    ("topsis:vector", "TOPSIS (vector normalisation)", "topsis", "vector"),
    ("topsis:minmax", "TOPSIS (min-max)", "topsis", "minmax"),
    ("topsis:max", "TOPSIS (x / max)", "topsis", "max"),
    ("topsis:sum", "TOPSIS (x / sum)", "topsis", "sum"),
    ("wsm:max", "WSM (x / max)", "wsm", "max"),
    ("wsm:minmax", "WSM (min-max)", "wsm", "minmax"),
    ("wsm:sum", "WSM (x / sum)", "wsm", "sum"),
    ("wsm:vector", "WSM (vector)", "wsm", "vector"),
    ("wsm:none", "WSM (no normalisation)", "wsm", "none"),
    ("wpm:max", "WPM (x / max)", "wpm", "max"),
    ("wpm:sum", "WPM (x / sum)", "wpm", "sum"),
    ("wpm:none", "WPM (no normalisation)", "wpm", "none"),
    ("ahp:distributive", "AHP (distributive)", "ahp", "distributive"),
    ("ahp:ideal", "AHP (ideal)", "ahp", "ideal"),
)

#: The library option name of each explorer method kind.
OPTION_NAME = {"topsis": "normalization", "wsm": "normalization", "wpm": "normalization", "ahp": "mode"}


def _tree(node: Criterion, kept: set[str], names: dict[str, str]) -> dict[str, Any] | None:
    if node.is_leaf:
        return {"id": node.id, "name": node.name} if node.id in kept else None
    kids = [t for c in node.children or () if (t := _tree(c, kept, names)) is not None]
    return {"id": node.id, "name": node.name, "children": kids} if kids else None


def explorer_payload(d: ReportData) -> dict[str, Any]:
    """Everything the script needs: matrix, directions, tree, profiles' local weights, verdict claims."""
    study = d.study
    matrix = study.matrix()
    leaves = {c.id: c for c in study.model.criteria.leaves()}
    kept = list(matrix.columns)
    excluded = [c for c in leaves if c not in kept]
    verdicts = [{"id": v.id, "statement": v.statement, "profile": v.profile,
                 "scope": v.scope or study.model.criteria.id,
                 "claim": v.claimed}
                for v in study.model.verdicts]
    return {
        "alternatives": [{"id": a.id, "name": a.name} for a in study.model.alternatives],
        "leaves": kept,
        "excluded": [{"id": c, "parent": _parent(study.model.criteria, c)} for c in excluded],
        "X": matrix.to_numpy().tolist(),
        "benefit": [bool(b) for b in study.evidence_matrix().benefit],  # after value functions
        "tree": _tree(study.model.criteria, set(kept), d.names),
        "profiles": [{"id": p, "local": ew.local} for p, ew in d.weights.items()],
        "verdicts": verdicts,
        "methods": [{"key": k, "label": lab, "kind": kind, "option": opt} for k, lab, kind, opt in EXPLORER_METHODS],
        "method": next((k for k, _, kind, _ in EXPLORER_METHODS
                        if kind == getattr(d.options.method, "name", d.options.method)),
                       EXPLORER_METHODS[0][0]),
    }


def _parent(root: Criterion, node_id: str) -> str:
    for n in root.walk():
        if any(c.id == node_id for c in n.children or ()):
            return n.id
    return root.id


def _json_for_script(data: Any) -> str:
    """JSON that cannot end the ``<script>`` element it sits in (``<``, ``>`` and ``&`` escaped)."""
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def explorer_html(d: ReportData) -> str:
    """The explorer section body: a no-script note, the data, the script."""
    script = resources.files("mcda.report").joinpath("explorer.js").read_text(encoding="utf-8")
    return ('<noscript><p class="small">The weight explorer needs JavaScript; every other section of this '
            "report is static.</p></noscript>"
            '<div id="mcda-explorer" class="controls"></div>'
            f'<script type="application/json" id="mcda-data">{_json_for_script(explorer_payload(d))}</script>'
            f"<script>{script}</script>")
