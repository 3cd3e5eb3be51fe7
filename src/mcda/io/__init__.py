"""File input and output: the only code that touches files.

Names are imported on first use (as in :mod:`mcda`), so importing a light submodule such as
``mcda.io.stdio`` (the CLI's ``--help``) does not build the study model.
"""

from __future__ import annotations

import os
import typing as _typing

if _typing.TYPE_CHECKING:
    from mcda.io.table import read_table_study, study_from_frame
    from mcda.io.writer import atomic_write, dump_study
    from mcda.io.yaml_loader import YamlDocument, parse_yaml
    from mcda.study import Study

__all__ = [
    "YamlDocument",
    "atomic_write",
    "dump_study",
    "load_study",
    "loads_study",
    "parse_yaml",
    "read_table_study",
    "save_study",
    "study_from_frame",
]

_LAZY = {
    "YamlDocument": "mcda.io.yaml_loader", "parse_yaml": "mcda.io.yaml_loader",
    "atomic_write": "mcda.io.writer", "dump_study": "mcda.io.writer",
    "read_table_study": "mcda.io.table", "study_from_frame": "mcda.io.table",
}


def __getattr__(name: str) -> _typing.Any:
    """Import a public name on first use and keep it as a module attribute."""
    import importlib

    where = _LAZY.get(name)
    if where is None:
        raise AttributeError(f"module 'mcda.io' has no attribute {name!r}")
    value = getattr(importlib.import_module(where), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


def load_study(path: str | os.PathLike[str]) -> Study:
    """Load and validate a study file.

    Every problem in the file is reported at once, each with ``file:line path: message``.

    Raises
    ------
    mcda.errors.StudyValidationError
        When the file is unreadable, not safe YAML, or breaks any rule.

    Examples
    --------
    >>> import mcda
    >>> study = mcda.load_study("criteria/hunyuan_vs_stepfun.yaml")  # doctest: +SKIP
    """
    from mcda.io.study_io import read_study_model
    from mcda.methods import method_names
    from mcda.study import Study

    file = os.fspath(path)
    return Study._from_checked(read_study_model(file, method_names()), file)


def loads_study(text: str, file: str | None = None) -> Study:
    """Load and validate a study from YAML text (``file`` names it in error messages).

    Examples
    --------
    >>> import mcda
    >>> text = open("tests/data/laptops.yaml", encoding="utf-8").read()  # doctest: +SKIP
    >>> mcda.io.loads_study(text).alternatives  # doctest: +SKIP
    ['alpha', 'beta', 'gamma']
    """
    from mcda.io.study_io import model_from_data
    from mcda.io.yaml_loader import parse_yaml
    from mcda.methods import method_names
    from mcda.study import Study

    return Study._from_checked(model_from_data(parse_yaml(text, file), method_names()), file)


def save_study(study: Study, path: str | os.PathLike[str]) -> None:
    """Write a study as YAML, atomically; :func:`load_study` reads back an equal study.

    Examples
    --------
    >>> import mcda, tempfile, os
    >>> study = mcda.load_study("tests/data/laptops.yaml")
    >>> path = os.path.join(tempfile.mkdtemp(), "copy.yaml")
    >>> mcda.save_study(study, path)
    >>> mcda.load_study(path).model == study.model
    True
    """
    from mcda.io.writer import atomic_write, dump_study

    atomic_write(path, dump_study(study.model))
