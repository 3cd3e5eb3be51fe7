"""Reading study files: YAML -> validated :class:`~mcda.model.StudyModel`, with located errors.

Each list item of each section is validated on its own, so one broken item
does not hide the problems of the others; cross-checks then run on the items
that were well-formed, and every problem of the file is reported together.
"""

from __future__ import annotations

import difflib
import os
import re
from typing import Any

from pydantic import BaseModel, ValidationError

from mcda.errors import Problem, StudyValidationError
from mcda.io.reader import read_bounded
from mcda.io.yaml_loader import MAX_BYTES, YamlDocument, parse_yaml
from mcda.model import (
    Alternative,
    Criterion,
    EvidenceItem,
    MissingCell,
    NumericScale,
    OrdinalLevel,
    Source,
    StudyModel,
    TableSource,
    Verdict,
    WeightProfile,
    check_study,
    format_path,
)
from mcda.model.judgements import Judgement, LeafComparison
from mcda.model.profiles import NodeRule, ObjectiveRule

__all__ = ["model_from_data", "read_study_model"]

Path = tuple[str | int, ...]

_SECTIONS: dict[str, type[BaseModel]] = {
    "alternatives": Alternative,
    "sources": Source,
    "evidence": EvidenceItem,
    "missing": MissingCell,
    "comparisons": LeafComparison,
    "profiles": WeightProfile,
    "verdicts": Verdict,
}
_MODELS: list[type[BaseModel]] = [*_SECTIONS.values(), Criterion, NumericScale, OrdinalLevel, StudyModel,
                                   NodeRule, ObjectiveRule, Judgement, TableSource]
_ALL_KEYS = sorted({k for cls in _MODELS for k in cls.model_fields})


def _data_path(data: Any, loc: tuple[Any, ...]) -> Path:
    """Keep the parts of a pydantic ``loc`` that navigate the actual data (drop union tags)."""
    out: list[str | int] = []
    cur = data
    for part in loc:
        if isinstance(cur, dict) and part in cur:
            out.append(part)
            cur = cur[part]
        elif isinstance(cur, list) and isinstance(part, int) and 0 <= part < len(cur):
            out.append(part)
            cur = cur[part]
        elif isinstance(cur, dict) and isinstance(part, str) and part in _ALL_KEYS:
            out.append(part)  # a required key that is absent
            break
    return tuple(out)


def _message(err: Any) -> str:
    kind, msg = err["type"], str(err["msg"])
    if kind == "extra_forbidden":
        key = str(err["loc"][-1])
        close = difflib.get_close_matches(key, _ALL_KEYS, n=1)
        return f"unknown key {key!r}" + (f"; did you mean {close[0]!r}?" if close else "")
    if kind == "string_pattern_mismatch":
        got = err.get("input")
        hint = ("; ids are ASCII on purpose: keep this text in 'name:' and give an ASCII id"
                if isinstance(got, str) and not got.isascii() else "")
        return (f"an id may contain only ASCII letters, digits, '_', '.' and '-' (not starting with '.' or '-'), "
                f"got {got!r}{hint}")
    if kind == "missing":
        return f"required key {str(err['loc'][-1])!r} is missing"
    msg = msg.removeprefix("Value error, ")
    if kind not in ("value_error",):
        got = repr(err.get("input"))
        msg += f", got {got[:60]}{'...' if len(got) > 60 else ''}"
    return msg


def _problems(exc: ValidationError, data: Any, prefix: Path, doc: YamlDocument) -> list[Problem]:
    grouped: dict[Path, list[str]] = {}
    for err in exc.errors():
        loc = err["loc"]
        path = _data_path(data, loc)
        full = (*prefix, *path)
        msgs = grouped.setdefault(full, [])
        m = _message(err)
        if m not in msgs:
            msgs.append(m)
    return [
        Problem(format_path(p), " or ".join(msgs), doc.file, doc.line_of(p))
        for p, msgs in grouped.items()
    ]


_UNKNOWN = re.compile(r"^unknown (alternative|source|profile) '([^']*)'")
_SECTION_OF = {"alternative": "alternatives", "source": "sources", "profile": "profiles"}


class _References:
    """One problem per unknown id: drop references to broken items, merge repeats of one unknown id.

    An item that failed validation (say an alternative without ``name``) is
    reported once; the evidence that refers to its id is not reported again as
    "unknown alternative". A truly unknown id used in many places is one problem,
    at its first use, listing the lines of the others.
    """

    def __init__(self, data: dict[str, Any], broken: set[str], index_of: dict[str, list[int]]) -> None:
        self.broken_ids: dict[str, set[str]] = {}
        self.whole: set[str] = set()
        for section in _SECTION_OF.values():
            items = data.get(section)
            if section in broken and not isinstance(items, list):
                self.whole.add(section)
                continue
            good = set(index_of.get(section, []))
            self.broken_ids[section] = {str(it["id"]) for i, it in enumerate(items or [])
                                        if i not in good and isinstance(it, dict) and isinstance(it.get("id"), str)}
        self.seen: dict[tuple[str, str], list[int | None]] = {}

    def follow_on(self, message: str, line: int | None) -> bool:
        """True when the problem repeats one already reported (and is then remembered, not reported)."""
        m = _UNKNOWN.match(message)
        if m is None:
            return False
        section = _SECTION_OF[m.group(1)]
        if section in self.whole or m.group(2) in self.broken_ids.get(section, set()):
            return True
        key = (m.group(1), m.group(2))
        first = key not in self.seen
        self.seen.setdefault(key, []).append(line)
        return not first

    def annotate(self, problems: list[Problem]) -> list[Problem]:
        out = []
        for p in problems:
            m = _UNKNOWN.match(p.message)
            lines = self.seen.get((m.group(1), m.group(2)), []) if m else []
            others = sorted({ln for ln in lines[1:] if ln is not None})
            if len(lines) > 1:
                where = (f"line{'s' if len(others) > 1 else ''} {', '.join(map(str, others))}" if others
                         else f"{len(lines) - 1} more places")
                p = Problem(p.path, f"{p.message}; also used at {where}", p.file, p.line)
            out.append(p)
        return out


def _fold_repeats(problems: list[Problem]) -> list[Problem]:
    """One problem per fault: the same message about the same value (an invalid id used in several
    places, say) is reported once, at its first line, naming the other lines."""
    first: dict[str, int] = {}
    lines: dict[str, list[int]] = {}
    out: list[Problem] = []
    for p in problems:
        key = p.message
        if key in first:
            if p.line is not None:
                lines[key].append(p.line)
            continue
        first[key], lines[key] = len(out), []
        out.append(p)
    for key, i in first.items():
        if lines[key]:
            p = out[i]
            more = sorted(set(lines[key]))
            out[i] = Problem(p.path, f"{p.message} (the same at line{'s' if len(more) > 1 else ''} "
                                     f"{', '.join(map(str, more))})", p.file, p.line)
    return out


def _table(doc: YamlDocument, value: dict[str, Any]) -> tuple[TableSource | None, list[Problem]]:
    """``alternatives: {table: {...}}``: the table source, or the problems of the mapping."""
    if set(value) != {"table"}:
        extra = sorted(str(k) for k in value if k != "table")
        where = ("alternatives", extra[0]) if extra else ("alternatives",)
        return None, [Problem(format_path(where), "alternatives must be a list, or a mapping with the one key "
                              f"'table' (the alternatives as rows of a table); got keys {sorted(map(str, value))}",
                              doc.file, doc.line_of(where))]
    try:
        return TableSource.model_validate(value["table"]), []
    except ValidationError as exc:
        return None, _problems(exc, value["table"], ("alternatives", "table"), doc)


def model_from_data(doc: YamlDocument, methods: list[str]) -> StudyModel:
    """Validate parsed data into a :class:`StudyModel`, reporting every problem at once.

    Raises
    ------
    StudyValidationError
        With one :class:`~mcda.errors.Problem` per problem, located by line.
    """
    data, file = doc.data, doc.file
    if not isinstance(data, dict):
        raise StudyValidationError([Problem("", "a study file must be a mapping with keys title, "
                                            "alternatives, criteria, ...", file, 1)], file)
    problems: list[Problem] = []
    parts: dict[str, Any] = {}
    broken: set[str] = set()
    index_of: dict[str, list[int]] = {}
    for key in data:
        if key not in (*_SECTIONS, "title", "description", "criteria"):
            close = difflib.get_close_matches(key, [*_SECTIONS, "title", "description", "criteria"], n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            problems.append(Problem(key, f"unknown top-level key {key!r}{hint}", file, doc.line_of((key,))))
    for key in ("title", "criteria"):
        if key not in data:
            problems.append(Problem(key, f"required key {key!r} is missing", file, 1))
            broken.add(key)
    for key in ("title", "description"):
        if key in data and not isinstance(data[key], str):
            problems.append(Problem(key, f"{key} must be text, got {data[key]!r}", file, doc.line_of((key,))))
            broken.add(key)
        elif key in data:
            parts[key] = data[key]
    if "criteria" in data:
        try:
            parts["criteria"] = Criterion.model_validate(data["criteria"])
        except ValidationError as exc:
            problems += _problems(exc, data["criteria"], ("criteria",), doc)
            broken.add("criteria")
    for section, cls in _SECTIONS.items():
        items = data.get(section, [])
        if items is None:
            items = []
        if section == "alternatives" and isinstance(items, dict):
            parts["table"], found = _table(doc, items)
            problems += found
            broken.update(["alternatives"] if found else [])
            parts[section] = []
            continue
        if not isinstance(items, list):
            problems.append(Problem(section, f"{section} must be a list, got {type(items).__name__}",
                                    file, doc.line_of((section,))))
            broken.add(section)
            continue
        good = []
        index_of[section] = []
        for i, item in enumerate(items):
            try:
                good.append(cls.model_validate(item))
                index_of[section].append(i)
            except ValidationError as exc:
                problems += _problems(exc, item, (section, i), doc)
                broken.add(section)
        parts[section] = good
    if "criteria" in broken or "title" in broken:
        raise StudyValidationError(problems, file)
    model = StudyModel(**parts)
    refs = _References(data, broken, index_of)
    for path, message in check_study(model, methods):
        if path == ("evidence",) and {"evidence", "missing"} & broken:
            continue  # coverage is unknowable while some evidence items are broken
        if path[-1:] == ("profile",) and path[0] == "verdicts" and "profiles" in broken:
            continue  # the profile may be one of the broken ones, already reported
        if path == ("alternatives",) and "alternatives" in broken:
            continue  # the count is unknowable while some alternatives are broken, already reported
        if len(path) > 1 and isinstance(path[1], int) and isinstance(path[0], str):
            path = (path[0], index_of[path[0]][path[1]], *path[2:])  # back to file positions
        if refs.follow_on(message, doc.line_of(path)):
            continue
        problems.append(Problem(format_path(path), message, file, doc.line_of(path)))
    problems = _fold_repeats(refs.annotate(problems))
    if problems:
        problems.sort(key=lambda p: p.line or 0)
        raise StudyValidationError(problems, file)
    return model


def read_study_model(path: str | os.PathLike[str], methods: list[str]) -> StudyModel:
    """Read and validate a study file.

    Raises
    ------
    StudyValidationError
        If the file cannot be read, is not a regular file (a device, FIFO or
        directory), holds more than ``MAX_BYTES`` bytes or breaks any rule; all
        problems are listed.
    """
    file = os.fspath(path)
    raw = read_bounded(file, MAX_BYTES)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise StudyValidationError([Problem("", f"file is not valid UTF-8 (byte {exc.start})", file)], file) from None
    return model_from_data(parse_yaml(text, file), methods)
