"""The public surface of mcda.kernels, its docstrings' examples, and its import rules."""

from __future__ import annotations

import ast
import doctest
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import mcda.kernels

EXPECTED_PUBLIC = {
    "NORMALIZATIONS",
    "RANDOM_INDEX",
    "SCALINGS",
    "TopsisDetails",
    "ahp_priorities",
    "consistency_index",
    "consistency_ratio",
    "lambda_max",
    "near_ties",
    "normalize",
    "rank",
    "scale",
    "topsis",
    "topsis_details",
    "wpm",
    "wsm",
    "wsm_contributions",
}

KERNEL_DIR = Path(mcda.kernels.__file__).parent
MODULES = sorted(f"mcda.kernels.{info.name}" for info in pkgutil.iter_modules([str(KERNEL_DIR)]))


def test_all_is_sorted_and_complete() -> None:
    names = mcda.kernels.__all__

    def isort_style(name: str) -> tuple[int, str]:
        # ruff RUF022 order: CONSTANTS, then CamelCase classes, then functions.
        return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)

    assert list(names) == sorted(names, key=isort_style)
    assert EXPECTED_PUBLIC <= set(names)  # later issues add methods (VIKOR, PROMETHEE, ...)
    for name in names:
        assert hasattr(mcda.kernels, name), name


def test_public_functions_have_numpy_docstrings_with_examples() -> None:
    for name in mcda.kernels.__all__:
        obj = getattr(mcda.kernels, name)
        if not inspect.isfunction(obj):
            continue
        doc = inspect.getdoc(obj) or ""
        assert "Examples" in doc and ">>>" in doc, name


@pytest.mark.parametrize("module", MODULES)
def test_doctests(module: str) -> None:
    if module in OPTIONAL:
        pytest.importorskip(OPTIONAL[module], reason=f"{module} needs the optional {OPTIONAL[module]}")
    mod = importlib.import_module(module)
    result = doctest.testmod(mod, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


ALLOWED_IMPORTS = {
    "__future__",
    "collections",
    "dataclasses",
    "types",
    "typing",
    "numpy",
    "scipy",
    "mcda",
}
ALLOWED_MCDA = {"mcda._types", "mcda.errors", "mcda._params", "mcda.kernels"}
#: Kernel modules built on an optional extra, and the one extra module each may import.
OPTIONAL = {"mcda.kernels.compiled": "numba"}


@pytest.mark.parametrize("path", sorted(KERNEL_DIR.glob("*.py")), ids=lambda p: p.name)
def test_kernels_import_only_numpy_scipy_and_lower_layers(path: Path) -> None:
    """Architecture rule: kernels import nothing above ``_types``/``errors``/``_params`` and no
    pandas, pydantic or matplotlib."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            modules = [node.module or ""]
        else:
            continue
        extra = OPTIONAL.get(f"mcda.kernels.{path.stem}")
        for module in modules:
            assert module.split(".")[0] in ALLOWED_IMPORTS | {extra}, f"{path.name} imports {module}"
            if module.startswith("mcda"):
                assert any(module == a or module.startswith(a + ".") for a in ALLOWED_MCDA), (
                    f"{path.name} imports {module}"
                )


@pytest.mark.parametrize("path", sorted(KERNEL_DIR.glob("*.py")), ids=lambda p: p.name)
def test_kernels_do_not_print_or_use_global_random_state(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id != "print", f"print() in {path.name}"
    assert "np.random." not in source
    assert not any(isinstance(node, ast.Assert) for node in ast.walk(tree)), (
        f"validation with assert in {path.name} (stripped under python -O)"
    )
