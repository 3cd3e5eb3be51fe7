"""Base configuration shared by every study model."""

from __future__ import annotations

import unicodedata
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict

ID_PATTERN = r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$"

#: An identifier: letters, digits, ``_``, ``-`` and ``.``; not starting with ``.`` or ``-``.
Id = Annotated[str, Strict(), Field(pattern=ID_PATTERN, min_length=1, max_length=200)]
#: A real number given as a number (``"0.5"`` as a string is rejected, so is ``true``).
Number = Annotated[float, Strict()]


def nfc(text: str) -> str:
    """``text`` in Unicode normal form C: canonically equivalent spellings become one string."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


#: Human text (names, titles, ordinal level names), normalised to Unicode NFC.
Text = Annotated[str, Strict(), AfterValidator(nfc)]


class Frozen(BaseModel):
    """Frozen, strict-about-keys base model: unknown keys are errors, NaN/inf rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False, defer_build=True)
