"""Tipping points of many paths in one pass equal the one-path-at-a-time answer, exactly."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings

import mcda
from mcda.errors import InputError
from mcda.sensitivity import group_path, leaf_path, tipping_points
from mcda.sensitivity._tipping_batch import tipping_points_along
from mcda.testing import decision_problems

FIELDS = ("t", "ahead", "behind", "leader_before", "leader_after", "leader_changes", "distance")


def assert_same(one: list, many: list) -> None:  # type: ignore[type-arg]
    assert len(one) == len(many)
    for a, b in zip(one, many, strict=True):
        assert a.path is b.path and a.method == b.method and a.exact == b.exact
        for f in FIELDS:
            np.testing.assert_array_equal(getattr(a, f), getattr(b, f), err_msg=f)


@settings(max_examples=40, deadline=None)
@given(decision_problems(max_alternatives=5, max_criteria=5))
def test_all_paths_at_once_equal_one_path_at_a_time(arr: mcda.DecisionArrays) -> None:
    n = arr.X.shape[1]
    if n < 2:
        return  # one criterion: no path to sweep
    paths = [leaf_path(arr.w, j) for j in range(n)] + ([group_path(arr.w, [0, 1])] if n > 2 else [])
    for name in ("topsis", "wsm", "wpm", "vikor"):  # closed forms (quartic, linear, log-linear) and the scan
        meth = mcda.get_method(name)
        assert_same([tipping_points(arr.X, arr.benefit, p, meth) for p in paths],
                    tipping_points_along(arr.X, arr.benefit, paths, meth))


def test_seed_study_scopes() -> None:
    root = __import__("pathlib").Path(__file__).resolve().parents[2]
    study = mcda.load_study(root / "criteria" / "hunyuan_vs_stepfun.yaml")
    for v in study.model.verdicts[::3]:
        arr, paths = study.arrays(v.profile, v.scope), list(study.sweep_paths(v.profile, v.scope).values())
        for name in v.methods:
            meth = mcda.get_method(name)
            many = tipping_points_along(arr.X, arr.benefit, paths, meth)
            assert_same([tipping_points(arr.X, arr.benefit, p, meth) for p in paths], many)
            assert sum(len(tp) for tp in many) > 0 or v.scope != "root"


def test_bad_paths_are_refused() -> None:
    X, b = np.array([[1.0, 2.0], [2.0, 1.0]]), np.array([True, True])
    with pytest.raises(InputError, match="3 weights but X has 2"):
        tipping_points_along(X, b, [leaf_path([0.2, 0.3, 0.5], 0)], "wsm")
    with pytest.raises(InputError, match="WeightPath"):
        tipping_points_along(X, b, [0], "wsm")  # type: ignore[list-item]
    assert tipping_points_along(X, b, [], "wsm") == []
