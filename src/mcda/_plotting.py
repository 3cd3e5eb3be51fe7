"""Helpers shared by the figure modules (:mod:`mcda.plot`, :mod:`mcda._figures`); matplotlib is
imported only when a figure is drawn."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mcda._lazy import lazy_module
from mcda.errors import InputError, MissingDependencyError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes
else:
    pd = lazy_module("pandas")

__all__ = ["new_axes", "pyplot", "require_frame"]


def pyplot() -> Any:
    """``matplotlib.pyplot``, or a :class:`~mcda.errors.MissingDependencyError` saying how to install it.

    Examples
    --------
    >>> pyplot().__name__
    'matplotlib.pyplot'
    """
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise MissingDependencyError(
            "plotting needs matplotlib; install it with: pip install 'mcda-evidence[plot]'") from exc
    return plt


def new_axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    """``ax``, or the axes of a new constrained-layout figure of ``size`` inches."""
    if ax is not None:
        return ax
    _, new = pyplot().subplots(figsize=size, layout="constrained")
    return new


def require_frame(df: pd.DataFrame, columns: list[str], what: str, empty_ok: bool = False) -> None:
    """Refuse anything but a DataFrame with ``columns`` (and rows, unless ``empty_ok``), naming ``what``."""
    if not isinstance(df, pd.DataFrame):
        raise InputError(f"{what} must be a DataFrame; got {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise InputError(f"{what} lacks column(s) {missing}; pass the frame the Study method returns")
    if df.empty and not empty_ok:
        raise InputError(f"{what} is empty: nothing to draw")
