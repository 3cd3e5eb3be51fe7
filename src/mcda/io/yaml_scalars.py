"""How a study file's plain scalars become values: numbers the way a person reads them.

YAML 1.1 (what PyYAML implements) reads several forms as numbers that a person
reads differently, or not as numbers at all: ``010`` is 8 (octal), ``1:30`` is 90
(base 60), ``1_000`` is 1000, while ``09`` is the text ``"09"``. A study file
accepts only these number forms:

* integers ``0``, ``-7``, ``120`` (no leading zero) and hexadecimal ``0x1F``;
* decimals and exponents ``0.5``, ``.5``, ``7e12``, ``-1.5E-3`` (YAML 1.2 style);
* ``.inf`` / ``.nan`` (refused later where a finite number is needed).

Leading zeros, digit separators (``_`` or ``,``), base-60 and binary forms are
refused with a located error that says how to write the number; quoting the
value (``'010'``) makes it text. Explicit tags (``!!int``, ``!!float``,
``!!bool``, ``!!timestamp``, ...) must hold a value of their type. Every string
(keys included) is normalised to Unicode NFC, so canonically equivalent
spellings of one name are one name.
"""

from __future__ import annotations

import math
import re
import sys
import unicodedata

__all__ = ["FLOAT_TAG", "INT_TAG", "SUSPECT_TAG", "nfc", "number_advice", "parse_float", "parse_int", "resolvers"]

INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
#: Tag given to plain scalars that look like a number but are not read as one.
SUSPECT_TAG = "tag:mcda,2026:ambiguous-number"

_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_HEX = re.compile(r"^[-+]?0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)(?:[eE][-+]?[0-9]+)?$")
_SPECIAL_FLOAT = re.compile(r"^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")

_LEADING_ZERO = re.compile(r"^[-+]?0[0-9]+$")
_UNDERSCORE = re.compile(r"^(?=[^_]*_)[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?$")
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
_COMMA = re.compile(r"^[-+]?[0-9]+(?:,[0-9]+)+(?:\.[0-9]*)?$")
_BINARY = re.compile(r"^[-+]?0b[01_]+$")
_SUSPECT = re.compile("|".join(p.pattern for p in (_LEADING_ZERO, _UNDERSCORE, _SEXAGESIMAL, _COMMA, _BINARY)))

#: Largest magnitude a study number may have (the largest finite float).
MAX_NUMBER = sys.float_info.max


def resolvers(base: dict[str, list[tuple[str, re.Pattern[str]]]]) -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """``base`` (a loader's implicit resolvers) with the int/float rules of this module.

    Ambiguous number forms come first (tagged :data:`SUSPECT_TAG`), then the
    strict int and float forms; the other resolvers (null, bool, timestamp, ...)
    keep their order.
    """
    ours: list[tuple[str, re.Pattern[str], str]] = [
        (SUSPECT_TAG, _SUSPECT, "-+0123456789"),
        (INT_TAG, re.compile(f"{_INT.pattern}|{_HEX.pattern}"), "-+0123456789"),
        (FLOAT_TAG, re.compile(f"{_FLOAT.pattern}|{_SPECIAL_FLOAT.pattern}"), "-+.0123456789"),
    ]
    out: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for first in sorted(set(base) | set("-+.0123456789")):
        mine = [(tag, rx) for tag, rx, firsts in ours if first in firsts]
        rest = [(tag, rx) for tag, rx in base.get(first, []) if tag not in (INT_TAG, FLOAT_TAG)]
        out[first] = mine + rest
    return out


def number_advice(text: str) -> str:
    """Why ``text`` is not read as a number, and how to write it.

    Examples
    --------
    >>> print(number_advice("010"))
    '010' has a leading zero (YAML 1.1 reads it as octal 8, YAML 1.2 as 10); write 10, or quote it ...
    >>> print(number_advice("1:30"))
    '1:30' is a base-60 number in YAML 1.1 (= 90); write the number in decimal (90), or quote it ...
    """
    t = text.strip()
    quote = f"or quote it ({t!r}) if it is text"
    if _LEADING_ZERO.match(t):
        digits = t.lstrip("+-")
        sign = "-" if t.startswith("-") else ""
        octal = f"octal {sign}{int(digits, 8)}" if set(digits) <= set("01234567") else "text"
        return (f"{t!r} has a leading zero (YAML 1.1 reads it as {octal}, YAML 1.2 as {sign}{int(digits)}); "
                f"write {sign}{int(digits)}, {quote}")
    if _SEXAGESIMAL.match(t):
        sgn = -1 if t.startswith("-") else 1
        value: float = 0
        for part in t.lstrip("+-").replace("_", "").split(":"):
            value = value * 60 + float(part)
        shown = f"{sgn * value:g}" if value != int(value) else str(sgn * int(value))
        return f"{t!r} is a base-60 number in YAML 1.1 (= {shown}); write the number in decimal ({shown}), {quote}"
    if _UNDERSCORE.match(t):
        return f"{t!r}: digit separators '_' are not allowed in study-file numbers; write {t.replace('_', '')}, {quote}"
    if _COMMA.match(t):
        groups = t.split(".")[0].split(",")
        if all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0].lstrip("+-")) <= 3:
            return (f"{t!r}: thousands separators are not allowed in study-file numbers; "
                    f"write {t.replace(',', '')}, {quote}")
        return f"{t!r}: a number cannot contain ','; write a decimal point ({t.replace(',', '.', 1)}?), {quote}"
    if _BINARY.match(t):
        return f"{t!r} is a binary number in YAML 1.1; write it in decimal, {quote}"
    return f"{t!r} is not a number a study file can read; write it as 12, 0.5 or 7e12, {quote}"


def parse_int(text: str) -> int | str:
    """The integer ``text`` stands for, or a message saying why it is refused.

    Examples
    --------
    >>> parse_int("-42"), parse_int("0x10")
    (-42, 16)
    >>> parse_int("9" * 400)[:40]
    'an integer of 400 digits is too large; n'
    """
    t = text.strip()
    if _HEX.match(t):
        digits = t.lstrip("+-")[2:]
        if len(digits) > 256:
            return f"an integer of {len(digits)} hexadecimal digits is too large; numbers stay below 1.8e308"
        value = int(digits, 16) * (-1 if t.startswith("-") else 1)
    elif _INT.match(t):
        if len(t.lstrip("+-")) > 309:
            return f"an integer of {len(t.lstrip('+-'))} digits is too large; numbers stay below 1.8e308"
        value = int(t)
    elif _SUSPECT.match(t):
        return number_advice(t)
    else:
        return f"{t!r} is not an integer; write it as 12 or -3"
    if abs(value) > MAX_NUMBER:
        return f"the integer {t[:12]}... is too large; numbers stay below 1.8e308"
    return value


def parse_float(text: str) -> float | str:
    """The float ``text`` stands for, or a message saying why it is refused.

    Examples
    --------
    >>> parse_float("7e12"), parse_float(".inf")
    (7000000000000.0, inf)
    >>> parse_float("1e999")
    "'1e999' is beyond the largest number (1.8e308)"
    """
    t = text.strip()
    if _SPECIAL_FLOAT.match(t):
        if "nan" in t.lower():
            return math.nan
        return -math.inf if t.startswith("-") else math.inf
    if _FLOAT.match(t):
        value = float(t)
        if math.isinf(value):
            return f"{t!r} is beyond the largest number (1.8e308)"
        return value
    if _SUSPECT.match(t):
        return number_advice(t)
    return f"{t!r} is not a number; write it as 0.5, 12 or 7e12"


def nfc(text: str) -> str:
    """``text`` in Unicode normal form C (one spelling for canonically equivalent names)."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)
