"""The command line run in-process (``mcda.cli.main``), with what a subprocess would show.

Most CLI tests use :func:`run`; a few in ``tests/test_cli.py`` and
``tests/test_cli_boundary.py`` start real processes to prove that ``python -m
mcda`` and the ``mcda`` console script work and to test what only a process
shows (encodings, closed pipes, signals).
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

from mcda import cli


@dataclass(frozen=True)
class Result:
    """Like :class:`subprocess.CompletedProcess`: the exit code and what was written."""

    returncode: int
    stdout: str
    stderr: str


def run(*args: str | Path) -> Result:
    """``mcda ARGS...`` in this process: exit code, standard output and standard error."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main([str(a) for a in args])
        except SystemExit as exc:  # argparse: --help (0) and usage errors (2), as the process would exit
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    return Result(code, out.getvalue(), err.getvalue())
