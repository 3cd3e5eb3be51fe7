"""Study files read numbers the way a person reads them; names are compared in Unicode NFC; merge keys work.

Properties over generated documents (see mcda.io.yaml_scalars for the rules).
"""

from __future__ import annotations

import math
import os
import unicodedata

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from mcda.errors import StudyValidationError
from mcda.io import parse_yaml

RUNS = settings(max_examples=int(os.environ.get("MCDA_FUZZ_EXAMPLES", "0")) or 100, deadline=None,
                derandomize=True)
keys = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=8)


@RUNS
@given(n=st.integers(-(10**300), 10**300))
def test_integers_read_as_written(n: int) -> None:
    assert parse_yaml(f"v: {n}\n").data == {"v": n}


@RUNS
@given(x=st.floats(allow_nan=False, allow_infinity=False))
def test_floats_read_as_written(x: float) -> None:
    got = parse_yaml(f"v: {x!r}\n").data["v"]
    assert got == x and math.copysign(1.0, got) == math.copysign(1.0, x)


@RUNS
@given(n=st.integers(0, 10**12), zeros=st.integers(1, 3), sign=st.sampled_from(["", "-", "+"]))
def test_leading_zeros_are_refused_with_the_decimal_reading(n: int, zeros: int, sign: str) -> None:
    text = f"{sign}{'0' * zeros}{n}"
    with pytest.raises(StudyValidationError) as info:
        parse_yaml(f"a:\n  v: {text}\n", "f.yaml")
    (p,) = info.value.problems
    assert p.line == 2 and p.path == "a.v" and p.file == "f.yaml"
    assert f"write {'-' if sign == '-' else ''}{n}," in p.message and "leading zero" in p.message
    assert parse_yaml(f"v: '{text}'\n").data == {"v": text}  # quoted, it is text


@RUNS
@given(n=st.integers(1000, 10**15), cut=st.data(), sep=st.sampled_from(["_", ","]))
def test_digit_separators_are_refused(n: int, cut: st.DataObject, sep: str) -> None:
    digits = str(n)
    if sep == ",":  # thousands groups, as people write them
        head = len(digits) % 3 or 3
        text = ",".join([digits[:head]] + [digits[k:k + 3] for k in range(head, len(digits), 3)])
    else:
        k = cut.draw(st.integers(1, len(digits) - 1))
        text = digits[:k] + "_" + digits[k:]
    for doc in (f"v: {text}\n", f"m: {{v: {text}, w: 1}}\n"):
        with pytest.raises(StudyValidationError, match=f"write {digits}") as info:
            parse_yaml(doc)
        assert len(info.value.problems) == 1


@RUNS
@given(h=st.integers(0, 99), m=st.integers(0, 59))
def test_base_60_is_refused(h: int, m: int) -> None:
    with pytest.raises(StudyValidationError, match=rf"= {h * 60 + m}\)"):
        parse_yaml(f"v: {h}:{m:02d}\n")


@RUNS
@given(doc=st.dictionaries(keys, st.one_of(keys, st.lists(keys, max_size=3)), max_size=5))
def test_canonically_equivalent_spellings_are_one_name(doc: dict[str, object]) -> None:
    text = yaml.safe_dump(doc, allow_unicode=True)
    variants = [unicodedata.normalize(f, text) for f in ("NFC", "NFD")]
    results = []
    for v in variants:
        try:
            results.append(parse_yaml(v).data)
        except StudyValidationError as exc:  # e.g. two keys that are one name in NFC: a duplicate either way
            results.append(sorted(p.message for p in exc.problems))
    assert results[0] == results[1]
    if isinstance(results[0], dict):
        assert all(unicodedata.is_normalized("NFC", k) for k in results[0])


@RUNS
@given(base=st.dictionaries(st.sampled_from("abcdef"), st.integers(0, 9), min_size=1),
       override=st.dictionaries(st.sampled_from("defgh"), st.integers(10, 19)))
def test_merge_keys_with_overrides(base: dict[str, int], override: dict[str, int]) -> None:
    flow = ", ".join(f"{k}: {v}" for k, v in base.items())
    extra = "".join(f"  {k}: {v}\n" for k, v in override.items())
    got = parse_yaml(f"base: &b {{{flow}}}\nitem:\n  <<: *b\n{extra}").data
    assert got["item"] == {**base, **override}
    assert got["base"] == base


@pytest.mark.parametrize(("text", "fragment"), [
    ("!!int abc", "'abc' is not an integer"), ("!!bool maybe", "'maybe' is not a boolean"),
    ("!!timestamp x", "'x' is not a valid date"), ("!!float ''", "'' is not a number"),
    ("2026-02-30", "day is out of range"), ("9" * 400, "400 digits is too large"),
    ("1e999", "beyond the largest number"), ("0b101", "binary number"), ("!!null x", "is not null"),
    ("!!int 0x" + "f" * 300, "hexadecimal digits is too large"), ("!!binary 'abc'", "as !!binary"),
])
def test_unreadable_scalars_are_located_problems(text: str, fragment: str) -> None:
    with pytest.raises(StudyValidationError) as info:
        parse_yaml(f"x: 1\ny:\n  - {text}\n", "f.yaml")
    (p,) = info.value.problems
    assert fragment in p.message and p.line == 3 and p.path == "y[0]"


def test_yaml_version_directive_does_not_bring_octal_back() -> None:
    with pytest.raises(StudyValidationError, match="leading zero"):
        parse_yaml("%YAML 1.2\n---\nv: 010\n")
    assert parse_yaml("%YAML 1.2\n---\nv: 0x1F\n").data == {"v": 31}
