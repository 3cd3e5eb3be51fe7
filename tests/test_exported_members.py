"""Each public package's ``__all__`` is exactly its public names, in both directions.

A name users can reach without an underscore is either exported (and so
documented and kept stable) or not there at all; subpackages listed in
``__all__`` are real subpackages of ``mcda``.
"""

from __future__ import annotations

import importlib
import types

import pytest

PACKAGES = ["mcda", "mcda.kernels", "mcda.sensitivity", "mcda.weights", "mcda.ahp", "mcda.methods", "mcda.model"]


def _public(module: types.ModuleType) -> set[str]:
    names = set(dir(module))
    return {n for n in names if not n.startswith("_") and n != "annotations"
            and not isinstance(getattr(module, n), types.ModuleType)}


@pytest.mark.parametrize("name", PACKAGES)
def test_all_equals_the_public_names(name: str) -> None:
    module = importlib.import_module(name)
    exported = set(module.__all__)
    assert len(module.__all__) == len(exported), "duplicates in __all__"
    modules = {n for n in exported if isinstance(getattr(module, n), types.ModuleType)}
    for sub in modules:
        assert getattr(module, sub).__name__ == f"{name}.{sub}", f"{sub} is not a subpackage of {name}"
    assert exported - modules - {"__version__"} == _public(module) - modules


@pytest.mark.parametrize("name", PACKAGES)
def test_every_exported_name_resolves(name: str) -> None:
    module = importlib.import_module(name)
    for member in module.__all__:
        assert getattr(module, member) is not None, member


def test_study_io_sits_together_at_the_top() -> None:
    import mcda

    for name in ("load_study", "loads_study", "save_study", "read_table_study", "study_from_frame"):
        assert name in mcda.__all__
        assert getattr(mcda, name) is getattr(mcda.io, name)
