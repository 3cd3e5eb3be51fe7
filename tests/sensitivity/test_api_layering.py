"""The sensitivity package: public names, doctests, and its place in the layers."""

from __future__ import annotations

import ast
import doctest
import importlib
from pathlib import Path

import pytest

import mcda
from mcda import sensitivity

PKG = Path(sensitivity.__file__).resolve().parent
MODULES = sorted(f"mcda.sensitivity.{p.stem}" for p in PKG.glob("*.py") if p.stem != "__init__")


def test_contract_names_are_exported() -> None:
    for name in ("sweep", "tipping_points", "min_change", "smaa", "sample_uniform", "sample_dirichlet",
                 "sample_constrained", "hit_and_run", "WeightConstraints", "rank_reversal"):
        assert callable(getattr(sensitivity, name)), name
    assert mcda.sensitivity is sensitivity and "sensitivity" in mcda.__all__
    assert len(sensitivity.__all__) == len(set(sensitivity.__all__))
    for name in sensitivity.__all__:
        assert hasattr(sensitivity, name), name


def test_smaa_result_has_the_contract_fields() -> None:
    res = sensitivity.smaa([[1.0, 2.0], [2.0, 1.0], [1.5, 1.5]], [True, True], "topsis", 2000, rng=0)
    assert res.rank_acceptability.shape == (3, 3)
    assert res.central_weights.shape == (3, 2)
    assert res.confidence.shape == (3,)


@pytest.mark.parametrize("module", MODULES)
def test_doctests(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_sensitivity_sits_below_verdicts_study_and_cli() -> None:
    """Layers (docs/STYLE): sensitivity may use weights, results, model, arrays, kernels and methods;
    never verdicts, study, io, report or cli, and never pydantic directly (ids stay outside)."""
    banned = ("mcda.verdicts", "mcda.study", "mcda.io", "mcda.report", "mcda.cli")
    for path in PKG.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for mod in names:
                assert not mod.startswith(banned), f"{path.name} imports {mod}"
                assert mod.split(".")[0] not in {"pydantic", "yaml", "matplotlib"}, f"{path.name} imports {mod}"
