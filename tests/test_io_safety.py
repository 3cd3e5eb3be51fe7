"""Nothing on disk is damaged, nothing foreign escapes: the writer, bounded reading, tables, boundaries."""

from __future__ import annotations

import errno
import math
import os
import stat
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mcda
from mcda import errors
from mcda.io import atomic_write, read_table_study, study_from_frame
from mcda.io.reader import read_bounded

SUPPLIERS = Path(__file__).resolve().parents[1] / "examples" / "data" / "suppliers.csv"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


# -- writing -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["/dev/null", "/dev/full"])
def test_devices_are_refused_and_left_alone(target: str) -> None:
    if not os.path.exists(target):
        pytest.skip(f"{target} does not exist here")
    before = os.stat(target)
    with pytest.raises(errors.OutputError, match="only regular files") as info:
        atomic_write(target, "x")
    assert isinstance(info.value, OSError) and info.value.filename == target
    after = os.stat(target)
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_fifo_and_directory_are_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(errors.OutputError, match="only regular files"):
        atomic_write(fifo, "x")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    with pytest.raises(errors.OutputError, match="is a directory"):
        atomic_write(tmp_path, "x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_symlink_is_followed_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    atomic_write(link, "new")
    assert link.is_symlink() and real.read_text() == "new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    dangling = tmp_path / "dangling.csv"
    dangling.symlink_to(tmp_path / "created.csv")
    atomic_write(dangling, "made")
    assert dangling.is_symlink() and (tmp_path / "created.csv").read_text() == "made"
    devlink = tmp_path / "dev"
    devlink.symlink_to("/dev/null")
    with pytest.raises(errors.OutputError, match="only regular files"):
        atomic_write(devlink, "x")
    assert devlink.is_symlink()


def test_read_only_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ro = tmp_path / "ro.csv"
    ro.write_text("keep")
    ro.chmod(0o444)
    if IS_ROOT:  # root may write anything, as a shell redirect would; check the rule with access() denied
        monkeypatch.setattr(os, "access", lambda *a, **k: False)
    with pytest.raises(errors.OutputError, match="permission denied") as info:
        atomic_write(ro, "changed")
    assert info.value.errno == errno.EACCES
    assert ro.read_text() == "keep" and stat.S_IMODE(ro.stat().st_mode) == 0o444


def test_the_input_is_never_overwritten(tmp_path: Path, laptops_text: str) -> None:
    study = tmp_path / "study.yaml"
    study.write_text(laptops_text, encoding="utf-8")
    hard = tmp_path / "hard.yaml"
    os.link(study, hard)
    alias = tmp_path / "alias.yaml"
    alias.symlink_to(study)
    for target in (study, hard, alias, tmp_path / "." / "study.yaml"):
        with pytest.raises(errors.OutputError, match="is the input"):
            atomic_write(target, "x", protect=[str(study)])
    assert study.read_text(encoding="utf-8") == laptops_text
    atomic_write(tmp_path / "other.csv", "x", protect=[str(study), str(tmp_path / "missing.yaml")])


def test_dash_is_standard_output(capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    atomic_write("-", "to stdout\n")
    assert capsys.readouterr().out == "to stdout\n"
    assert not (tmp_path / "-").exists()


def test_long_names_keep_temporary_names_within_the_limit(tmp_path: Path) -> None:
    for name in ("a" * 255, "é" * 127 + "x"):
        target = tmp_path / name
        atomic_write(target, "x")
        assert target.read_text() == "x"
    assert all(len(os.fsencode(p.name)) <= 255 for p in tmp_path.iterdir())
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]


@pytest.mark.parametrize("exc", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()])
def test_a_failed_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            exc: BaseException) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old")

    def fail(fd: int) -> None:
        raise exc

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(type(exc)) as info:
        atomic_write(target, "new content")
    if isinstance(exc, OSError):
        assert isinstance(info.value, errors.OutputError) and "No space left" in str(info.value)
        assert info.value.errno == errno.ENOSPC
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


# -- reading -------------------------------------------------------------------------------------------------


def test_non_regular_studies_are_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)  # opening it for reading would block forever: refused before opening
    for path, kind in ((fifo, "FIFO"), (tmp_path, "directory"), (Path("/dev/zero"), "character device")):
        with pytest.raises(errors.StudyValidationError, match=f"cannot read a {kind}") as info:
            mcda.load_study(path)
        assert str(path) in str(info.value)
    with pytest.raises(errors.StudyValidationError, match="cannot read a FIFO"):
        read_table_study(fifo, {})


def test_reading_is_bounded_whatever_stat_says(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * 5000)
    with pytest.raises(errors.StudyValidationError, match="the limit is 1,000"):
        read_bounded(big, 1000)
    assert read_bounded(big, 5000) == b"#" * 5000
    if os.path.exists("/proc/self/status"):  # a size-0 regular file with content: read, within the bound
        assert os.stat("/proc/self/status").st_size == 0
        assert len(read_bounded("/proc/self/status", 1 << 20)) > 0
        with pytest.raises(errors.StudyValidationError, match="the limit is 10"):
            read_bounded("/proc/self/status", 10)


# -- tables --------------------------------------------------------------------------------------------------


def test_table_labels_are_kept_as_names_and_renames_are_said() -> None:
    df = pd.DataFrame([[1.0, 2.0, 3.0], [2.0, 1.0, 1.0]], columns=["root", "a b", "a_b"], index=["p q", "p_q"])
    with pytest.warns(UserWarning, match=r"column 'a b' has id 'a_b'.*column 'a_b' has id 'a_b_2'"):
        s = study_from_frame(df, {c: "max" for c in df.columns})
    assert s.leaves == ["root_2", "a_b", "a_b_2"] and s.alternatives == ["p_q", "p_q_2"]
    assert [c.name for c in s.model.criteria.children or ()] == ["root", "a b", "a_b"]
    assert [a.name for a in s.model.alternatives] == ["p q", "p_q"]
    assert np.isfinite(s.score("given", "wsm").scores.to_numpy()).all()
    long = pd.DataFrame([[1.0], [2.0]], columns=["x" * 300], index=["a", "b"])
    with pytest.warns(UserWarning):
        assert study_from_frame(long, {"x" * 300: "max"}).leaves == ["x" * 64]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # labels that are ids already: nothing to say
        study_from_frame(pd.DataFrame({"a": [1.0, 2.0], "b": [2.0, 1.0]}, index=["x", "y"]), {"a": "max", "b": "min"})


@pytest.mark.parametrize("label", ["root", "method", "judgements", "priority", "ri", "scale", "max_cr",
                                   "title", "weights", "given", "table"])
def test_a_column_named_like_a_study_key_is_just_a_column(label: str) -> None:
    df = pd.DataFrame({label: [1.0, 2.0], "b": [2.0, 1.0]}, index=[label, "q"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        s = study_from_frame(df, {label: "max", "b": "min"})
    assert s.model.criteria.children[0].name == label  # type: ignore[index]
    assert s.score("given", "topsis").ranking == ["q", label]


def test_table_problems_are_one_per_problem() -> None:
    df = pd.DataFrame({"a": ["n/a"] * 50, "b": [1.0] * 50, "b2": [1.0] * 50}, index=[f"r{i}" for i in range(50)])
    df.columns = ["a", "b", "b"]
    with pytest.raises(errors.StudyValidationError) as info:
        study_from_frame(df, {"a": "max", "b": "max"})
    probs = info.value.problems
    assert len(probs) == 2, info.value
    assert "50 are not" in str(info.value) and "and 47 more" in str(info.value)
    assert "appears more than once" in str(info.value)


@pytest.mark.parametrize("index_col", [99, -99, "nope", True])
def test_read_table_study_bad_index_col(index_col: object) -> None:
    with pytest.raises(errors.StudyValidationError, match="is not a column of the table"):
        read_table_study(SUPPLIERS, {}, index_col=index_col)  # type: ignore[arg-type]


# -- no foreign exceptions -----------------------------------------------------------------------------------


def test_convergence_error_is_a_value_error() -> None:
    assert issubclass(errors.ConvergenceError, ValueError) and issubclass(errors.ConvergenceError, RuntimeError)
    assert issubclass(errors.OutputError, OSError) and issubclass(errors.OutputError, errors.MCDAError)


@pytest.mark.parametrize("path", [0.5, "cpu", None, True])
def test_sweep_refuses_a_path_that_is_not_one(path: object) -> None:
    from mcda.sensitivity import sweep

    with pytest.raises(errors.InputError, match="path must be a WeightPath"):
        sweep([[1.0, 2.0], [2.0, 1.0]], [True, True], path, w=[0.5, 0.5])  # type: ignore[arg-type]


@pytest.mark.parametrize("model", ["linear", "nonlinear"])
@pytest.mark.parametrize(("b", "o"), [([1, 1e300, 2], [1e300, 1, 3]), ([1, 1e8, 1e8], [1e8, 1, 1]),
                                      ([1, math.inf, 2], [math.inf, 1, 2])])
def test_bwm_extremes_are_refused(model: str, b: list[float], o: list[float]) -> None:
    with pytest.raises(errors.InputError, match=r"best_to_others\[1\]"):
        mcda.weights.bwm(b, o, model)  # type: ignore[arg-type]


def test_check_verdicts_uses_the_missing_marker_not_nan(laptops_path: Path) -> None:
    df = mcda.load_study(laptops_path).check_verdicts(n_samples=200)
    from mcda.verdicts import NUMERIC_ROBUSTNESS_COLUMNS

    for col in NUMERIC_ROBUSTNESS_COLUMNS:
        assert str(df[col].dtype) == "Float64", col
        values = df[col].tolist()
        assert not any(isinstance(v, float) and math.isnan(v) for v in values), col
    assert not df.select_dtypes("number").isin([np.nan]).any().any()


def test_one_problem_per_unknown_or_broken_id(laptops_text: str) -> None:
    from mcda.io import loads_study

    # an alternative that is broken (no name) is one problem; evidence naming it is not reported again
    text = laptops_text.replace("name: Beta 13", "nme: Beta 13", 1)
    assert text != laptops_text
    with pytest.raises(errors.StudyValidationError) as info:
        loads_study(text, "s.yaml")
    assert not any("unknown alternative 'beta'" in p.message for p in info.value.problems), info.value
    # a truly unknown id used in many places is one problem at its first use, naming the other lines
    text = laptops_text.replace("alternative: beta", "alternative: betta")
    uses = laptops_text.count("alternative: beta")
    with pytest.raises(errors.StudyValidationError) as info:
        loads_study(text, "s.yaml")
    unknown = [p for p in info.value.problems if "unknown alternative 'betta'" in p.message]
    lines = [k + 1 for k, ln in enumerate(text.splitlines()) if "alternative: betta" in ln]
    assert uses == len(lines) > 2 and len(unknown) == 1 and unknown[0].line == lines[0]
    assert unknown[0].message.endswith("also used at lines " + ", ".join(map(str, lines[1:])))
