"""Heavy optional-at-import dependencies (pandas), loaded on first use.

``import mcda`` loads numpy, PyYAML and pydantic only. pandas is needed by the
labelled results (``to_frame``, ``Study.matrix`` ...), never by the numbers, so
modules that build frames bind ``pd`` to a :class:`LazyModule` that imports
pandas the first time one of its attributes is read::

    from typing import TYPE_CHECKING
    from mcda._lazy import lazy_module
    if TYPE_CHECKING:
        import pandas as pd
    else:
        pd = lazy_module("pandas")

:func:`is_frame` asks "is this a DataFrame?" without importing pandas: an
object cannot be a DataFrame if pandas has never been imported.

Examples
--------
>>> json = lazy_module("json")
>>> json.dumps([1, 2])
'[1, 2]'
>>> is_frame([[1.0]])
False
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

__all__ = ["LazyModule", "is_frame", "lazy_module"]


class LazyModule(types.ModuleType):
    """A stand-in for a module, imported on the first attribute read."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.__dict__["_lazy_target"] = name

    def __getattr__(self, attr: str) -> Any:
        module = importlib.import_module(self.__dict__["_lazy_target"])
        return getattr(module, attr)

    def __dir__(self) -> list[str]:
        return dir(importlib.import_module(self.__dict__["_lazy_target"]))


def lazy_module(name: str) -> Any:
    """A :class:`LazyModule` for ``name`` (typed ``Any``; import the real module under TYPE_CHECKING)."""
    return LazyModule(name)


def is_frame(obj: object, kind: str = "DataFrame") -> bool:
    """``isinstance(obj, pandas.<kind>)``, False without importing pandas when it is not loaded."""
    pd = sys.modules.get("pandas")
    return pd is not None and isinstance(obj, getattr(pd, kind))
