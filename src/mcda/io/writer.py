"""Writing studies and tables: YAML round-trip and atomic file output.

Every file is written atomically: the content goes to a temporary file in the
target directory, which then replaces the target with :func:`os.replace`. A
failure half-way leaves the old file (or no file), never a half-written one.
Only regular files are written (symlinks are followed); devices, FIFOs,
directories, read-only files and the input being read are refused.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from typing import Any

import yaml

from mcda.errors import OutputError
from mcda.model import StudyModel

__all__ = ["atomic_write", "dump_study"]


def _plain(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_plain(v) for v in obj]
    return obj


_LINE_BREAKS = ("\x85", "\u2028", "\u2029")


class _Dumper(yaml.SafeDumper):
    """Safe dumper that double-quotes strings YAML would otherwise read back differently."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if any(ch in value for ch in _LINE_BREAKS) or any(ord(ch) < 32 and ch not in "\n\t" for ch in value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_str(value)


_Dumper.add_representer(str, _represent_str)


def dump_study(model: StudyModel) -> str:
    """The study as YAML text that :func:`mcda.load_study` reads back to an equal model.

    Examples
    --------
    >>> m = StudyModel(title="t", criteria={"id": "root", "name": "R"})
    >>> print(dump_study(m).splitlines()[0])
    title: t
    """
    data = _plain(model.model_dump(mode="python", exclude_defaults=True))
    if "table" in data:  # written where it is read: alternatives: {table: ...}
        table = data.pop("table")
        data = {k: v for k, v in data.items() if k not in ("title", "description")}
        head = {k: getattr(model, k) for k in ("title", "description") if getattr(model, k) is not None}
        data = {**head, "alternatives": {"table": table}, **data}
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def _mode_for(target: str) -> int:
    """The existing file's permissions, or 0666 less the process umask for a new file."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mask = os.umask(0o022)
        os.umask(mask)
        return 0o666 & ~mask


def _refuse(errno_: int, message: str, target: str) -> OutputError:
    return OutputError(errno_, message, target)


def _checked_target(path: str, protect: Iterable[str | os.PathLike[str]]) -> str:
    """The file to replace: ``path`` with symlinks followed, checked to be a writable regular file or absent."""
    target = os.path.realpath(path)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise _refuse(exc.errno or errno.EIO, exc.strerror or str(exc), path) from None
    if not stat.S_ISREG(st.st_mode):
        kind = "a directory" if stat.S_ISDIR(st.st_mode) else "a device, FIFO or socket"
        raise _refuse(errno.EISDIR if stat.S_ISDIR(st.st_mode) else errno.EINVAL,
                      f"is {kind}; mcda writes only regular files (use '-' for standard output)", path)
    if not os.access(target, os.W_OK):
        raise _refuse(errno.EACCES, "permission denied (the file is read-only)", path)
    for other in protect:
        try:
            same = os.path.samefile(target, other)
        except OSError:  # the input is gone or unreadable: it cannot be this file
            same = False
        if same:
            raise _refuse(errno.EEXIST, f"is the input {os.fspath(other)!r}; refusing to overwrite it", path)
    return target


def _temp_prefix(target: str, directory: str) -> str:
    """A temporary-name prefix that keeps the whole name within the directory's file-name limit."""
    try:
        name_max = os.pathconf(directory, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        name_max = 255
    room = max(0, min(name_max, 255) - len(".tmp-") - 8 - 1 - len("-"))  # mkstemp adds 8 random characters
    base = os.fsencode(os.path.basename(target))[:room].decode("utf-8", "ignore")
    return f".tmp-{base}-"


def _write_stdout(data: str | bytes) -> None:
    if isinstance(data, bytes):
        out = getattr(sys.stdout, "buffer", None)
        if out is None:
            raise _refuse(errno.EINVAL, "binary output needs a real standard output", "-")
        sys.stdout.flush()
        out.write(data)
        out.flush()
    else:
        sys.stdout.write(data)


def atomic_write(path: str | os.PathLike[str], text: str | bytes, *,
                 protect: Iterable[str | os.PathLike[str]] = ()) -> None:
    """Write ``text`` (UTF-8) or bytes to ``path`` atomically, never damaging what is on disk.

    * ``"-"`` writes to standard output;
    * a symlink is followed and its target written; only regular files are
      written (a device, FIFO or directory is refused, never replaced);
    * a read-only file is refused, as a shell redirect would; an existing file
      keeps its permissions, a new one gets 0666 less the umask;
    * a file in ``protect`` (e.g. the study being read) is never overwritten;
    * the content goes to a temporary file in the same directory (its name
      within the file-name limit), which then replaces the target: a failure
      half-way (a full disk, Ctrl-C) leaves the old file, never a partial one.

    Raises
    ------
    OutputError
        An :class:`OSError` (and :class:`~mcda.errors.MCDAError`) naming ``path``.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> atomic_write(p, "hello")
    >>> p.read_text()
    'hello'
    >>> atomic_write("/dev/null", "x")
    Traceback (most recent call last):
    ...
    mcda.errors.OutputError: cannot write /dev/null: is a device, FIFO or socket; mcda writes only regular files ...
    """
    shown = os.fspath(path)
    data = text.encode("utf-8") if isinstance(text, str) else text
    if shown == "-":
        _write_stdout(text)
        return
    target = _checked_target(shown, protect)
    directory = os.path.dirname(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(target, directory), dir=directory)
    except OSError as exc:  # e.g. no such directory: name the file asked for, not the temporary one
        raise _refuse(exc.errno or errno.EIO, exc.strerror or str(exc), shown) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(target))  # mkstemp makes 0600 files; give the usual permissions
        os.replace(tmp, target)
    except BaseException as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _refuse(exc.errno or errno.EIO, exc.strerror or str(exc), shown) from exc
        raise
