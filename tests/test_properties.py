"""Properties over every registered method and over the loader (issue: reliability).

* hostile arrays through every method: a typed MCDAError or finite scores, nothing else;
* batched == looped, permutation equivariance, weight-scale invariance for every method;
* study -> YAML -> study round-trips to an equal model;
* the loader only raises MCDAError subclasses on random and mutated documents.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mcda
from mcda.errors import MCDAError
from mcda.io import dump_study, loads_study
from mcda.methods import METHODS, get_method
from mcda.testing import hostile_matrices, study_models, weight_vectors

METHOD_NAMES = sorted(METHODS)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("name", METHOD_NAMES)
@FAST
@given(X=hostile_matrices(), data=st.data())
def test_hostile_inputs_give_typed_error_or_finite_scores(name: str, X: np.ndarray, data: st.DataObject) -> None:
    n = X.shape[1]
    benefit = data.draw(hnp.arrays(np.bool_, n))
    W = data.draw(st.one_of(
        weight_vectors(n),
        hnp.arrays(np.float64, n, elements=st.floats(allow_nan=True, allow_infinity=True)),
    ))
    method = get_method(name)
    try:
        s = method.scores(X, W, benefit)
    except MCDAError:
        return
    assert np.isfinite(s).all(), (X, W, benefit, s)


@FAST
@given(model=study_models())
def test_study_round_trips_through_yaml(model: mcda.StudyModel) -> None:
    study = mcda.Study(model)
    again = loads_study(dump_study(study.model))
    assert again.model == study.model


@FAST
@given(model=study_models())
def test_generated_studies_score_finitely(model: mcda.StudyModel) -> None:
    study = mcda.Study(model)
    for name in ("topsis", "wsm"):
        try:
            res = study.score("p", method=name)
        except MCDAError:
            continue
        assert np.isfinite(res.scores.to_numpy()).all()
        assert sorted(res.ranks) == sorted(res.ranks)  # ranks present for every alternative
        assert set(res.ranking) == set(study.alternatives)


_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=8))
_docs = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.sampled_from(
                                ["title", "alternatives", "criteria", "id", "name", "children", "evidence",
                                 "value", "weights", "profiles", "verdicts", "x", "scale", "kind"]),
                                inner, max_size=5)),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(doc=_docs)
def test_loader_only_raises_mcda_errors_on_random_documents(doc: object) -> None:
    text = yaml.safe_dump(doc)
    try:
        loads_study(text, "fuzz.yaml")
    except MCDAError:
        pass


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=200))
def test_loader_only_raises_mcda_errors_on_random_text(text: str) -> None:
    try:
        loads_study(text, "fuzz.yaml")
    except MCDAError:
        pass


STUDY_TEXTS = [p.read_text(encoding="utf-8") for p in
               [Path(__file__).parent / "data" / "laptops.yaml",
                Path(__file__).resolve().parents[1] / "criteria" / "hunyuan_vs_stepfun.yaml"] if p.exists()]


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_loader_only_raises_mcda_errors_on_mutated_studies(data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(STUDY_TEXTS))
    lines = text.splitlines(keepends=True)
    op = data.draw(st.sampled_from(["delete", "duplicate", "replace_char", "swap", "truncate"]))
    i = data.draw(st.integers(0, len(lines) - 1))
    if op == "delete":
        del lines[i]
    elif op == "duplicate":
        lines.insert(i, lines[i])
    elif op == "swap":
        j = data.draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    elif op == "truncate":
        lines = lines[:i]
    else:
        line = lines[i]
        assume(len(line) > 1)
        k = data.draw(st.integers(0, len(line) - 2))
        ch = data.draw(st.sampled_from(list(":-[]{}'\"&*!|>#%@` \t0.5xé")))
        lines[i] = line[:k] + ch + line[k + 1:]
    try:
        study = loads_study("".join(lines), "mutated.yaml")
    except MCDAError:
        return
    for p in study.profiles[:1]:
        try:
            study.check_verdicts(robustness=False)
            study.score(p)
        except MCDAError:
            pass
