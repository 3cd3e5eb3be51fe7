"""Writing studies and tables: YAML round-trip and atomic file output.

Every file is written atomically: the content goes to a temporary file in the
target directory, which then replaces the target with :func:`os.replace`. A
failure half-way leaves the old file (or no file), never a half-written one.
"""

from __future__ import annotations

import os
import stat
import tempfile
from typing import Any

import yaml

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
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def _mode_for(target: str) -> int:
    """The existing file's permissions, or 0666 less the process umask for a new file."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mask = os.umask(0o022)
        os.umask(mask)
        return 0o666 & ~mask


def atomic_write(path: str | os.PathLike[str], text: str | bytes) -> None:
    """Write ``text`` (UTF-8) or bytes to ``path`` atomically (temporary file + rename).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> atomic_write(p, "hello")
    >>> p.read_text()
    'hello'
    """
    target = os.fspath(path)
    directory = os.path.dirname(os.path.abspath(target))
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=os.path.basename(target), dir=directory)
    except OSError as exc:  # e.g. no such directory: name the file asked for, not the temporary one
        raise OSError(exc.errno, exc.strerror, target) from exc
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
            raise OSError(exc.errno, exc.strerror, target) from exc
        raise
