"""Weight paths and one-at-a-time sweeps: weights stay valid, the profile is on the path."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mcda
from mcda import kernels
from mcda.errors import InputError, UnknownNameError
from mcda.sensitivity import group_path, leaf_path, sweep
from mcda.testing import decision_problems, weight_vectors
from mcda.weights import node_path


@pytest.fixture
def study(laptops_path: Path) -> mcda.Study:
    return mcda.load_study(laptops_path)


def test_leaf_path_keeps_sibling_ratios() -> None:
    p = leaf_path([0.5, 0.3, 0.2], 0)
    W = p.weights(np.linspace(0, 1, 11))
    ratio = W[:-1, 1] / W[:-1, 2]  # at t = 1 both siblings are 0
    np.testing.assert_allclose(ratio, 1.5)
    np.testing.assert_allclose(p.weights(p.t0), [0.5, 0.3, 0.2])
    np.testing.assert_allclose(W[-1], [1.0, 0.0, 0.0])
    assert p.distance(1.0) == pytest.approx(1.0)  # L1 from (.5,.3,.2) to (1,0,0)


def test_leaf_path_with_all_weight_on_the_leaf_splits_siblings_equally() -> None:
    p = group_path([1.0, 0.0, 0.0], [0])
    assert p.equal_siblings
    np.testing.assert_allclose(p.weights(0.0), [0.0, 0.5, 0.5])


def test_path_rejects_t_outside_unit_interval() -> None:
    with pytest.raises(InputError, match=r"\[0, 1\]"):
        leaf_path([0.5, 0.5], 0).weights([1.2])


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 7).flatmap(lambda n: st.tuples(weight_vectors(n), st.sets(st.integers(0, n - 1), min_size=1,
                                                                                  max_size=n - 1))))
def test_group_paths_are_valid_weights_everywhere(case: tuple[np.ndarray, set[int]]) -> None:
    w, members = case
    p = group_path(w, sorted(members))
    W = p.weights(np.linspace(0.0, 1.0, 51))
    assert np.all(W >= 0)
    np.testing.assert_allclose(W.sum(axis=1), 1.0, atol=1e-12)
    if w[sorted(members)].sum() < 1.0:  # otherwise the others' ratios are undefined
        np.testing.assert_allclose(p.weights(p.t0), w, atol=1e-12)


def test_node_path_on_the_tree_reproduces_the_profile(study: mcda.Study) -> None:
    arr, ew = study.arrays("power_user"), study.weights("power_user")
    for node in ["cost", "perf", "build", "perf.cpu", "perf.battery"]:
        p = node_path(study.model.criteria, ew.local, node, arr.criteria)
        np.testing.assert_allclose(p.weights(p.t0), arr.w, atol=1e-12)
        W = p.weights(np.linspace(0, 1, 21))
        assert np.all(W >= 0) and np.allclose(W.sum(axis=1), 1.0)


def test_sweeping_a_dimension_keeps_ratios_inside_and_outside(study: mcda.Study) -> None:
    arr, ew = study.arrays("power_user"), study.weights("power_user")
    j = {c: i for i, c in enumerate(arr.criteria)}
    p = node_path(study.model.criteria, ew.local, "perf", arr.criteria)
    W = p.weights(np.linspace(0.0, 0.99, 12))
    # cpu:battery = 3:1 inside perf; cost:build = 1:1 among its siblings
    np.testing.assert_allclose(W[1:, j["perf.cpu"]] / W[1:, j["perf.battery"]], 3.0)
    np.testing.assert_allclose(W[:, j["cost.price"]] / W[:, j["build"]], 1.0)
    np.testing.assert_allclose(W[:, j["perf.cpu"]] + W[:, j["perf.battery"]], np.linspace(0.0, 0.99, 12))


def test_sweeping_a_leaf_inside_a_dimension_moves_only_its_sibling(study: mcda.Study) -> None:
    arr, ew = study.arrays("power_user"), study.weights("power_user")
    j = {c: i for i, c in enumerate(arr.criteria)}
    W = node_path(study.model.criteria, ew.local, "perf.cpu", arr.criteria).weights(np.linspace(0, 1, 5))
    np.testing.assert_allclose(W[:, j["perf.cpu"]] + W[:, j["perf.battery"]], 4 / 6)
    np.testing.assert_allclose(W[:, j["cost.price"]], 1 / 6)


def test_node_path_refuses_the_scope_and_unknown_nodes(study: mcda.Study) -> None:
    arr, ew = study.arrays("balanced"), study.weights("balanced")
    with pytest.raises(UnknownNameError, match="scope itself"):
        node_path(study.model.criteria, ew.local, "root", arr.criteria)
    with pytest.raises(UnknownNameError, match="not below"):
        node_path(study.model.criteria, ew.local, "nope", arr.criteria)
    with pytest.raises(UnknownNameError, match="cannot sweep"):
        study.tipping_points("balanced", nodes=["root"])


@settings(max_examples=40, deadline=None)
@given(decision_problems(max_alternatives=5, max_criteria=4), st.sampled_from(["topsis", "wsm", "wpm"]))
def test_sweep_scores_and_ranks_match_the_method(arr: mcda.DecisionArrays, name: str) -> None:
    if arr.X.shape[1] < 2:
        return
    meth = mcda.get_method(name)
    res = sweep(arr.X, arr.benefit, 0, meth, w=arr.w, n_points=11)
    assert np.all(np.diff(res.t) > 0) and res.t[0] == 0.0 and res.t[-1] == 1.0
    assert np.any(np.isclose(res.t, res.path.t0))
    assert np.all(res.weights >= 0) and np.allclose(res.weights.sum(axis=1), 1.0)
    expected = meth.scores(arr.X, res.weights, arr.benefit)
    np.testing.assert_allclose(res.scores, expected, rtol=1e-12, atol=1e-14)
    np.testing.assert_array_equal(res.ranks, kernels.rank(res.scores, meth.higher_is_better))


def test_study_sweep_frame_meets_score_at_the_profile(study: mcda.Study) -> None:
    df = study.sweep("power_user", "perf", "topsis", n_points=21)
    assert list(df.columns) == ["profile", "method", "node", "weight", "alternative", "score", "rank", "at_profile"]
    here = df[df["at_profile"]].set_index("alternative")["score"]
    ref = study.score("power_user", "topsis").scores
    np.testing.assert_allclose(here.reindex(ref.index), ref.to_numpy(), rtol=1e-12)
    assert set(df["alternative"]) == {"alpha", "beta", "gamma"} and len(df) == 3 * 22
    pivot = df.pivot(index="weight", columns="alternative", values="rank")
    assert (pivot.min(axis=1) == 1).all()
