"""One error per problem: a fault repeated in several places is reported once, naming the other lines,
and follow-on errors of a broken item are not reported."""

from __future__ import annotations

from pathlib import Path

import pytest

import mcda
from mcda.errors import StudyValidationError

STUDY = """title: t
alternatives:
  - {id: 甲, name: A}
  - {id: b, name: B}
sources:
  - {id: s, title: S}
criteria:
  id: root
  name: R
  children:
    - {id: c1, name: C1, direction: max, scale: {kind: ratio}}
evidence:
  - {id: e1, alternative: 甲, criterion: c1, value: 1, sources: [s]}
  - {id: e2, alternative: 甲, criterion: c1, value: 2, sources: [s]}
  - {id: e3, alternative: b, criterion: c1, value: 2, sources: [s]}
profiles:
  - {id: p, weights: {root: {c1: 1}}}
"""


def test_an_invalid_id_used_three_times_is_one_problem(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    f.write_text(STUDY, encoding="utf-8")
    with pytest.raises(StudyValidationError) as info:
        mcda.load_study(f)
    (problem,) = info.value.problems
    assert problem.line == 3 and "ASCII" in problem.message and "the same at lines 13, 14" in problem.message
