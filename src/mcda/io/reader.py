"""Reading input files with a byte bound: only regular files, never more than a limit.

A size check on ``stat`` alone is not enough: ``/dev/zero``, a FIFO or a file
under ``/proc`` report a size of 0 and then deliver endless (or blocking) data.
:func:`read_bounded` refuses anything but a regular file before opening it, opens
without blocking, checks again on the open descriptor, and reads at most
``limit + 1`` bytes.
"""

from __future__ import annotations

import os
import stat

from mcda.errors import Problem, StudyValidationError

__all__ = ["read_bounded"]


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


def read_bounded(path: str | os.PathLike[str], limit: int, what: str = "file") -> bytes:
    """The bytes of the regular file ``path``, refusing other files and anything over ``limit`` bytes.

    Raises
    ------
    StudyValidationError
        If the file cannot be read, is not a regular file (device, FIFO,
        directory, socket) or holds more than ``limit`` bytes.

    Examples
    --------
    >>> read_bounded("/dev/zero", 100)
    Traceback (most recent call last):
    ...
    mcda.errors.StudyValidationError: /dev/zero: 1 problem found
      /dev/zero: cannot read a character device as a study file; give the path of a regular file
    """
    file = os.fspath(path)

    def refuse(message: str) -> StudyValidationError:
        return StudyValidationError([Problem("", message, file)], file)

    try:
        mode = os.stat(file).st_mode
        if not stat.S_ISREG(mode):
            raise refuse(f"cannot read {_kind(mode)} as a study {what}; give the path of a regular file")
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise refuse(f"cannot read {what}: {exc.strerror or exc}") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):  # replaced between stat and open
            raise refuse(f"cannot read {_kind(mode)} as a study {what}; give the path of a regular file")
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise refuse(f"cannot read {what}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if total > limit:
        raise refuse(f"{what} is more than {limit:,} bytes; the limit is {limit:,}")
    return b"".join(chunks)
