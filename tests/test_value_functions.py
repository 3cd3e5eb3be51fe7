"""Value functions on leaves: hand-computed values, validation, and invariants."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mcda
from mcda.errors import StudyError, StudyValidationError
from mcda.methods import method_names
from mcda.model import Criterion
from mcda.value_functions import transform, value_benefit


def load_text(tmp_path: Path, text: str) -> mcda.Study:
    f = tmp_path / "s.yaml"
    f.write_text(text, encoding="utf-8")
    return mcda.load_study(f)


def leaf(vf: dict | None, direction: str = "max", scale: dict | None = None) -> Criterion:
    return Criterion(id="c", name="C", direction=direction, scale=scale or {"kind": "ratio", "lower": 0},
                     value_function=vf)


# --- hand-computed values -----------------------------------------------------------------------
def test_log_is_log2_of_one_plus_steps_above_the_lower_bound() -> None:
    x = np.array([0.0, 1.0, 3.0, 7.0, 600.0])
    assert transform(leaf({"kind": "log"}), x).tolist() == pytest.approx([0, 1, 2, 3, math.log2(601)])
    # unit 10: one step per doubling of 1 + x/10; the lower bound shifts the origin
    lv = leaf({"kind": "log", "unit": 10}, scale={"kind": "ratio", "lower": 5})
    assert transform(lv, np.array([5.0, 15.0, 35.0])).tolist() == pytest.approx([0, 1, 2])


def test_saturating_rises_to_one_at_the_level_and_stays() -> None:
    lv = leaf({"kind": "saturating", "level": 3}, scale={"kind": "ratio", "lower": 0, "upper": 6})
    assert transform(lv, np.array([0.0, 1.0, 2.0, 3.0, 6.0])).tolist() == pytest.approx([0, 1 / 3, 2 / 3, 1, 1])


def test_piecewise_interpolates_and_a_decreasing_one_is_a_benefit() -> None:
    up = leaf({"kind": "piecewise", "points": [[0, 0], [2, 0.8], [10, 1]]})
    assert transform(up, np.array([0.0, 1.0, 2.0, 6.0, 10.0])).tolist() == pytest.approx([0, 0.4, 0.8, 0.9, 1])
    down = leaf({"kind": "piecewise", "points": [[0, 1], [100, 0.5], [200, 0]]}, direction="min")
    assert transform(down, np.array([50.0, 150.0])).tolist() == pytest.approx([0.75, 0.25])
    assert value_benefit(down) and not value_benefit(leaf(None, direction="min"))


def test_ordinal_levels_can_take_a_piecewise_value() -> None:
    lv = leaf({"kind": "piecewise", "points": [[1, 0], [2, 0.9], [3, 1]]},
              scale={"kind": "ordinal", "levels": ["low", "mid", "high"]})
    assert transform(lv, np.array([1.0, 2.0, 3.0])).tolist() == pytest.approx([0, 0.9, 1])


STUDY = """
title: t
alternatives: [{id: a, name: A}, {id: b, name: B}, {id: c, name: C}]
criteria:
  id: root
  name: R
  children:
    - id: n
      name: Count
      direction: max
      scale: {kind: ratio, lower: 0}
      VF_N
    - id: p
      name: Price
      direction: min
      scale: {kind: ratio, lower: 0, upper: 200}
      VF_P
sources: [{id: s, title: S}]
evidence:
  - {id: e1, alternative: a, criterion: n, value: 1, sources: [s]}
  - {id: e2, alternative: b, criterion: n, value: [3, 7], sources: [s]}
  - {id: e3, alternative: c, criterion: n, value: 0, sources: [s]}
  - {id: e4, alternative: a, criterion: p, value: 50, sources: [s]}
  - {id: e5, alternative: b, criterion: p, value: 150, sources: [s]}
  - {id: e6, alternative: c, criterion: p, value: [100, 200], sources: [s]}
profiles:
  - {id: eq, weights: {root: {n: 1, p: 1}}}
verdicts:
  - {id: v, statement: s, profile: eq, method: [wsm, topsis], leader: a}
"""


def study_text(vf_n: str = "", vf_p: str = "") -> str:
    return STUDY.replace("VF_N", vf_n).replace("VF_P", vf_p)


def test_the_matrix_holds_values_and_provenance_shows_raw_and_value(tmp_path: Path) -> None:
    s = load_text(tmp_path, study_text("value_function: {kind: log}",
                                       "value_function: {kind: piecewise, points: [[0, 1], [100, 0.5], [200, 0]]}"))
    X = s.matrix()
    # b's interval [3, 7] maps to [2, 3]: the point value is the midpoint of the values, 2.5
    assert X.loc[:, "n"].tolist() == pytest.approx([1.0, 2.5, 0.0])
    # decreasing: c's [100, 200] maps to [0, 0.5] (ends swapped), midpoint 0.25
    assert X.loc[:, "p"].tolist() == pytest.approx([0.75, 0.25, 0.25])
    assert s.arrays("eq").benefit.tolist() == [True, True]
    prov = s.provenance("b", "n")
    assert prov.raw == 5.0 and prov.value == pytest.approx(2.5) and prov.value_function == "log (unit 1)"
    table = s.values().set_index(["alternative", "criterion"])
    assert table.loc[("c", "p"), "raw"] == 150 and table.loc[("c", "p"), "value"] == pytest.approx(0.25)
    # the explanation shows raw value and value
    ex = s.score("eq", "wsm").explain()
    assert ex.loc[("b", "n"), "raw"] == 5.0 and ex.loc[("b", "n"), "value"] == pytest.approx(2.5)
    assert "raw" not in load_text(tmp_path, study_text()).score("eq", "wsm").explain().columns
    # WSM on values: x/max per column (benefit both), equal weights
    wsm = s.score("eq", "wsm").scores
    assert wsm["a"] == pytest.approx(0.5 * 1 / 2.5 + 0.5 * 1.0)
    assert wsm["b"] == pytest.approx(0.5 * 1.0 + 0.5 * 0.25 / 0.75)


def test_linear_declared_reproduces_the_raw_scores_exactly(tmp_path: Path) -> None:
    plain = load_text(tmp_path, study_text())
    linear = load_text(tmp_path, study_text("value_function: {kind: linear}", "value_function: {kind: linear}"))
    assert plain.matrix().equals(linear.matrix())
    for m in method_names():
        assert plain.score("eq", m).scores.equals(linear.score("eq", m).scores), m


@pytest.mark.parametrize(("vf", "where", "message"), [
    ("{kind: piecewise, points: [[0, 0], [5, 0.7], [9, 0.6]]}", "points[2]", "must be non-decreasing"),
    ("{kind: piecewise, points: [[0, 0], [5, 1.5]]}", "points[1]", "outside [0, 1]"),
    ("{kind: piecewise, points: [[-1, 0], [5, 1]]}", "points[0]", "outside the scale"),
    ("{kind: piecewise, points: [[0, 0], [0, 1]]}", "points[1]", "strictly increasing"),
    ("{kind: piecewise, points: [[0, 0.5], [9, 0.5]]}", "points", "same value"),
    ("{kind: saturating}", "value_function", "needs `level`"),
    ("{kind: saturating, level: 0}", "level", "must exceed the scale's lower bound"),
    ("{kind: log, unit: -1}", "unit", "must be positive"),
    ("{kind: log, level: 3}", "level", "takes no 'level'"),
])
def test_bad_value_functions_are_located(tmp_path: Path, vf: str, where: str, message: str) -> None:
    with pytest.raises(StudyValidationError) as info:
        load_text(tmp_path, study_text(f"value_function: {vf}"))
    text = str(info.value)
    assert "criteria.children[0].value_function" in text and where in text and message in text, text


def test_cost_leaves_and_uncovered_evidence_are_refused(tmp_path: Path) -> None:
    with pytest.raises(StudyValidationError, match="is a cost"):
        load_text(tmp_path, study_text(vf_p="value_function: {kind: log}"))
    with pytest.raises(StudyValidationError, match="must be non-increasing"):
        load_text(tmp_path, study_text(vf_p="value_function: {kind: piecewise, points: [[0, 0], [200, 1]]}"))
    with pytest.raises(StudyValidationError, match=r"evidence\[1\].*outside its piecewise"):
        load_text(tmp_path, study_text("value_function: {kind: piecewise, points: [[0, 0], [5, 1]]}"))
    with pytest.raises(StudyError, match="outside the domain"):
        transform(leaf({"kind": "piecewise", "points": [[1, 0], [2, 1]]}), np.array([0.0]))


def test_sensitivity_and_smaa_use_the_values(tmp_path: Path) -> None:
    s = load_text(tmp_path, study_text("value_function: {kind: saturating, level: 1}"))
    arr = s.arrays("eq")
    assert arr.X[:, 0].tolist() == [1.0, 1.0, 0.0] and arr.hi[:, 0].tolist() == [1.0, 1.0, 0.0]
    smaa = s.smaa(n_samples=2000, rng=1, evidence="interval")
    assert np.isfinite(smaa.to_numpy(dtype=float)).all()


# --- invariants ---------------------------------------------------------------------------------
xs = st.lists(st.floats(0, 1e4, allow_nan=False), min_size=2, max_size=20)


@st.composite
def monotone_function(draw: st.DrawFn) -> tuple[Criterion, bool]:
    kind = draw(st.sampled_from(["log", "saturating", "piecewise", "piecewise-down"]))
    if kind == "log":
        return leaf({"kind": "log", "unit": draw(st.floats(0.01, 100))}), True
    if kind == "saturating":
        return leaf({"kind": "saturating", "level": draw(st.floats(0.5, 1e4))}), True
    n = draw(st.integers(2, 6))
    inner = sorted(draw(st.lists(st.floats(1, 1e4 - 1), min_size=n - 2, max_size=n - 2, unique=True)))
    x = [0.0, *inner, 1e4]
    v = sorted(draw(st.lists(st.floats(0, 1), min_size=len(x), max_size=len(x))))
    if v[0] == v[-1]:
        v[-1] = min(1.0, v[0] + 0.5) if v[0] < 1 else v[-1]
        v[0] = 0.0 if v[0] == v[-1] else v[0]
    down = kind == "piecewise-down"
    pts = [[a, b] for a, b in zip(x, v[::-1] if down else v, strict=True)]
    return leaf({"kind": "piecewise", "points": pts}, direction="min" if down else "max"), not down


@settings(max_examples=200, deadline=None)
@given(monotone_function(), xs)
def test_monotone_in_monotone_out(fn: tuple[Criterion, bool], values: list[float]) -> None:
    lv, increasing = fn
    from mcda.value_functions import check_value_function

    assert check_value_function(lv, ("c",)) == []
    x = np.sort(np.array(values))
    v = transform(lv, x)
    steps = np.diff(v)
    assert (steps >= -1e-12).all() if increasing else (steps <= 1e-12).all()
    if lv.value_function is not None and lv.value_function.kind != "log":
        assert ((v >= 0) & (v <= 1)).all()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0.1, 1e3), min_size=6, max_size=6), st.lists(st.floats(0.1, 10), min_size=2, max_size=2))
def test_linear_reproduces_todays_scores(tmp_path_factory: pytest.TempPathFactory, values: list[float],
                                         weights: list[float]) -> None:
    text = study_text().replace("upper: 200", "upper: 1000").replace("{n: 1, p: 1}",
                                                                     f"{{n: {weights[0]!r}, p: {weights[1]!r}}}")
    for old, new in zip(("value: 1,", "value: [3, 7],", "value: 0,", "value: 50,", "value: 150,", "value: [100, 200],"),
                        values, strict=True):
        text = text.replace(old, f"value: {new!r},", 1)
    linear = text.replace("      direction: max\n", "      direction: max\n      value_function: {kind: linear}\n")
    assert linear != text
    d = tmp_path_factory.mktemp("lin")
    plain, lin = load_text(d, text), load_text(d, linear)
    assert plain.matrix()["n"].tolist() == pytest.approx(values[:3])
    for m in ("wsm", "topsis", "ahp", "wpm", "vikor"):
        assert plain.score("eq", m).scores.equals(lin.score("eq", m).scores), m


@settings(max_examples=80, deadline=None)
@given(monotone_function(), st.floats(0, 1e4), st.floats(0, 1e4))
def test_a_better_raw_value_never_lowers_the_score(fn: tuple[Criterion, bool], x: float, dx: float) -> None:
    """Monotone value in, monotone score out: raising one alternative's raw value on a benefit leaf
    (lowering it on a cost leaf) never lowers its WSM score, whatever the value function."""
    from mcda.arrays import DecisionArrays
    from mcda.methods import WSM

    lv, increasing = fn
    lo_x, hi_x = sorted((x, min(1e4, x + dx)))
    better, worse = (hi_x, lo_x) if increasing else (lo_x, hi_x)
    other = np.array([2500.0, 7500.0])
    scores = []
    for raw_a in (worse, better):
        col = transform(lv, np.array([raw_a, *other]))
        X = np.column_stack([col, [0.5, 1.0, 0.2]])
        arr = DecisionArrays.from_matrix(X, [0.5, 0.5], [value_benefit(lv), True], ["a", "b", "c"], ["v", "q"])
        scores.append(WSM().scores(arr.X, arr.w, arr.benefit)[0])
    assert scores[1] >= scores[0] - 1e-12
