"""The study report as one self-contained HTML file (inline CSS, SVG and script; no external requests).

Every section is readable with JavaScript off and printable; the weight explorer
(:mod:`mcda.report._explorer`) adds itself when scripts run. Every string that
comes from the study (names, statements, quotes, notes) is HTML-escaped.
"""

from __future__ import annotations

from html import escape
from importlib import resources
from urllib.parse import urlparse

from mcda.model import Criterion
from mcda.report._collect import ReportData, evidence_rows, leaf_scale
from mcda.report._explorer import explorer_html
from mcda.report._svg import (
    Marker,
    TornadoRow,
    bump_chart,
    diverging_bars,
    line_chart,
    num,
    stacked_bars,
    tornado_chart,
)
from mcda.results import ScoreResult
from mcda.value_functions import describe

__all__ = ["SECTIONS", "render_html"]

#: Section ids and headings, in order.
SECTIONS = {
    "verdicts": "Verdicts",
    "scores": "Scores and ranks",
    "weights": "Criteria and weights",
    "why": "Why the leader leads",
    "flip": "What would flip it",
    "sure": "How sure",
    "explorer": "Weight explorer",
    "evidence": "The evidence",
    "stamp": "Reproducibility",
}

BAR_LIMIT = 14  # most criteria drawn in a contribution chart; the rest are summed


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _table(headers: list[str], rows: list[list[str]], cls: str = "") -> str:
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = "".join("<tr>" + "".join(c if c.startswith("<td") else f"<td>{c}</td>" for c in r) + "</tr>"
                   for r in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _safe_url(url: str | None) -> str | None:
    """Only http(s) links are made clickable (a ``javascript:`` URL in a study stays text)."""
    if not url:
        return None
    return url if urlparse(url).scheme in ("http", "https") else None


def _status_class(status: str) -> str:
    return {"holds under all methods": "ok", "fails under all methods": "bad"}.get(status, "mixed")


# ----------------------------------------------------------------------------- sections


def _verdicts(d: ReportData) -> str:
    rows = []
    records = d.verdict_rows()
    for vid in dict.fromkeys(r.id for r in records):
        grp = [r for r in records if r.id == vid]
        status = d.status[vid]
        for k, r in enumerate(grp):
            cells = []
            if k == 0:
                n = len(grp)
                cells += [f'<td rowspan="{n}" class="vcell"><b>{_e(vid)}</b><br>'
                          f'<span class="small">{_e(r.statement)}</span></td>',
                          f'<td rowspan="{n}" class="pcell">{_e(r.profile)}<br><span class="small">scope: '
                          f"{_e(d.name(str(r.scope)))}</span></td>",
                          f'<td rowspan="{n}" class="status {_status_class(status)}">{_e(status)}</td>']
            tip = (f"{_e(d.name(str(r.tip_node)))}: {num(r.tip_weight_now)} → {num(r.tip_weight)} "
                   f"({_e(d.name(str(r.tip_leader)))} leads)" if isinstance(r.tip_node, str) else "no tipping weight")
            mc = (f"L1 {num(r.min_l1)} → {_e(d.name(str(r.min_l1_leader)))} leads"
                  f"{'' if r.min_l1_exact else ' (upper bound)'}" if r.flippable else "no weights flip it")
            ok = "as expected" if r.as_expected else "NOT as expected"
            cells += [_e(r.method), f'<span class="{"ok" if r.holds else "bad"}">'
                      f'{"holds" if r.holds else "fails"}</span> <span class="small">({_e(ok)})</span>',
                      f'<td class="nowrap">{num(r.margin, 4)}</td>', f'<td class="tip">{tip}</td>',
                      f'<td class="mc">{mc}</td>', f'<td class="nowrap">{num(r.p_holds)} ± {num(r.p_holds_se)}</td>']
            rows.append(cells)
    table = _table(["verdict", "profile", "status across methods", "method", "outcome", "margin",
                    "nearest tipping weight", "minimum weight change", "P(holds) ± SE"], rows, "verdicts")
    return ('<div class="wide">' + table + "</div>"
            '<p class="small">Margin: the smallest score gap the claim rests on (positive = holds). '
            "Nearest tipping weight: the sweep of one node's local weight (siblings keeping their ratios) "
            "whose flip is nearest in L1. Minimum weight change: the smallest L1 change of all leaf weights "
            f"that overturns the verdict. P(holds): Dirichlet around the profile (concentration "
            f"{d.options.concentration:g}), evidence model {_e(d.options.evidence)}, "
            f"{d.options.n_samples} samples, seed {d.options.seed}.</p>")


def _scores(d: ReportData) -> str:
    out = []
    alts = d.study.alternatives
    grid = []
    for p, per in d.scores.items():
        leaders = [f'<td class="lead-{alts.index(r.leader) % 8}">{_e(d.name(r.leader))}</td>'
                   if isinstance(r, ScoreResult) else '<td class="small">n/a</td>' for r in per.values()]
        grid.append([_e(p), *leaders])
    out.append("<h3>Leader under each profile and method</h3>")
    out.append('<div class="wide">' + _table(["profile", *(_e(m) for m in d.methods)], grid, "agreement") + "</div>")
    for p, per in d.scores.items():
        out.append(f"<h3>Profile {_e(p)}</h3>")
        rows = []
        for a in alts:
            cells = [_e(d.name(a))]
            for r in per.values():
                cells.append(f"{num(float(r.scores[a]), 4)} (#{int(r.ranks[a])})" if isinstance(r, ScoreResult)
                             else '<span class="small">n/a</span>')
            rows.append(cells)
        heads = [f"{_e(m)}{'' if not isinstance(r, ScoreResult) or r.higher_is_better else ' (lower is better)'}"
                 for m, r in per.items()]
        out.append(_table(["alternative", *heads], rows, "scores"))
        notes = [f"{_e(m)}: {_e(r)}" for m, r in per.items() if not isinstance(r, ScoreResult)]
        if notes:
            out.append('<p class="small">' + "<br>".join(notes) + "</p>")
        ok = [(m, r) for m, r in per.items() if isinstance(r, ScoreResult)]
        ranks: dict[str, list[float | None]] = {d.name(a): [float(r.ranks[a]) for _, r in ok] for a in alts}
        out.append(bump_chart(f"Ranks across methods, profile {p}", [m for m, _ in ok], ranks,
                              "Each line follows one alternative's rank from method to method; crossing lines "
                              "are methods that disagree."))
    return "".join(out)


def _tree_rows(node: Criterion, d: ReportData, depth: int, rows: list[list[str]]) -> None:
    cells = [f'<td class="node" style="padding-left:{0.4 + 1.2 * depth:.1f}em">{_e(node.name)} '
             f'<span class="id">{_e(node.id)}</span></td>']
    for ew in d.weights.values():
        parent_local = next((kids[node.id] for kids in ew.local.values() if node.id in kids), None)
        g = ew.global_weights.get(node.id)
        cells.append("–" if parent_local is None else num(parent_local))
        cells.append("excluded" if g is None and node.is_leaf else ("–" if g is None else num(g)))
    rows.append(cells)
    for child in node.children or ():
        _tree_rows(child, d, depth + 1, rows)


def _weights(d: ReportData) -> str:
    rows: list[list[str]] = []
    _tree_rows(d.study.model.criteria, d, 0, rows)
    heads = ["criterion"] + [f"{_e(p)}<br>{kind}" for p in d.weights for kind in ("local", "global")]
    out = ['<div class="wide">' + _table(heads, rows, "tree") + "</div>"]
    if d.ahp_nodes:
        ahp = [[_e(n.profile), _e(d.name(n.node)), f"{n.index} = {num(n.value)} (threshold {num(n.threshold, 2)})",
                '<span class="ok">acceptable</span>' if n.acceptable else '<span class="bad">not acceptable</span>',
                _e(n.worst)] for n in d.ahp_nodes]
        out.append("<h3>Nodes weighted by AHP judgements</h3>")
        out.append(_table(["profile", "node", "consistency", "", "worst judgement"], ahp))
    if d.warnings:
        out.append('<ul class="warn">' + "".join(f"<li>{_e(w)}</li>" for w in d.warnings) + "</ul>")
    return "".join(out)


def _why(d: ReportData) -> str:
    out = []
    for p, gc in d.contributions.items():
        if gc is None:
            continue
        s = gc.contributions
        top = gc.largest(BAR_LIMIT)
        labels, values = [d.name(c) for c in top], [float(s[c]) for c in top]
        rest = s.drop(top)
        if len(rest):
            labels.append(f"{len(rest)} other criteria")
            values.append(float(rest.sum()))
        total = f"sum {num(float(s.sum()), 4)}; score gap {num(gc.gap, 4)}"
        caption = (f"{gc.measure}; positive bars favour {d.name(gc.leader)}. "
                   + (f"The bars add up to the gap ({total})." if gc.additive else
                      f"{gc.method.upper()} is not additive: the bars show where the leader is ahead "
                      f"after weighting, not an exact split of the gap ({total})."))
        out.append(diverging_bars(f"{d.name(gc.leader)} vs {d.name(gc.runner_up)}, profile {p} ({gc.method})",
                                  labels, values, gc.measure, d.name(gc.leader), d.name(gc.runner_up), caption))
    return "".join(out)


def _flip(d: ReportData) -> str:
    out = []
    for ch in d.charts:
        out.append(f"<h3>{_e(ch.verdict)} <span class='small'>(profile {_e(ch.profile)}, {_e(ch.method)}, "
                   f"scope {_e(d.name(ch.scope))})</span></h3>")
        if ch.tornado:
            rows = [TornadoRow(d.name(t.node), t.now, t.low, t.high, t.low_flips, t.high_flips,
                               d.name(t.leader_low), d.name(t.leader_high)) for t in ch.tornado]
            more = f" {ch.hidden} more node(s) flip it farther away or not at all." if ch.hidden else ""
            out.append(tornado_chart(f"How far each weight can move before {ch.verdict} flips", rows,
                                     "Bars: the range of a node's local weight (siblings keeping their ratios) "
                                     "over which the verdict keeps its outcome; red marks: flips, labelled with the "
                                     f"leader beyond.{more}"))
        else:
            out.append('<p class="small">No single node weight flips this verdict.</p>')
        if ch.sweep is not None and ch.sweep_node is not None:
            wide = ch.sweep.pivot(index="weight", columns="alternative", values="score")
            series = {d.name(a): wide[a].tolist() for a in d.study.alternatives if a in wide}
            markers = [Marker(t, d.name(a), d.name(b)) for t, a, b in ch.tips]
            t0 = next((t.now for t in ch.tornado if t.node == ch.sweep_node), None)
            out.append(line_chart(f"Sweep of {d.name(ch.sweep_node)} ({ch.method})", wide.index.tolist(), series,
                                  f"local weight of {d.name(ch.sweep_node)}", f"{ch.method} score", markers, t0,
                                  "Scores while one node's local weight runs from 0 to 1; red lines: the leader "
                                  "changes (leader on the left ◀ | ▶ leader on the right)."))
    return "".join(out)


def _sure(d: ReportData) -> str:
    alts = d.study.alternatives
    rows: list[list[str]] = []
    bars: list[list[float]] = []
    labels: list[str] = []
    for p, df in d.smaa.items():
        acc, acc_se = df["acceptability"].to_numpy(dtype=float), df["acceptability_se"].to_numpy(dtype=float)
        conf = df[("confidence", "value")].to_numpy(dtype=float)
        win = df["winning"].to_numpy(dtype=float) if "winning" in df else None
        for i, a in enumerate(alts):
            bars.append([float(x) for x in acc[i]])
            labels.append(f"{p}: {d.name(a)}")
            beats = (", ".join(f"{d.name(b)} {num(float(win[i, k]))}" for k, b in enumerate(alts) if k != i)
                     if win is not None else "not computed for this many alternatives (Study.smaa(pairwise=True))")
            rows.append([_e(p), _e(d.name(a)), f"{num(float(acc[i, 0]))} ± {num(float(acc_se[i, 0]))}",
                         num(float(conf[i])), _e(beats)])
    ranks = [f"rank {r + 1}" for r in range(len(alts))]
    out = [stacked_bars(f"Rank acceptability per profile ({d.options.method})", labels, ranks, bars,
                        "share of weight samples",
                        f"SMAA-2 with weights drawn from a Dirichlet around each profile (concentration "
                        f"{d.options.concentration:g}), {d.options.n_samples} samples."),
           _table(["profile", "alternative", "P(rank 1) ± SE", "confidence factor", "P(beats ...)"], rows)]
    u = d.smaa_uniform
    out.append("<h3>Central weights (uniform weights over all leaves)</h3>")
    never = (u[("acceptability", "rank_1")].to_numpy(dtype=float) == 0.0).tolist()
    heads = ["criterion"] + [_e(d.name(a)) + (" <span class='bad'>(never ranks first)</span>" if never[i] else "")
                             for i, a in enumerate(alts)]
    cw = u["central_weights"]
    values = cw.to_numpy(dtype=float)
    crow = [[_e(d.name(str(c)))] + ["–" if never[i] else num(float(values[i, j])) for i in range(len(alts))]
            for j, c in enumerate(cw.columns)]
    out.append(_table(heads, crow, "central"))
    out.append('<p class="small">Central weight vector: the average weights under which an alternative ranks '
               "first. An alternative that never ranks first has none; it is listed, marked as such.</p>")
    return "".join(out)


def _value_text(v: object) -> str:
    if isinstance(v, tuple):
        return f"[{num(v[0], 4)}, {num(v[1], 4)}]"
    return num(v, 4) if isinstance(v, float) else str(v)


def _evidence(d: ReportData) -> str:
    out = []
    for leaf in d.study.model.criteria.leaves():
        out.append(f'<h3 id="leaf-{_e(leaf.id)}">{_e(leaf.name)} <span class="id">{_e(leaf.id)}</span></h3>'
                   f'<p class="small">{_e(leaf.direction or "")} · {_e(leaf_scale(leaf))} · value function: '
                   f'{_e(describe(leaf))}</p>')
        rows, last = [], None
        for r in evidence_rows(d.study, leaf):
            first = r.alternative != last
            last = r.alternative
            head = ([_e(d.name(r.alternative)), "–" if r.raw is None else num(r.raw, 4),
                     "–" if r.value is None else num(r.value, 4)] if first else ["", "", ""])
            if r.missing is not None:
                note = f" — {r.missing.note}" if r.missing.note else ""
                rows.append([*head, '<td colspan="4" class="missing">declared missing, policy '
                             f"<b>{_e(r.missing.policy)}</b>{_e(note)}</td>"])
            elif r.item is None:
                rows.append([*head, f'<td colspan="4">{_e(r.origin)}</td>'])
            else:
                links = ", ".join(f'<a class="source" href="{_e(url)}" rel="noopener noreferrer">{_e(title)}</a>'
                                  if (url := _safe_url(u)) else _e(title) for title, u in r.sources)
                it = r.item
                quote = _e(it.quote or "") + (f'<br><span class="small">{_e(it.note)}</span>' if it.note else "")
                rows.append([*head, _e(_value_text(it.value)), links, quote, num(it.confidence, 2)])
        out.append(_table(["alternative", "raw value", "scored value", "evidence value", "sources", "quote",
                           "confidence"], rows, "evidence"))
    return "".join(out)


def _stamp(d: ReportData) -> str:
    rows = [[_e(k), f"<code>{_e(v)}</code>"] for k, v in d.stamp.items()]
    return _table(["setting", "value"], rows, "stamp")


def render_html(d: ReportData) -> str:
    """The whole report as one HTML document."""
    study = d.study
    css = resources.files("mcda.report").joinpath("report.css").read_text(encoding="utf-8")
    parts = {"verdicts": _verdicts(d), "scores": _scores(d), "weights": _weights(d), "why": _why(d),
             "flip": _flip(d), "sure": _sure(d), "explorer": explorer_html(d), "evidence": _evidence(d),
             "stamp": _stamp(d)}
    nav = " · ".join(f'<a href="#{k}">{_e(v)}</a>' for k, v in SECTIONS.items())
    body = "".join(f'<section id="{k}"><h2>{_e(SECTIONS[k])}</h2>{parts[k]}</section>' for k in SECTIONS)
    desc = f"<p class='desc'>{_e(study.model.description)}</p>" if study.model.description else ""
    alts = ", ".join(_e(a.name) for a in study.model.alternatives)
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            "script-src 'unsafe-inline'; img-src data:\">"
            f"<title>{_e(study.title)}</title><style>{css}</style></head><body>"
            f"<header><h1>{_e(study.title)}</h1><p>Alternatives: {alts}. {len(study.leaves)} leaf criteria, "
            f"{len(study.model.evidence)} evidence items, {len(study.profiles)} weight profiles, "
            f"{len(study.model.verdicts)} verdicts.</p>{desc}<nav>{nav}</nav></header>"
            f"<main>{body}</main></body></html>\n")

