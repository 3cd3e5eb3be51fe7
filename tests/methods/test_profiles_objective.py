"""Objective weights in study profiles: ``weights: {node: {method: entropy}}``."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import mcda
from mcda.errors import StudyError, StudyValidationError
from mcda.weights import critic, entropy, merec, std, tree_weights

LAPTOPS = Path(__file__).resolve().parents[1] / "data" / "laptops.yaml"
PERF = "      perf: {perf.cpu: 3, perf.battery: 1}"


def study_with(tmp_path: Path, old: str, new: str) -> mcda.Study:
    text = LAPTOPS.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "study.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return mcda.load_study(path)


@pytest.mark.parametrize(("name", "func"), [("entropy", entropy), ("critic", critic), ("std", std), ("merec", merec)])
def test_node_weights_come_from_the_leaf_columns(tmp_path: Path, name: str, func: object) -> None:
    study = study_with(tmp_path, PERF, f"      perf: {{method: {name}}}")
    X = study.matrix()[["perf.cpu", "perf.battery"]].to_numpy()
    expected = func(X, np.array([True, True]))  # type: ignore[operator]
    local = study.weights("power_user").local["perf"]
    np.testing.assert_allclose([local["perf.cpu"], local["perf.battery"]], expected, rtol=1e-12)
    # The other profile and nodes are untouched; scoring uses the computed weights.
    assert study.weights("power_user").local["root"] == pytest.approx({"cost": 1 / 6, "perf": 4 / 6, "build": 1 / 6})
    res = study.score("power_user", "wsm")
    assert res.weights["perf.cpu"] == pytest.approx(4 / 6 * expected[0])


def test_objective_rule_needs_leaf_children(tmp_path: Path) -> None:
    with pytest.raises(StudyValidationError, match=r"study\.yaml:\d+ profiles\[1\]\.weights\.root\.method: "
                       r"objective weights \(entropy\) .* inner children \['cost', 'perf'\]"):
        study_with(tmp_path, "      root: {cost: 1, perf: 4, build: 1}", "      root: {method: entropy}")


def test_unknown_objective_method_is_a_located_error(tmp_path: Path) -> None:
    with pytest.raises(StudyValidationError, match=r"study\.yaml:\d+ profiles\[1\]\.weights\.perf"):
        study_with(tmp_path, PERF, "      perf: {method: vibes}")


def test_tree_weights_without_the_matrix_says_what_is_missing(tmp_path: Path) -> None:
    study = study_with(tmp_path, PERF, "      perf: {method: critic}")
    with pytest.raises(StudyError, match=r"node 'perf' \(\{method: critic\}\): objective weights need the decision"):
        tree_weights(study.model.criteria, study.profile("power_user"))


def test_undefined_objective_weights_name_profile_and_node(tmp_path: Path) -> None:
    study = study_with(tmp_path, PERF, "      perf: {method: entropy}")
    cols = {c: np.ones(3) for c in study.leaves}
    with pytest.raises(StudyError, match=r"profile 'power_user' node 'perf' .*no criterion separates"):
        tree_weights(study.model.criteria, study.profile("power_user"), columns=cols)
