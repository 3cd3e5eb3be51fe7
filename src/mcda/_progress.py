"""A progress bar over named steps: tqdm when installed and wanted, otherwise nothing."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")

__all__ = ["progress_bar", "progress_iter", "progress_steps", "wanted"]


def _tqdm() -> Any:
    """The tqdm class, or None when tqdm (optional) is not installed."""
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    return tqdm


@contextlib.contextmanager
def progress_steps(steps: Sequence[str], enabled: bool) -> Iterator[Callable[[str], None]]:
    """Yield ``step(name)``, which advances a bar on stderr as each named step starts.

    Without ``enabled`` or without tqdm (an optional dependency) ``step`` does nothing.

    Examples
    --------
    >>> with progress_steps(["a", "b"], enabled=False) as step:
    ...     step("a"); step("b")
    """
    bar_class: Any = _tqdm() if enabled else None
    if bar_class is None:
        yield lambda _name: None
        return
    bar = bar_class(total=len(steps), file=sys.stderr, leave=False, unit="step")
    seen = 0

    def step(name: str) -> None:
        nonlocal seen
        if seen:
            bar.update(1)
        seen += 1
        bar.set_description(name)

    try:
        yield step
    finally:
        bar.update(len(steps) - bar.n)
        bar.close()


def wanted(progress: bool | None) -> bool:
    """``progress`` when given; by default, a bar only when stderr is a terminal."""
    return sys.stderr.isatty() if progress is None else bool(progress)


def progress_iter(items: Sequence[T], desc: str, enabled: bool) -> Iterator[T]:
    """Iterate over ``items`` with a tqdm bar on stderr when enabled and tqdm is installed.

    Examples
    --------
    >>> list(progress_iter([1, 2], "x", enabled=False))
    [1, 2]
    """
    bar_class = _tqdm() if enabled else None
    if bar_class is None:
        yield from items
        return
    with bar_class(items, desc=desc, file=sys.stderr, leave=False) as bar:
        yield from bar


class _NoBar:
    """A bar that shows nothing."""

    def update(self, n: int = 1) -> None:
        """Advance (nothing to show)."""

    def close(self) -> None:
        """Close (nothing to close)."""


def progress_bar(total: int, desc: str, enabled: bool) -> Any:
    """A tqdm bar of ``total`` steps on stderr (``update()``, ``close()``), or one that shows nothing.

    Examples
    --------
    >>> bar = progress_bar(3, "x", enabled=False)
    >>> bar.update(); bar.close()
    """
    bar_class = _tqdm() if enabled else None
    if bar_class is None:
        return _NoBar()
    return bar_class(total=total, desc=desc, file=sys.stderr, leave=False)
