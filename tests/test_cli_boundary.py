"""The command line's boundary, in-process: every error is one line and an exit code, nothing on disk is damaged.

Exit codes: 0 ok, 1 a verdict not as expected, 2 bad input or unwritable output, 3 internal error,
130 interrupted, 141 closed pipe (see ``mcda.cli``).
"""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mcda import cli


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_mcda_error_is_one_message_and_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: x\ncriteria: {id: root, name: R}\nalternatives:\n  - {id: a, name: 010}\n")
    code, _out, err = run(capsys, "validate", bad)
    assert code == 2 and err.startswith("error: ") and "Traceback" not in err
    assert "leading zero" in err and f"{bad}:4" in err


def test_internal_error_is_one_line_exit_3_and_traceback_only_with_debug(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, laptops_path: Path) -> None:
    def broken(path: object) -> None:
        raise ZeroDivisionError("float division by zero\nsecond line")

    monkeypatch.setattr(cli.mio, "load_study", broken)
    code, _out, err = run(capsys, "validate", laptops_path)
    assert code == 3 and "Traceback" not in err
    lines = err.splitlines()
    assert lines[0] == "internal error: ZeroDivisionError: float division by zero second line"
    assert "report" in lines[1] and "--debug" in lines[1] and len(lines) == 2
    code, _out, err = run(capsys, "validate", laptops_path, "--debug")
    assert code == 3 and "Traceback" in err and "ZeroDivisionError" in err


def test_keyboard_interrupt_is_one_line_exit_130(capsys, monkeypatch, laptops_path: Path) -> None:
    def interrupted(path: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli.mio, "load_study", interrupted)
    code, _out, err = run(capsys, "run", laptops_path)
    assert code == 130 and err == "interrupted\n"


class _Failing(io.TextIOBase):
    def __init__(self, exc: OSError) -> None:
        self.exc = exc

    def write(self, text: str) -> int:
        raise self.exc


@pytest.mark.parametrize(("exc", "code", "message"), [
    (BrokenPipeError(errno.EPIPE, "Broken pipe"), 141, ""),
    (OSError(errno.ENOSPC, "No space left on device"), 2, "error: cannot write standard output: No space left"),
])
def test_stdout_failures(capsys, monkeypatch, laptops_path: Path, exc: OSError, code: int, message: str) -> None:
    monkeypatch.setattr(sys, "stdout", _Failing(exc))
    got = cli.main(["run", str(laptops_path)])
    err = capsys.readouterr().err
    assert got == code and err.startswith(message) and "Traceback" not in err


def test_closed_stdout(capsys, monkeypatch, laptops_path: Path) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    assert cli.main(["run", str(laptops_path)]) == 2
    assert "standard output is closed" in capsys.readouterr().err
    assert sys.stdout is None  # restored as found
    assert cli.main(["validate", str(laptops_path)]) == 2  # its report cannot be shown either


def test_ascii_stdout_gets_escapes_and_valid_json(capsys, monkeypatch, seed_path: Path) -> None:
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="ascii", write_through=True)
    monkeypatch.setattr(sys, "stdout", out)
    code = cli.main(["verdicts", str(seed_path), "--format", "json"])
    assert code in (0, 1)
    rows = json.loads(raw.getvalue().decode("ascii"))
    assert any(not r["statement"].isascii() for r in rows)  # the Chinese statements survive, escaped
    assert out.errors == "strict"  # restored
    raw.seek(0)
    raw.truncate()
    assert cli.main(["verdicts", str(seed_path), "--format", "csv"]) in (0, 1)  # other formats too
    assert "\\u" in raw.getvalue().decode("ascii")


def test_outputs_never_damage_files(capsys, tmp_path: Path, laptops_text: str) -> None:
    study = tmp_path / "study.yaml"
    study.write_text(laptops_text, encoding="utf-8")
    code, out, err = run(capsys, "run", study, "--output", study)
    assert code == 2 and "is the input" in err and study.read_text(encoding="utf-8") == laptops_text
    code, out, err = run(capsys, "run", study, "--output", "/dev/null")
    assert code == 2 and "only regular files" in err and os.path.exists("/dev/null")
    code, out, err = run(capsys, "run", study, "--output", tmp_path)
    assert code == 2 and "is a directory" in err
    code, out, err = run(capsys, "run", study, "--format", "csv", "--output", "-")
    assert code == 0 and out.startswith("profile,method,scope,alternative") and not (tmp_path / "-").exists()
    link = tmp_path / "link.csv"
    link.symlink_to(tmp_path / "real.csv")
    code, out, err = run(capsys, "run", study, "--format", "csv", "--output", link)
    assert code == 0 and link.is_symlink() and (tmp_path / "real.csv").read_text().startswith("profile,")


def test_non_regular_study_is_exit_2(capsys, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    code, _out, err = run(capsys, "validate", fifo)
    assert code == 2 and "cannot read a FIFO" in err
    code, _out, err = run(capsys, "validate", "/dev/zero")
    assert code == 2 and "cannot read a character device" in err


def test_ascii_encoding_in_a_real_process(seed_path: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    out = subprocess.run([sys.executable, "-m", "mcda", "verdicts", str(seed_path), "--format", "json"],
                         capture_output=True, env=env, timeout=120, check=False)
    assert out.returncode in (0, 1), out.stderr
    assert b"Traceback" not in out.stderr
    assert json.loads(out.stdout.decode("ascii"))


def test_closed_pipe_in_a_real_process(seed_path: Path) -> None:
    """A reader that goes away: exit 141, no 'Exception ignored' noise at shutdown."""
    proc = subprocess.Popen([sys.executable, "-m", "mcda", "sensitivity", str(seed_path), "--samples", "200",
                             "--report", "tipping", "--format", "json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(1)
    proc.stdout.close()
    err = proc.stderr.read()
    code = proc.wait(timeout=120)
    assert code in (0, 141) and b"Traceback" not in err and b"Exception ignored" not in err, err


def test_escapes_are_json_escapes_even_beyond_the_bmp() -> None:
    import mcda.io.stdio  # noqa: F401  (registers the error handler)

    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="ascii", errors="mcda.escape")
    text = "é 中 😀 \u2028"
    out.write(json.dumps(text, ensure_ascii=False))
    out.flush()
    assert json.loads(raw.getvalue().decode("ascii")) == text
