"""The study report as Markdown: the same sections and numbers as the HTML, tables instead of charts."""

from __future__ import annotations

from mcda.report._collect import ReportData, evidence_rows, leaf_scale
from mcda.report._html import SECTIONS, _safe_url
from mcda.report._svg import num
from mcda.results import ScoreResult
from mcda.value_functions import describe

__all__ = ["render_markdown"]


def _cell(text: object) -> str:
    """Table-safe text: pipes escaped, line breaks flattened, HTML-like angle brackets neutralised."""
    s = str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")
    return s.replace("<", "&lt;").replace(">", "&gt;")


def _table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(_cell(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_cell(c) for c in r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def _verdicts(d: ReportData) -> str:
    rows = []
    for r in d.verdict_rows():
        tip = (f"{d.name(str(r.tip_node))}: {num(r.tip_weight_now)} → {num(r.tip_weight)} ({d.name(str(r.tip_leader))})"
               if isinstance(r.tip_node, str) else "none")
        mc = f"L1 {num(r.min_l1)} → {d.name(str(r.min_l1_leader))}" if r.flippable else "none"
        rows.append([r.id, d.status[r.id], r.method, "holds" if r.holds else "fails", num(r.margin, 4), tip, mc,
                     f"{num(r.p_holds)} ± {num(r.p_holds_se)}", "yes" if r.as_expected else "NO"])
    return _table(["verdict", "status across methods", "method", "outcome", "margin", "nearest tipping weight",
                   "minimum weight change", "P(holds) ± SE", "as expected"], rows)


def _scores(d: ReportData) -> str:
    out = ["Leader under each profile and method:\n\n"]
    grid = [[p, *(d.name(r.leader) if isinstance(r, ScoreResult) else "n/a" for r in per.values())]
            for p, per in d.scores.items()]
    out.append(_table(["profile", *d.methods], grid))
    for p, per in d.scores.items():
        out.append(f"\n### Profile {p}\n\n")
        rows = [[d.name(a), *(f"{num(float(r.scores[a]), 4)} (#{int(r.ranks[a])})" if isinstance(r, ScoreResult)
                              else "n/a" for r in per.values())] for a in d.study.alternatives]
        out.append(_table(["alternative", *per], rows))
    return "".join(out)


def _weights(d: ReportData) -> str:
    rows = []
    for node in d.study.model.criteria.walk():
        row = [node.name + f" ({node.id})"]
        for ew in d.weights.values():
            loc = next((kids[node.id] for kids in ew.local.values() if node.id in kids), None)
            g = ew.global_weights.get(node.id)
            row += ["–" if loc is None else num(loc), "–" if g is None else num(g)]
        rows.append(row)
    out = _table(["criterion"] + [f"{p} {k}" for p in d.weights for k in ("local", "global")], rows)
    if d.ahp_nodes:
        out += "\nNodes weighted by AHP judgements:\n\n" + _table(
            ["profile", "node", "consistency", "acceptable", "worst judgement"],
            [[n.profile, d.name(n.node), f"{n.index} = {num(n.value)}", "yes" if n.acceptable else "no", n.worst]
             for n in d.ahp_nodes])
    return out + "".join(f"\n- warning: {_cell(w)}" for w in d.warnings)


def _why(d: ReportData) -> str:
    out = []
    for p, gc in d.contributions.items():
        if gc is None:
            continue
        s = gc.contributions
        top = gc.largest(10)
        out.append(f"\n### {d.name(gc.leader)} vs {d.name(gc.runner_up)}, profile {p} ({gc.method})\n\n"
                   f"{gc.measure}; positive favours {d.name(gc.leader)}; score gap {num(gc.gap, 4)}"
                   f"{'' if gc.additive else ' (not additive)'}.\n\n")
        out.append(_table(["criterion", "contribution"], [[d.name(c), num(float(s[c]), 4)] for c in top]))
    return "".join(out)


def _flip(d: ReportData) -> str:
    out = []
    for ch in d.charts:
        out.append(f"\n### {ch.verdict} (profile {ch.profile}, {ch.method}, scope {d.name(ch.scope)})\n\n")
        rows = [[d.name(t.node), num(t.now), f"{num(t.low)} → {d.name(t.leader_low)}" if t.low_flips else "no flip",
                 f"{num(t.high)} → {d.name(t.leader_high)}" if t.high_flips else "no flip"] for t in ch.tornado]
        out.append(_table(["node", "local weight now", "flips below at", "flips above at"], rows) if rows
                   else "No single node weight flips this verdict.\n")
        if ch.tips:
            out.append(f"\nLeader changes along {d.name(ch.sweep_node or '')}: "
                       + "; ".join(f"at {num(t)}: {d.name(a)} ◀ | ▶ {d.name(b)}" for t, a, b in ch.tips) + "\n")
    return "".join(out)


def _sure(d: ReportData) -> str:
    rows = []
    alts = d.study.alternatives
    for p, df in d.smaa.items():
        acc, conf = df["acceptability"].to_numpy(dtype=float), df[("confidence", "value")].to_numpy(dtype=float)
        for i, a in enumerate(alts):
            rows.append([p, d.name(a), *[num(float(x)) for x in acc[i]], num(float(conf[i]))])
    ranks = [f"rank {r + 1}" for r in range(len(alts))]
    out = _table(["profile", "alternative", *ranks, "confidence"], rows)
    u = d.smaa_uniform
    never = (u[("acceptability", "rank_1")].to_numpy(dtype=float) == 0.0).tolist()
    cw = u["central_weights"]
    values = cw.to_numpy(dtype=float)
    out += "\nCentral weights (uniform weights):\n\n" + _table(
        ["criterion", *(d.name(a) + (" (never ranks first)" if never[i] else "") for i, a in enumerate(alts))],
        [[d.name(str(c)), *("–" if never[i] else num(float(values[i, j])) for i in range(len(alts)))]
         for j, c in enumerate(cw.columns)])
    return out


def _evidence(d: ReportData) -> str:
    out = []
    for leaf in d.study.model.criteria.leaves():
        out.append(f"\n### {leaf.name} ({leaf.id})\n\n{leaf.direction} · {leaf_scale(leaf)} · "
                   f"value function: {describe(leaf)}\n\n")
        rows = []
        for r in evidence_rows(d.study, leaf):
            head = [d.name(r.alternative), "–" if r.raw is None else num(r.raw, 4),
                    "–" if r.value is None else num(r.value, 4)]
            if r.missing is not None:
                rows.append([*head, f"declared missing, policy {r.missing.policy}", "", r.missing.note or "", ""])
            elif r.item is None:
                rows.append([*head, r.origin, "", "", ""])
            else:
                links = ", ".join(f"[{_cell(title)}]({url})" if (url := _safe_url(u)) else title
                                  for title, u in r.sources)
                rows.append([*head, str(r.item.value), links, r.item.quote or "", num(r.item.confidence, 2)])
        out.append(_table(["alternative", "raw value", "scored value", "evidence value", "sources", "quote",
                           "confidence"], rows))
    return "".join(out)


def render_markdown(d: ReportData) -> str:
    """The report as one Markdown document (the weight explorer is HTML-only)."""
    parts = {"verdicts": _verdicts(d), "scores": _scores(d), "weights": _weights(d), "why": _why(d),
             "flip": _flip(d), "sure": _sure(d),
             "explorer": "The interactive weight explorer is in the HTML report (`--format html`).\n",
             "evidence": _evidence(d),
             "stamp": _table(["setting", "value"], [[k, f"`{v}`"] for k, v in d.stamp.items()])}
    head = f"# {d.study.title}\n\n"
    return head + "".join(f"\n## {SECTIONS[k]}\n\n{parts[k]}" for k in SECTIONS)
