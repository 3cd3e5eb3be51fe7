"""Checks of a study whose alternatives are a table (``alternatives: {table: ...}``)."""

from __future__ import annotations

import difflib

from mcda.model.criteria import Criterion, NumericScale
from mcda.model.profiles import ObjectiveRule
from mcda.model.study import StudyModel

__all__ = ["check_table"]

Path = tuple[str | int, ...]
PathProblem = tuple[Path, str]
TABLE: Path = ("alternatives", "table")
_IN_FILE = ("evidence", "missing", "comparisons", "verdicts")


def _hint(wrong: str, names: list[str]) -> str:
    close = difflib.get_close_matches(wrong, names, n=1)
    return f"did you mean {close[0]!r}? " if close else ""


def _check_keys(keys: list[str], leaves: dict[str, Criterion], inner: set[str], part: str) -> list[PathProblem]:
    out: list[PathProblem] = []
    for key in keys:
        if key in leaves:
            continue
        what = "an inner node; only leaves have values" if key in inner else "not a criterion"
        out.append(((*TABLE, part, key), f"{key!r} is {what} ({_hint(key, list(leaves))}leaves: "
                    f"{', '.join(list(leaves)[:8])})"))
    return out


def _check_policies(m: StudyModel, leaves: dict[str, Criterion]) -> list[PathProblem]:
    assert m.table is not None
    out: list[PathProblem] = []
    for leaf_id, policy in m.table.missing.items():
        leaf = leaves.get(leaf_id)
        if leaf is not None and policy == "scale-worst" and isinstance(leaf.scale, NumericScale):
            bound = "lower" if leaf.direction == "max" else "upper"
            if getattr(leaf.scale, bound) is None:
                out.append(((*TABLE, "missing", leaf_id), f"policy 'scale-worst' needs criterion {leaf_id!r} "
                            f"to declare a {bound!r} bound on its scale"))
    return out


def check_table(m: StudyModel, leaves: dict[str, Criterion], inner: set[str]) -> list[PathProblem]:
    """Problems of a table study: the column map covers exactly the leaves, policies are usable,
    and nothing in the file needs alternatives listed in it.

    The table itself (columns, types, values) is checked when it is scored
    (:func:`mcda.scale.score_study_table`), from its metadata first.
    """
    t = m.table
    if t is None:
        return []
    problems = _check_keys(list(t.columns), leaves, inner, "columns")
    problems += _check_keys(list(t.missing), leaves, inner, "missing")
    unmapped = [leaf for leaf in leaves if leaf not in t.columns]
    if unmapped:
        problems.append(((*TABLE, "columns"), f"criteria without a column: {', '.join(unmapped)}; map every "
                         "leaf criterion to the table column holding its values"))
    if t.id in t.columns.values():
        problems.append(((*TABLE, "id"), f"column {t.id!r} names the rows and cannot also hold a criterion"))
    if m.alternatives:
        problems.append((("alternatives",), "give the alternatives either as a list or as a table, not both"))
    problems += _check_policies(m, leaves)
    for section in _IN_FILE:
        if getattr(m, section):
            problems.append(((section,), f"a study whose alternatives are a table takes every value from the "
                             f"table and names no alternative in the file: remove `{section}`"
                             + (" (score the table with mcda.scale.score_study_table and check claims on "
                                "its top rows)" if section == "verdicts" else "")))
    for i, prof in enumerate(m.profiles):
        for node, rule in prof.weights.items():
            if isinstance(rule, ObjectiveRule):
                problems.append((("profiles", i, "weights", node), f"objective weights ({rule.method}) are "
                                 "computed from the whole decision matrix in memory; a table study gives "
                                 "weights or AHP judgements"))
    return problems
