"""The bad-input corpus (tests/bad_inputs/): every case gives a typed, located error.

Study files carry their expectation in header comments::

    # expect: StudyValidationError      (an mcda.errors class, or `ok`)
    # message: fragment the message must contain
    # action: score <method> <profile> [option=value ...]   (default: load only)

``arrays.yaml`` lists array inputs to the public kernels in the same spirit.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

import mcda
from mcda import errors, kernels

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
STUDY_FILES = sorted(CORPUS.glob("*.yaml"))
STUDY_FILES = [p for p in STUDY_FILES if p.name != "arrays.yaml"]
ARRAY_CASES = yaml.safe_load((CORPUS / "arrays.yaml").read_text(encoding="utf-8"))


def header(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("# "):
            break
        key, _, value = line[2:].partition(":")
        out[key.strip()] = value.strip()
    return out


def test_corpus_is_large_enough() -> None:
    assert len(STUDY_FILES) + len(ARRAY_CASES) >= 40
    assert len(STUDY_FILES) >= 40


@pytest.mark.parametrize("path", STUDY_FILES, ids=[p.stem for p in STUDY_FILES])
def test_study_file(path: Path) -> None:
    h = header(path)
    expect, fragment = h["expect"], h.get("message", "")
    action = h.get("action", "load").split()

    def run() -> Any:
        study = mcda.load_study(path)
        if action[0] == "score":
            opts = dict(kv.split("=", 1) for kv in action[3:])
            return study.score(action[2], method=action[1], **opts)
        return study

    if expect == "ok":
        res = run()
        assert np.isfinite(res.scores.to_numpy()).all()
        return
    cls = getattr(errors, expect)
    with pytest.raises(cls) as info:
        run()
    msg = str(info.value)
    assert fragment in msg
    assert isinstance(info.value, errors.MCDAError) and isinstance(info.value, ValueError)
    if isinstance(info.value, errors.StudyValidationError):
        assert all(p.file == str(path) for p in info.value.problems), msg
        assert str(path) in msg
        # located: a line number wherever the problem has a place in the file
        assert any(p.line is not None for p in info.value.problems) or "empty" in msg or "alias" in msg, msg


@pytest.mark.parametrize("case", ARRAY_CASES, ids=[c["name"] for c in ARRAY_CASES])
def test_array_input(case: dict[str, Any]) -> None:
    fn = getattr(kernels, case["call"])
    if "A" in case:
        args: tuple[Any, ...] = (np.array(case["A"], dtype=float),)
    else:
        args = (np.array(case["X"], dtype=float), np.array(case["W"], dtype=float), np.array(case["benefit"]))
    opts = case.get("options", {})
    if case["expect"] == "ok":
        out = fn(*args, **opts)
        assert np.isfinite(out).all()
        return
    with pytest.raises(getattr(errors, case["expect"])) as info:
        fn(*args, **opts)
    assert case["message"] in str(info.value)


def test_huge_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mcda.io import yaml_loader

    f = tmp_path / "huge.yaml"
    f.write_text("title: x\n" + "# padding\n" * 3000, encoding="utf-8")
    monkeypatch.setattr(yaml_loader, "MAX_BYTES", 10_000)
    monkeypatch.setattr("mcda.io.study_io.MAX_BYTES", 10_000)
    with pytest.raises(errors.StudyValidationError, match="the limit is 10,000"):
        mcda.load_study(f)
