"""Standard output for the command line: closed, unencodable or failing outputs end in one clear line.

Used by :func:`mcda.cli.main` only.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import io
import os
import sys
from collections.abc import Callable

__all__ = ["prepare_stdout", "silence_stdout"]


class _ClosedStdout(io.TextIOBase):
    """Stands in for a closed standard output: writing fails with one clear error."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def _escape_unencodable(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: characters the output encoding lacks become ``\\uXXXX`` (JSON-style) escapes."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = []
    for ch in exc.object[exc.start:exc.end]:
        code = ord(ch)
        if code > 0xFFFF:
            code -= 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out), exc.end


codecs.register_error("mcda.escape", _escape_unencodable)


def prepare_stdout() -> Callable[[], None]:
    """Make standard output safe to write (closed, or an encoding without CJK); returns the undo."""
    original = sys.stdout
    if original is None:
        sys.stdout = _ClosedStdout()
    reconfigured = False
    if isinstance(sys.stdout, io.TextIOWrapper) and sys.stdout.errors == "strict" and \
            codecs.lookup(sys.stdout.encoding or "utf-8").name not in ("utf-8", "utf-16", "utf-32"):
        sys.stdout.reconfigure(errors="mcda.escape")
        reconfigured = True

    def restore() -> None:
        if reconfigured and isinstance(sys.stdout, io.TextIOWrapper):
            with contextlib.suppress(Exception):
                sys.stdout.reconfigure(errors="strict")
        if original is None:
            sys.stdout = original
    return restore


def silence_stdout() -> None:
    """After a failed write, point the standard-output descriptor at /dev/null so the exit flush is quiet."""
    with contextlib.suppress(Exception):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
