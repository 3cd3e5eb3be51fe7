"""The examples in the AHP modules' docstrings are true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "mcda.ahp",
    "mcda.ahp._core",
    "mcda.ahp._group",
    "mcda.ahp._study",
    "mcda.model.judgements",
    "mcda.model.pairwise_checks",
    "mcda.model.profiles",
    "mcda.weights.tree",
]


@pytest.mark.parametrize("module", MODULES)
def test_doctests(module: str) -> None:
    flags = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS
    result = doctest.testmod(importlib.import_module(module), optionflags=flags)
    assert result.attempted > 0 and result.failed == 0


def test_public_functions_have_examples() -> None:
    import inspect

    from mcda import ahp

    for name in ahp.__all__:
        obj = getattr(ahp, name)
        if inspect.isfunction(obj) and name not in {"evaluate"}:
            doc = inspect.getdoc(obj) or ""
            assert "Examples" in doc and ">>>" in doc, name
