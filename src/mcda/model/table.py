"""A table source for a study's alternatives: one row per alternative, one column per leaf."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, Strict

from mcda.model._base import Frozen, Id, Text

__all__ = ["ColumnName", "TableSource"]

#: A column name of the table (any non-empty text).
ColumnName = Annotated[str, Strict(), Field(min_length=1)]


class TableSource(Frozen):
    """The alternatives as the rows of a Parquet table (the file's ``alternatives: {table: ...}``).

    ``path`` is a Parquet file, directory or glob (relative to the study file, or a URL
    Dask can read); ``id`` the column naming each row; ``columns`` maps every leaf
    criterion id to the column holding its raw values (numbers; on an ordinal leaf,
    level names or level values). ``missing`` gives a leaf's policy for empty cells
    (null or NaN): ``worst``, ``scale-worst``, ``exclude-criterion`` or ``error`` (the
    default for a leaf not listed). Score it with :func:`mcda.scale.score_study_table`.

    Examples
    --------
    >>> t = TableSource(path="catalogue/*.parquet", id="sku", columns={"cost.price": "price_eur"},
    ...                 missing={"cost.price": "worst"})
    >>> t.policy("cost.price"), t.policy("other")
    ('worst', 'error')
    """

    path: Annotated[Text, Field(min_length=1)]
    id: ColumnName
    columns: dict[Id, ColumnName]
    missing: dict[Id, Literal["worst", "scale-worst", "exclude-criterion", "error"]] = Field(default_factory=dict)
    description: Text | None = None

    def policy(self, leaf: str) -> str:
        """The missing-value policy of ``leaf``'s empty cells (``error`` unless given)."""
        return self.missing.get(leaf, "error")
