"""libyaml reads study files to the same data, with the same lines, as the Python reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcda.errors import StudyValidationError
from mcda.io import yaml_loader

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted([*ROOT.glob("criteria/*.yaml"), *ROOT.glob("tests/data/*.yaml"), *ROOT.glob("tests/bad_inputs/*.yaml")])


@pytest.mark.skipif(getattr(yaml_loader, "_CSafeLoader", None) is None, reason="PyYAML built without libyaml")
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_libyaml_and_python_readers_agree(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = path.read_text(encoding="utf-8")
    fast = yaml_loader._parse_fast(text, path.name)
    monkeypatch.setattr(yaml_loader, "_parse_fast", lambda text, file: None)  # the Python reader only
    try:
        python = yaml_loader.parse_yaml(text, path.name)
    except StudyValidationError:
        assert fast is None  # what the Python reader refuses, libyaml never accepts
        return
    assert fast is not None
    assert fast.data == python.data
    assert fast.lines == python.lines
