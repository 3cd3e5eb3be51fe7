"""File input and output: the only code that touches files."""

from __future__ import annotations

import os

from mcda.io.study_io import read_study_model
from mcda.io.yaml_loader import YamlDocument, parse_yaml
from mcda.methods import method_names
from mcda.study import Study

__all__ = ["YamlDocument", "load_study", "parse_yaml"]


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
    file = os.fspath(path)
    return Study(read_study_model(file, method_names()), file)
