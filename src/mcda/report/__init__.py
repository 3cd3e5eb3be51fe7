"""The study report: one self-contained HTML file (or Markdown) a person can read, print and send.

Sections: verdicts (status across methods, margin, nearest tipping weight,
minimum weight change, P(holds)), scores and ranks per profile and method with a
method-agreement view, the criteria tree with local and global weights, why the
leader leads, what would flip each verdict, how sure (SMAA-2), an in-browser
weight explorer, the evidence behind every cell, and a reproducibility stamp.

Examples
--------
>>> import mcda, mcda.report
>>> study = mcda.load_study("criteria/hunyuan_vs_stepfun.yaml")  # doctest: +SKIP
>>> mcda.report.write_report(study, "report.html")  # doctest: +SKIP
"""

from __future__ import annotations

import os
from typing import Literal

from mcda._progress import progress_steps, wanted
from mcda.errors import UnknownNameError
from mcda.io.digest import sha256_file
from mcda.io.writer import atomic_write
from mcda.report._collect import ReportData, ReportOptions, collect, gap_contributions
from mcda.report._html import SECTIONS, render_html
from mcda.report._markdown import render_markdown
from mcda.study import Study

__all__ = ["SECTIONS", "ReportData", "ReportOptions", "build_report", "collect", "gap_contributions",
           "render_html", "render_markdown", "write_report"]

FORMATS = ("html", "md")


def build_report(study: Study, format: Literal["html", "md"] = "html", options: ReportOptions | None = None,
                 progress: bool | None = None) -> str:
    """The report as text (HTML or Markdown).

    Parameters
    ----------
    study:
        The study; when it was loaded from a file, the file's sha256 goes into the stamp.
    format:
        ``"html"`` (self-contained, with the weight explorer) or ``"md"``.
    options:
        :class:`ReportOptions`: methods, samples, seed, evidence model.
    progress:
        Show a progress bar (tqdm, when installed) on stderr; default: only when stderr is a terminal.
    """
    if format not in FORMATS:
        raise UnknownNameError(f"report format must be one of {', '.join(FORMATS)}; got {format!r}")
    digest = sha256_file(study.path) if study.path and os.path.isfile(study.path) else None
    show = wanted(progress)
    with progress_steps(["verdicts", "scores", "what would flip it", "SMAA-2"], show) as step:
        data = collect(study, options, digest, step)
    return render_html(data) if format == "html" else render_markdown(data)


def write_report(study: Study, path: str | os.PathLike[str], format: Literal["html", "md"] | None = None,
                 options: ReportOptions | None = None, progress: bool | None = None) -> None:
    """Write the report atomically (nothing is written on error); the format follows the file
    name (``.md`` for Markdown, HTML otherwise) unless given."""
    fmt: Literal["html", "md"] = format or ("md" if os.fspath(path).lower().endswith(".md") else "html")
    atomic_write(path, build_report(study, fmt, options, progress))

