"""The public surface and the layering rules of docs/STYLE (kernels import no pandas/pydantic)."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import mcda

SRC = Path(mcda.__file__).resolve().parent


def test_all_is_sorted_and_importable() -> None:
    names = list(mcda.__all__)
    assert len(names) == len(set(names))  # order is enforced by ruff (RUF022, isort-style)
    for name in names:
        assert hasattr(mcda, name), name


def test_kernels_all_sorted_and_exported() -> None:
    from mcda import kernels

    assert len(kernels.__all__) == len(set(kernels.__all__))
    for name in kernels.__all__:
        assert callable(getattr(kernels, name)) or name.isupper() or name[0].isupper()


def _via_package(name: str) -> str:
    """The module behind ``from mcda import name``: a subpackage, or the module defining a re-export."""
    if (SRC / name).is_dir() or (SRC / f"{name}.py").is_file():
        return f"mcda.{name}"
    obj = getattr(mcda, name, None)
    module = getattr(obj, "__module__", None) or ""
    return module if module.startswith("mcda.") else "mcda"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
            if node.module == "mcda":  # from mcda import X: check X's own layer too
                out.update(_via_package(alias.name) for alias in node.names)
    return out


def test_kernels_use_numpy_and_scipy_only() -> None:
    for path in (SRC / "kernels").rglob("*.py"):
        for mod in _imports(path):
            top = mod.split(".")[0]
            assert top not in {"pandas", "pydantic", "matplotlib", "yaml"}, f"{path.name} imports {mod}"
            if top == "mcda":
                allowed = ("mcda.kernels", "mcda._types", "mcda.errors", "mcda._params")
                assert mod.startswith(allowed), f"{path.name} imports {mod}"


def test_nothing_imports_cli() -> None:
    for path in SRC.rglob("*.py"):
        if path.name in {"cli.py", "__main__.py"}:
            continue
        assert "mcda.cli" not in _imports(path), path


def test_only_io_reads_files() -> None:
    for path in SRC.rglob("*.py"):
        if "io" in path.relative_to(SRC).parts:
            continue
        text = path.read_text(encoding="utf-8")
        assert "yaml.safe_load" not in text and "yaml.load(" not in text, path


def test_every_module_imports() -> None:
    for path in SRC.rglob("*.py"):
        if path.name == "__main__.py":
            continue
        rel = path.relative_to(SRC.parent).with_suffix("")
        importlib.import_module(".".join(p for p in rel.parts if p != "__init__"))


# Layers, bottom to top: a module may import only from its own layer or the ones below.
LAYERS = [
    {"_types", "_lazy", "_order", "errors", "_params", "_locate", "defaults", "_display", "_progress"},
    {"kernels"},
    {"arrays", "methods", "compare"},
    {"model"},
    {"evidence", "ahp", "value_functions"},
    {"weights", "results", "sensitivity", "scale", "scale_study", "_table_rows", "_table_meta"},
    {"verdicts"},
    {"study"},
    {"io", "testing", "report", "plot", "_figures", "_plotting"},
    {"cli"},
    {"__main__"},
]
RANK = {name: i for i, layer in enumerate(LAYERS) for name in layer}


def _top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_layers_name_only_modules_that_exist() -> None:
    for name in RANK:
        assert (SRC / name).is_dir() or (SRC / f"{name}.py").is_file(), f"LAYERS names {name!r}, which does not exist"


def test_from_mcda_import_is_checked_against_the_layers() -> None:
    assert _via_package("kernels") == "mcda.kernels"
    assert _top(_via_package("load_study")) == "io"
    assert _top(_via_package("Study")) == "study"


#: Private modules other packages may import: the shared, unvalidated helpers of the kernels.
SHARED_PRIVATE = {"mcda.kernels._raw", "mcda.kernels._blocks", "mcda.kernels._validate"}


def test_no_package_imports_another_packages_private_names() -> None:
    wrong = []
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC.parent).with_suffix("")
        here = _top(".".join(p for p in rel.parts if p != "__init__"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("mcda.")):
                continue
            if _top(node.module) == here:
                continue
            private_names = [a.name for a in node.names if a.name.startswith("_")]
            private_module = any(p.startswith("_") for p in node.module.split(".")[2:])
            if private_names or (private_module and node.module not in SHARED_PRIVATE):
                wrong.append(f"{path.relative_to(SRC)}: from {node.module} import {private_names or '...'}")
    assert not wrong, wrong


def test_sensitivity_works_on_arrays_without_the_model() -> None:
    for path in (SRC / "sensitivity").rglob("*.py"):
        for mod in _imports(path):
            assert _top(mod) not in {"model", "evidence", "weights", "study", "io"}, f"{path.name} imports {mod}"


def test_imports_follow_the_layers() -> None:
    wrong = []
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC.parent).with_suffix("")
        here = _top(".".join(p for p in rel.parts if p != "__init__"))
        if not here:
            continue  # mcda/__init__.py re-exports everything
        assert here in RANK, f"{here} is in no layer; add it to LAYERS"
        for mod in _imports(path):
            there = _top(mod) if mod.startswith("mcda.") else ""
            if there and RANK[there] > RANK[here]:
                wrong.append(f"{path.relative_to(SRC)} imports {mod}")
    assert not wrong, wrong


def test_importing_mcda_does_not_import_matplotlib() -> None:
    """The plot extra is optional: ``import mcda`` (and ``mcda.plot``) must work without it."""
    import subprocess
    import sys

    code = "import sys, mcda, mcda.plot; sys.exit('matplotlib' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_importing_mcda_loads_no_heavy_module() -> None:
    """``import mcda`` and ``mcda --help`` load neither pandas, scipy, matplotlib nor numba; first use does.
    ``mcda --help`` does not build the study model either (pydantic models, the loader)."""
    import subprocess
    import sys

    heavy = "('pandas', 'scipy', 'matplotlib', 'numba')"
    code = f"import sys, mcda; print([m for m in {heavy} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "[]"
    code = (f"import sys, contextlib, io\nfrom mcda.cli import main\nwith contextlib.redirect_stdout(io.StringIO()):\n"
            f"    try:\n        main(['--help'])\n    except SystemExit:\n        pass\n"
            f"print([m for m in {heavy[:-1]}, 'mcda.model', 'mcda.study', 'mcda.io.study_io') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "[]"
    code = "import sys, mcda; mcda.load_study; mcda.Study; print('pandas' in sys.modules, 'scipy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.split() == ["False", "False"]  # loading and scoring a study needs neither


def test_every_public_name_imports_from_mcda() -> None:
    """``from mcda import X`` works for every X in ``__all__`` (they are imported on first use)."""
    import subprocess
    import sys

    code = ("import mcda\nfor name in mcda.__all__:\n    exec(f'from mcda import {name}')\n"
            "print(sorted(set(mcda.__all__) - set(dir(mcda))))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "[]"
