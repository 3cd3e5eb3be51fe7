"""Every example in every docstring of the library is true (the whole package, module by module)."""

from __future__ import annotations

import doctest
import importlib
import os
from pathlib import Path

import pytest

import mcda

SRC = Path(mcda.__file__).resolve().parent
MODULES = sorted(
    ".".join(p for p in path.relative_to(SRC.parent).with_suffix("").parts if p != "__init__")
    for path in SRC.rglob("*.py") if path.name != "__main__.py"
)


@pytest.mark.parametrize("module", MODULES)
def test_docstring_examples(module: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if module == "mcda.plot":
        pytest.importorskip("matplotlib")  # the optional plot extra
    if module == "mcda.kernels.compiled":
        pytest.importorskip("numba", reason="the optional fast extra (numba) is not installed")
    monkeypatch.chdir(SRC.parents[1])  # examples that name files do so from the repository root
    flags = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS
    result = doctest.testmod(importlib.import_module(module), optionflags=flags, verbose=False)
    assert result.failed == 0, f"{result.failed} failing example(s) in {module}"


def test_public_api_functions_have_examples() -> None:
    import inspect

    missing = []
    for name in mcda.__all__:
        obj = getattr(mcda, name)
        if inspect.isfunction(obj) and ">>>" not in (inspect.getdoc(obj) or ""):
            missing.append(name)
    assert not missing, missing
    assert os.path.exists(SRC / "py.typed")
