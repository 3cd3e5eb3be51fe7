"""Validation happens once where the data enters; prepared arrays are built once per (profile, scope)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import mcda
import mcda.io.study_io
import mcda.study
from mcda.model import check_study
from mcda.study import Study

SEED = Path(__file__).resolve().parents[1] / "criteria" / "hunyuan_vs_stepfun.yaml"


def _counting(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[tuple]:
    calls: list[tuple] = []
    original = getattr(owner, name)

    def wrapper(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, wrapper)
    return calls


def test_load_study_checks_the_study_once(monkeypatch: pytest.MonkeyPatch) -> None:
    in_loader = _counting(monkeypatch, mcda.io.study_io, "check_study")
    in_facade = _counting(monkeypatch, mcda.study, "check_study")
    mcda.load_study(SEED)
    assert len(in_loader) + len(in_facade) == 1


def test_a_study_built_from_a_model_is_checked(laptops_path: Path) -> None:
    model = mcda.load_study(laptops_path).model
    bad = model.model_copy(update={"alternatives": model.alternatives[:1]})
    with pytest.raises(mcda.errors.StudyValidationError, match="at least 2 alternatives"):
        Study(bad)


def test_check_study_alone_knows_the_built_in_methods() -> None:
    study = mcda.load_study(SEED)
    assert check_study(study.model) == []


def test_check_verdicts_prepares_each_profile_and_scope_once(monkeypatch: pytest.MonkeyPatch) -> None:
    study = mcda.load_study(SEED)
    calls = _counting(monkeypatch, Study, "_build")
    study.check_verdicts(n_samples=400)
    built = [(prof.id, scope) for _, prof, scope in calls]
    expected = {(v.profile, v.scope) for v in study.model.verdicts}
    assert sorted(built) == sorted(expected)  # each distinct pair exactly once


def test_prepared_arrays_are_shared_read_only(laptops_path: Path) -> None:
    study = mcda.load_study(laptops_path)
    profile = study.profiles[0]
    a, b = study.arrays(profile), study.arrays(profile)
    assert a is b
    with pytest.raises(ValueError, match="read-only"):
        a.X[0, 0] = 1.0
    before = study.score(profile, "topsis").scores.to_numpy()
    np.testing.assert_array_equal(before, study.score(profile, "topsis").scores.to_numpy())


def test_shared_draws_and_tipping_points_change_no_number(laptops_path: Path) -> None:
    from mcda.verdicts import ROBUSTNESS_COLUMNS, robustness_row

    study = mcda.load_study(laptops_path)
    shared = study.check_verdicts(n_samples=3000, rng=7)
    for i, o in enumerate(study.verdict_outcomes()):
        v = o.verdict
        alone = robustness_row(o, study.arrays(v.profile, v.scope), study.sweep_paths(v.profile, v.scope),
                               n_samples=3000, rng=7)
        for col in ROBUSTNESS_COLUMNS:
            got = shared.loc[i, col]
            if alone[col] is None:
                assert got is None or got is pd.NA, (o.verdict.id, col)
            else:
                assert got == alone[col], (o.verdict.id, col)


def test_profiles_of_one_scope_draw_their_evidence_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Evidence draws depend on the scope and the seed, not on the profile: check_verdicts draws each
    (scope, block) once however many profiles use that scope, and P(holds) is unchanged."""
    from mcda.sensitivity import _driver

    calls: list[int] = []
    real = _driver.sample_evidence

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    study = mcda.load_study(SEED)
    monkeypatch.setattr(_driver, "sample_evidence", counted)
    df = study.check_verdicts("wsm", n_samples=300)
    scopes = {v.scope for v in study.model.verdicts}
    assert len({(v.profile, v.scope) for v in study.model.verdicts}) > len(scopes)  # some scope has two profiles
    assert len(calls) == len(scopes)  # one block of 300 samples per scope, WSM scores whole stacks
    monkeypatch.setattr(_driver, "sample_evidence", real)
    monkeypatch.setattr(mcda.study, "_share_evidence", lambda *args: None)  # every profile draws its own
    unshared = mcda.load_study(SEED).check_verdicts("wsm", n_samples=300)
    pd.testing.assert_series_equal(df["p_holds"], unshared["p_holds"])
