"""The study report (HTML and Markdown): sections, charts, escaping, self-containment, atomic writing."""

from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest

import mcda
from mcda.io import loads_study
from mcda.report import SECTIONS, ReportOptions, build_report, collect, gap_contributions, write_report

FAST = ReportOptions(n_samples=2000)

HOSTILE = """
  - {id: evil, title: "Evil <b>site</b>", url: "javascript:alert(1)", kind: other}
  - {id: good, title: "Good & plain", url: "https://example.org/a?b=1&c=2", kind: report}
"""


VOID = {"meta", "br", "input", "img", "hr", "link", "col", "area", "base", "wbr", "source"}


class _Collect(HTMLParser):
    """Every tag with its attributes, the text of <script> elements, and unbalanced end tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.text: list[str] = []
        self.open: list[str] = []
        self.unbalanced: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.open.append(tag)
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open.pop() != tag:
            self.unbalanced.append(f"</{tag}> at {self.getpos()}")
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


def _parse(html: str) -> _Collect:
    p = _Collect()
    p.feed(html)
    p.close()
    return p


@pytest.fixture(scope="module")
def laptops_html() -> str:
    return build_report(mcda.load_study(Path(__file__).parent / "data" / "laptops.yaml"), "html", FAST)


@pytest.fixture(scope="module")
def hostile_study() -> mcda.Study:
    text = (Path(__file__).parent / "data" / "laptops.yaml").read_text(encoding="utf-8")
    text = text.replace("sources:\n", "sources:" + HOSTILE, 1)
    text = text.replace('quote: "solid"', 'quote: "</script><script>alert(1)</script> & <img src=x> | a|b\\nnext line"')
    text = text.replace("{id: alpha, name: Alpha 14}", '{id: alpha, name: "Alpha <i>14</i>"}')
    text = text.replace("sources: [review], confidence: 0.9}", "sources: [review, evil, good], confidence: 0.9}", 1)
    return loads_study(text)


def test_every_section_and_chart_is_present(laptops_html: str) -> None:
    p = _parse(laptops_html)
    assert not p.unbalanced and not p.open, (p.unbalanced[:3], p.open[-3:])
    ids = {a.get("id") for _, a in p.tags}
    assert set(SECTIONS) <= ids
    charts = {a.get("data-chart") for t, a in p.tags if t == "figure"}
    assert {"contributions", "tornado", "sweep", "method-agreement", "acceptability"} <= charts
    for _, a in p.tags:  # every chart is an accessible image with a title
        if a.get("role") == "img":
            assert a.get("aria-label")
    text = " ".join(p.text)
    for heading in SECTIONS.values():
        assert heading in text
    assert "Alpha 14" in text and "Price" in text  # names, not only ids


def test_no_external_requests(laptops_html: str, hostile_study: mcda.Study) -> None:
    html = build_report(hostile_study, "html", FAST)
    for doc, allowed in ((laptops_html, set()), (html, {"https://example.org/a?b=1&c=2"})):
        p = _parse(doc)
        for tag, attrs in p.tags:
            for key in ("src", "href", "action", "xlink:href", "data", "poster", "srcset"):
                value = attrs.get(key)
                if value is None:
                    continue
                assert value.startswith("#") or value in allowed, (tag, key, value)
                if value in allowed:
                    assert tag == "a" and attrs.get("class") == "source"
        assert "url(" not in doc and "@import" not in doc
        assert not re.search(r"<link\b", doc)


def test_untrusted_text_is_escaped(hostile_study: mcda.Study) -> None:
    html = build_report(hostile_study, "html", FAST)
    p = _parse(html)
    assert len(p.scripts) == 2  # the data and the explorer, nothing injected
    assert not any(t == "img" for t, _ in p.tags)
    assert not any(t == "i" for t, _ in p.tags)
    assert "javascript:" not in html.replace("JavaScript", "")
    assert "Evil &lt;b&gt;site&lt;/b&gt;" in html
    text = " ".join(p.text)
    assert "</script><script>alert(1)</script> & <img src=x>" in text
    data = json.loads(p.scripts[0])  # the embedded JSON survives </script> in names and quotes
    assert data["alternatives"][0]["name"] == "Alpha <i>14</i>"


def test_markdown_has_the_same_sections_and_numbers(laptops_path: Path) -> None:
    study = mcda.load_study(laptops_path)
    md = build_report(study, "md", FAST)
    for heading in SECTIONS.values():
        assert f"## {heading}" in md
    score = study.score("balanced", "topsis").scores["gamma"]
    assert f"{score:.4f}" in md
    assert hashlib.sha256(laptops_path.read_bytes()).hexdigest() in md


def test_verdict_status_is_computed_per_method(laptops_path: Path) -> None:
    study = mcda.load_study(laptops_path)
    data = collect(study, FAST)
    for vid, rows in study.check_verdicts(robustness=False).groupby("id"):
        holds = set(rows["holds"])
        expected = ("holds under all methods" if holds == {True} else
                    "fails under all methods" if holds == {False} else "method-dependent")
        assert data.status[vid] == expected


def test_contributions_sum_to_the_gap(laptops_path: Path) -> None:
    study = mcda.load_study(laptops_path)
    for p in study.profiles:
        for m in ("wsm", "ahp"):
            gc = gap_contributions(study.score(p, m))
            assert gc is not None and gc.additive
            assert gc.contributions.sum() == pytest.approx(gc.gap, abs=1e-12)
        res = study.score(p, "wpm")
        gc = gap_contributions(res)
        assert gc is not None
        assert gc.contributions.sum() == pytest.approx(np.log(res.scores[gc.leader] / res.scores[gc.runner_up]))


def test_tornado_and_sweep_labels_are_the_leaders_on_each_side(seed_path: Path) -> None:
    study = mcda.load_study(seed_path)
    data = collect(study, ReportOptions(n_samples=500))
    below_seen = False
    for ch in data.charts:
        if ch.sweep is None:
            continue
        wide = ch.sweep.pivot(index="weight", columns="alternative", values="score")
        t0 = next((t.now for t in ch.tornado if t.node == ch.sweep_node), None)
        for t, left, right in ch.tips:
            below_seen |= t0 is not None and t < t0
            lo, hi = wide[wide.index < t - 1e-6], wide[wide.index > t + 1e-6]
            if len(lo):
                assert lo.iloc[-1].idxmax() == left
            if len(hi):
                assert hi.iloc[0].idxmax() == right
        for row in ch.tornado:  # flips are where the verdict's claim really changes
            assert row.low <= row.now <= row.high
    assert below_seen  # the seed study has a tipping point below a current weight


def test_written_atomically(tmp_path: Path, laptops_path: Path) -> None:
    study = mcda.load_study(laptops_path)
    target = tmp_path / "r.md"
    write_report(study, target, options=FAST)
    assert target.read_text(encoding="utf-8").startswith("# Choosing a laptop")
    with pytest.raises(mcda.errors.UnknownNameError):
        write_report(study, tmp_path / "x.html", options=ReportOptions(method="nope"))
    assert not (tmp_path / "x.html").exists()
    with pytest.raises(OSError):
        write_report(study, tmp_path / "missing" / "r.html", options=FAST)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.md"]


def test_float_noise_is_rounded_in_displays() -> None:
    from mcda.report._svg import num

    assert num(5.55e-17) == "0" and num(-5.55e-17) == "0"
    assert num(0.1234567) == "0.123" and num(0.0004) == "0.0004"


def test_report_needs_no_matplotlib(laptops_path: Path) -> None:
    import subprocess
    import sys

    code = ("import sys; sys.modules['matplotlib'] = None\n"
            "import mcda, mcda.report as r\n"
            f"html = r.build_report(mcda.load_study({str(laptops_path)!r}), 'html', r.ReportOptions(n_samples=300))\n"
            "assert 'data-chart=\"tornado\"' in html\n"
            "assert sys.modules['matplotlib'] is None and 'matplotlib.pyplot' not in sys.modules\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr


def test_markdown_tables_survive_untrusted_text(hostile_study: mcda.Study) -> None:
    md = build_report(hostile_study, "md", FAST)
    assert "<script>" not in md and "<img" not in md
    assert "javascript:" not in md  # the unsafe link stays plain text
    assert "[Good & plain](https://example.org/a?b=1&c=2)" in md
    cells = None
    for line in md.splitlines():  # every row of every table has as many cells as its header
        if not line.startswith("|"):
            cells = None
            continue
        n = len(re.findall(r"(?<!\\)\|", line))
        if cells is None:
            cells = n
        assert n == cells, line
