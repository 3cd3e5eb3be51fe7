"""Safe YAML reading that remembers where every value came from.

PyYAML's safe loader is used to *compose* the document into nodes; this module
then builds plain Python objects itself, so that it can

* record the line of every mapping key and sequence item (``path -> line``),
* reject duplicate keys (plain YAML silently keeps the last one),
* bound the work: file size, nesting depth and alias expansion are limited
  (a "billion laughs" alias bomb stops at :data:`MAX_NODES`),
* read numbers the way a person reads them (:mod:`mcda.io.yaml_scalars`): ``7e12``
  is a number, ``010``, ``1:30``, ``1_000`` and ``3,100`` are refused with advice,
* report every scalar that cannot be read (``!!int abc``, ``2026-02-30``, a
  400-digit integer) as a located problem instead of an exception,
* apply merge keys (``<<: *base``) with explicit keys overriding merged ones,
* normalise every string to Unicode NFC.

Only the safe tags are constructed; ``!!python/...`` tags are errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from mcda.errors import Problem, StudyValidationError
from mcda.io import yaml_scalars as scalars

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "YamlDocument", "parse_yaml"]

MAX_BYTES = 20_000_000
MAX_DEPTH = 64
MAX_NODES = 500_000

Path = tuple[str | int, ...]


class _Loader(yaml.SafeLoader):
    """Safe loader whose numbers follow :mod:`mcda.io.yaml_scalars` (YAML 1.2 floats, no octal)."""


_Loader.yaml_implicit_resolvers = scalars.resolvers(yaml.SafeLoader.yaml_implicit_resolvers)


_CSafeLoader: Any = getattr(yaml, "CSafeLoader", None)  # libyaml's parser, when PyYAML was built with it

if _CSafeLoader is not None:

    class _CLoader(_CSafeLoader):  # type: ignore[misc]
        """:class:`_Loader` with libyaml doing the scanning and parsing (same resolvers, same nodes).

        Any error it meets is reported by re-reading the text with :class:`_Loader`, so
        messages do not depend on whether libyaml is installed.
        """

        yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


@dataclass
class YamlDocument:
    """A parsed document: the data and the 1-based line of every path in it."""

    data: Any
    lines: dict[Path, int] = field(default_factory=dict)
    file: str | None = None

    def line_of(self, path: Path) -> int | None:
        """Line of the longest prefix of ``path`` that has one."""
        for k in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:k]))
            if line is not None:
                return line
        return None


_PLAIN_TAGS = {"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}


class _Builder:
    def __init__(self, loader: _Loader, file: str | None) -> None:
        self.loader = loader
        self.file = file
        self.lines: dict[Path, int] = {}
        self.problems: list[Problem] = []
        self.count = 0

    def fail(self, node: Node, path: Path, message: str) -> None:
        from mcda.model.checks import format_path

        self.problems.append(Problem(format_path(path), message, self.file, node.start_mark.line + 1))

    def build(self, node: Node, path: Path, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig(node, f"document expands to more than {MAX_NODES:,} nodes "
                          "(alias expansion limit; is this an alias bomb?)")
        if depth > MAX_DEPTH:
            raise _TooBig(node, f"nesting deeper than {MAX_DEPTH} levels (recursive alias or "
                          "runaway nesting)")
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, ScalarNode):
            return self.scalar(node, path)
        if node.tag not in _PLAIN_TAGS:
            raise _TooBig(node, f"unsupported YAML tag {node.tag!r}; study files use plain "
                          "mappings, lists and scalars only")
        if isinstance(node, SequenceNode):
            return [self.build(child, (*path, i), depth + 1) for i, child in enumerate(node.value)]
        if isinstance(node, MappingNode):
            return self.build_mapping(node, path, depth)
        raise _TooBig(node, f"unsupported YAML node {type(node).__name__}")

    def scalar(self, node: ScalarNode, path: Path) -> Any:
        """The value of a scalar, or None after recording why it cannot be read."""
        text, tag = node.value, node.tag
        if tag == scalars.SUSPECT_TAG:
            self.fail(node, path, scalars.number_advice(text))
            return None
        if tag in (scalars.INT_TAG, scalars.FLOAT_TAG):
            value = (scalars.parse_int if tag == scalars.INT_TAG else scalars.parse_float)(text)
            if isinstance(value, str):
                self.fail(node, path, value)
                return None
            return value
        if tag == _NULL_TAG and text not in ("", "~", "null", "Null", "NULL"):
            self.fail(node, path, _unreadable(text, tag, ValueError()))  # PyYAML would drop the text silently
            return None
        try:
            out = self.loader.construct_object(node)
        except Exception as exc:  # a bad explicit tag's content: !!bool maybe, !!timestamp x, 2026-02-30
            self.fail(node, path, _unreadable(text, tag, exc))
            return None
        return scalars.nfc(out) if isinstance(out, str) else out

    def build_mapping(self, node: MappingNode, path: Path, depth: int) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for source in self.merge_sources(node, path, depth):
            for key, value in source.items():
                out.setdefault(key, value)  # the first merged mapping wins, as YAML specifies
        pairs = [(k, v) for k, v in node.value if k.tag != _MERGE_TAG]
        skip = self.comma_numbers(pairs, path)
        seen: set[Any] = set()
        for i, (key_node, value_node) in enumerate(pairs):
            if i in skip:
                continue
            if not isinstance(key_node, ScalarNode):
                self.fail(key_node, path, "mapping keys must be plain scalars")
                continue
            key = self.scalar(key_node, path)
            if not isinstance(key, str):
                self.fail(key_node, path, f"mapping key {key!r} must be a string; quote it "
                          f"(YAML read it as {type(key).__name__})")
                key = str(key)
            key_path = (*path, key)
            if key in seen:
                self.fail(key_node, key_path, f"duplicate key {key!r} (first at line "
                          f"{self.lines.get(key_path)}); YAML would silently keep only the last")
                continue
            seen.add(key)
            self.lines[key_path] = key_node.start_mark.line + 1
            out[key] = self.build(value_node, key_path, depth + 1)  # explicit keys override merged ones
        return out

    def merge_sources(self, node: MappingNode, path: Path, depth: int) -> list[dict[Any, Any]]:
        """The mappings named by ``<<`` keys, in precedence order."""
        out: list[dict[Any, Any]] = []
        for key_node, value_node in node.value:
            if key_node.tag != _MERGE_TAG:
                continue
            items = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
            for item in items:
                if isinstance(item, MappingNode) and item.tag in _PLAIN_TAGS:
                    out.append(self.build_mapping(item, path, depth + 1))
                else:
                    self.fail(key_node, path, "a merge key '<<' takes a mapping (e.g. *base) or a list of mappings")
        return out

    def comma_numbers(self, pairs: list[tuple[Node, Node]], path: Path) -> set[int]:
        """Find ``{value: 3,100}``: flow-mapping keys that are really the digits after a separator comma."""
        skip: set[int] = set()
        i = 1
        while i < len(pairs):
            prev_key, prev_value = pairs[i - 1]
            if not (_is_number_scalar(prev_value) and self.comma_digits(prev_value, pairs[i])):
                i += 1
                continue
            j, literal = i, prev_value.value
            while j < len(pairs) and self.comma_digits(pairs[j - 1][0] if j > i else prev_value, pairs[j]):
                literal += "," + pairs[j][0].value
                skip.add(j)
                j += 1
            key = prev_key.value if isinstance(prev_key, ScalarNode) else "?"
            self.fail(prev_value, (*path, key), scalars.number_advice(literal)
                      + " (in a {...} mapping the comma separates keys)")
            i = j + 1
        return skip

    def comma_digits(self, before: Node, pair: tuple[Node, Node]) -> bool:
        """True when ``pair`` is a digits-only key with no value, written right after ``before`` and a comma."""
        key, value = pair
        buffer = key.start_mark.buffer
        return (buffer is not None and isinstance(key, ScalarNode) and key.style is None
                and _DIGITS.match(key.value) is not None
                and isinstance(value, ScalarNode) and value.value == "" and value.tag == _NULL_TAG
                and buffer[before.end_mark.pointer:key.start_mark.pointer] == ",")


_MERGE_TAG = "tag:yaml.org,2002:merge"
_NULL_TAG = "tag:yaml.org,2002:null"
_DIGITS = re.compile(r"^[0-9]+(?:\.[0-9]*)?$")


def _is_number_scalar(node: Node) -> bool:
    return (isinstance(node, ScalarNode) and node.style is None
            and node.tag in (scalars.INT_TAG, scalars.FLOAT_TAG, scalars.SUSPECT_TAG))


def _unreadable(text: str, tag: str, exc: Exception) -> str:
    short = tag.replace("tag:yaml.org,2002:", "!!")
    if short == "!!timestamp":
        reason = f" ({exc})" if isinstance(exc, ValueError) and str(exc) else ""
        return f"{text!r} is not a valid date{reason}; write a real date as YYYY-MM-DD, e.g. 2026-02-28"
    if short == "!!bool":
        return f"{text!r} is not a boolean; write true or false"
    if short == "!!null":
        return f"{text!r} is not null; write null or leave the value empty"
    return f"cannot read {text!r} as {short}; remove the tag or give a value of that type"


class _TooBig(Exception):
    def __init__(self, node: Node, message: str) -> None:
        super().__init__(message)
        self.node = node


def parse_yaml(text: str | bytes, file: str | None = None) -> YamlDocument:
    """Parse one YAML document safely, with line numbers and duplicate-key detection.

    Raises
    ------
    StudyValidationError
        For syntax errors, duplicate keys, unsafe tags or documents over the limits,
        each located by file and line.

    Examples
    --------
    >>> doc = parse_yaml("a:\\n  b: 7e12\\n")
    >>> doc.data, doc.lines[("a", "b")]
    ({'a': {'b': 7000000000000.0}}, 2)
    """
    size = len(text)
    if size > MAX_BYTES:
        raise StudyValidationError([Problem("", f"file is {size:,} bytes; the limit is {MAX_BYTES:,}", file)], file)
    fast = _parse_fast(text, file)
    if fast is not None:
        return fast
    try:
        loader = _Loader(text)
    except yaml.YAMLError as exc:  # e.g. a control character the reader refuses
        raise StudyValidationError([Problem("", f"YAML error: {exc}", file)], file) from None
    builder = _Builder(loader, file)
    try:
        root = loader.get_single_node()
        if root is None:
            raise StudyValidationError([Problem("", "the document is empty", file, 1)], file)
        data = builder.build(root, (), 0)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        text_ = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        raise StudyValidationError([Problem("", f"YAML error: {text_}", file, line)], file) from None
    except yaml.YAMLError as exc:
        raise StudyValidationError([Problem("", f"YAML error: {exc}", file)], file) from None
    except _TooBig as exc:
        raise StudyValidationError([Problem("", str(exc), file, exc.node.start_mark.line + 1)], file) from None
    except RecursionError:
        raise StudyValidationError([Problem("", "document nests too deeply", file)], file) from None
    finally:
        loader.dispose()
    if builder.problems:
        raise StudyValidationError(builder.problems, file)
    return YamlDocument(data, builder.lines, file)


def _parse_fast(text: str | bytes, file: str | None) -> YamlDocument | None:
    """:func:`parse_yaml` with libyaml; ``None`` (read again, in Python) on any error or when unavailable.

    The same builder runs on the nodes, so duplicate keys, tags, limits and
    lines are checked exactly as on the Python path; only a document without
    problems is returned from here.
    """
    if _CSafeLoader is None:
        return None
    try:
        loader = _CLoader(text)
    except Exception:  # whatever libyaml dislikes is reported by the Python reader
        return None
    builder = _Builder(loader, file)
    try:
        root = loader.get_single_node()
        data = None if root is None else builder.build(root, (), 0)
    except Exception:  # syntax errors, limits, recursion: the Python path says where
        return None
    finally:
        loader.dispose()
    if root is None or builder.problems:
        return None
    return YamlDocument(data, builder.lines, file)
