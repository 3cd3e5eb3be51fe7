"""MkDocs hooks: the pages and figures that are generated from the library at build time, so they cannot drift.

* ``reference/study_schema.md``: the study format reference, rendered from the pydantic JSON Schema
  (``mcda.StudyModel.model_json_schema()``), with the example of ``docs/study_format.md`` (validated here:
  the build fails if it does not load);
* ``reference/cli.md``: the ``--help`` of ``mcda`` and of every subcommand, from the parser itself;
* ``figures/*.png``: the figures of ``examples/figures.py``, drawn by the library during the build.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = re.compile(r"<!--\s*check:\s*study\s*-->\s*\n```yaml\n(.*?)^```", re.M | re.S)


def _type(spec: dict[str, Any]) -> str:
    if "$ref" in spec:
        name = spec["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "anyOf" in spec:
        return " or ".join(_type(s) for s in spec["anyOf"])
    if "enum" in spec:
        return " \\| ".join(f"`{v}`" for v in spec["enum"])
    if "const" in spec:
        return f"`{spec['const']}`"
    kind = spec.get("type", "any")
    if kind == "array":
        if "prefixItems" in spec:
            return "[" + ", ".join(_type(s) for s in spec["prefixItems"]) + "]"
        return f"list of {_type(spec.get('items', {}))}"
    if kind == "object" and isinstance(spec.get("additionalProperties"), dict):
        return f"mapping to {_type(spec['additionalProperties'])}"
    return f"`{kind}`"


def _limits(spec: dict[str, Any]) -> str:
    keys = ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum", "minItems", "maxItems", "maxLength",
            "pattern")
    return "; ".join(f"{k} `{spec[k]}`" for k in keys if k in spec)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _model_table(name: str, schema: dict[str, Any]) -> list[str]:
    doc = (schema.get("description") or "").split("\n\nExamples")[0].strip()
    lines = [f"## {name}", "", _cell(doc.split("\n\n")[0]) if doc else "", ""]
    props = schema.get("properties", {})
    if not props:
        return [*lines, f"Type: {_type(schema)}.", ""]
    lines += ["| key | type | required | default | constraints |", "|---|---|---|---|---|"]
    required = set(schema.get("required", []))
    for key, spec in props.items():
        default = "" if "default" not in spec else f"`{json.dumps(spec['default'])}`"
        lines.append(f"| `{key}` | {_type(spec)} | {'yes' if key in required else ''} | {default} | "
                     f"{_cell(_limits(spec))} |")
    if schema.get("additionalProperties") is False:
        lines += ["", "Unknown keys are errors."]
    return [*lines, ""]


def study_schema_page() -> str:
    import mcda

    guide = (ROOT / "docs" / "study_format.md").read_text(encoding="utf-8")
    found = EXAMPLE.search(guide)
    if found is None:
        raise RuntimeError("docs/study_format.md has no example marked <!-- check: study -->")
    example = found[1]
    mcda.loads_study(example, file="docs/study_format.md")  # the build fails if the example does not validate
    schema = mcda.StudyModel.model_json_schema()
    lines = ["# Study format reference", "",
             "Generated at build time from the pydantic models (`mcda.StudyModel.model_json_schema()`); "
             "`mcda schema` prints the same JSON Schema. The rules that a schema cannot express (references, "
             "one evidence item or `missing:` entry per cell, weights per node) are in the "
             "[study format guide](../study_format.md).", "",
             "## Example", "", "This example is loaded and validated by every build:", "", "```yaml",
             example.rstrip("\n"), "```", ""]
    lines += _model_table("StudyModel", schema)
    for name, sub in sorted(schema.get("$defs", {}).items()):
        lines += _model_table(name, sub)
    return "\n".join(lines) + "\n"


def cli_page() -> str:
    from mcda import cli

    parser = cli._parser()
    lines = ["# Command-line reference", "",
             "Generated at build time from the parser of `mcda` (`python -m mcda --help` and "
             "`python -m mcda COMMAND --help` print the same). What the commands are for, and the exit codes, are "
             "in [Reports, explorer and CLI](../cli.md).", "", "## mcda", "", "```text",
             parser.format_help().rstrip(), "```", ""]
    for action in parser._subparsers._group_actions if parser._subparsers else []:
        for name, sub in getattr(action, "choices", {}).items():
            lines += [f"## mcda {name}", "", "```text", sub.format_help().rstrip(), "```", ""]
    return "\n".join(lines) + "\n"


def figures() -> dict[str, bytes]:
    with tempfile.TemporaryDirectory(prefix="mcda-docs-") as tmp:
        env = {**os.environ, "MPLBACKEND": "Agg"}
        subprocess.run([sys.executable, str(ROOT / "examples" / "figures.py"), tmp], check=True, cwd=str(ROOT),
                       env=env, capture_output=True, timeout=900)
        return {p.name: p.read_bytes() for p in sorted(Path(tmp).glob("*.png"))}


def on_files(files: Files, config: Any) -> Files:
    files.append(File.generated(config, "reference/study_schema.md", content=study_schema_page()))
    files.append(File.generated(config, "reference/cli.md", content=cli_page()))
    for name, data in figures().items():
        files.append(File.generated(config, f"figures/{name}", content=data))
    return files


OPTIONAL_PAGES = (("scale_out.md", "Scale-out"), ("performance.md", "Performance"))


def on_config(config: Any) -> Any:
    """Put the scale-out and performance pages in the navigation when they exist (before Reliability)."""
    nav = config["nav"]
    listed = json.dumps(nav)
    at = next((k for k, item in enumerate(nav) if isinstance(item, dict) and "Reliability" in item), len(nav))
    for name, title in reversed(OPTIONAL_PAGES):
        if (Path(config["docs_dir"]) / name).is_file() and f'"{name}"' not in listed:
            nav.insert(at, {title: name})
    return config
