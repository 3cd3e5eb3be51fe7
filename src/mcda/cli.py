"""The ``mcda`` command line: argument parsing and printing only.

Exit codes:

* 0 success;
* 1 a verdict did not come out as expected (``verdicts``, ``report``);
* 2 the command cannot do what was asked: bad input (invalid study, unknown
  profile/method/scope/node, bad arguments) or an output that cannot be written
  (read-only, a device, the study itself, a full disk, a closed standard output);
* 3 an internal error (a bug in mcda: please report it; ``--debug`` shows the traceback);
* 130 interrupted (Ctrl-C); 141 the reader of standard output went away (a closed pipe).

Errors are one line per problem on standard error, never a traceback unless ``--debug``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import traceback
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Literal

import mcda.io as mio
from mcda import defaults
from mcda._lazy import lazy_module
from mcda.errors import InputError, MCDAError, MissingDependencyError, UnknownNameError, did_you_mean
from mcda.io.stdio import prepare_stdout, silence_stdout
from mcda.methods import get_method, method_names

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")

__all__ = ["main"]


def _emit(df: pd.DataFrame, fmt: str) -> None:
    if fmt == "csv":
        sys.stdout.write(df.to_csv(index=False))
    elif fmt == "json":
        sys.stdout.write(df.to_json(orient="records", force_ascii=False, indent=2) + "\n")
    elif df.empty:
        sys.stdout.write("  ".join(map(str, df.columns)) + "\n(none)\n")
    else:
        df = df.astype({c: "float64" for c in df.columns if str(df[c].dtype) == "Float64"})  # pd.NA prints as -
        with pd.option_context("display.width", 200, "display.max_colwidth", 60,
                               "display.max_rows", 500, "display.float_format", "{:.4f}".format):
            sys.stdout.write(df.to_string(index=False, na_rep="-") + "\n")


def _cmd_validate(args: argparse.Namespace) -> int:
    study = mio.load_study(args.study)
    m = study.model
    if getattr(args, "format", "table") != "table":
        _emit(pd.DataFrame([{"file": args.study, "ok": True, "alternatives": len(m.alternatives),
                             "leaf_criteria": len(study.leaves), "evidence_items": len(m.evidence),
                             "missing_cells": len(m.missing), "sources": len(m.sources), "profiles": len(m.profiles),
                             "verdicts": len(m.verdicts), "warnings": " | ".join(study.warnings)}]), args.format)
    elif m.table is not None:
        print(f"{args.study}: OK - alternatives are the rows of {m.table.path!r} (id column {m.table.id!r}; "
              f"checked when scored), {len(study.leaves)} leaf criteria, {len(m.profiles)} profiles")
    else:
        print(f"{args.study}: OK - {len(m.alternatives)} alternatives, {len(study.leaves)} leaf criteria, "
              f"{len(m.evidence)} evidence items, {len(m.missing)} declared missing cells, "
              f"{len(m.sources)} sources, {len(m.profiles)} profiles, {len(m.verdicts)} verdicts")
    for warning in study.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def _options(pairs: list[str] | None) -> dict[str, Any]:
    """``["normalization=minmax", "v=0.4"]`` -> ``{"normalization": "minmax", "v": 0.4}``."""
    out: dict[str, Any] = {}
    for pair in pairs or []:
        key, sep, raw = pair.partition("=")
        if not sep or not key:
            raise UnknownNameError(f"--option expects KEY=VALUE, got {pair!r}")
        try:
            out[key] = float(raw)
        except ValueError:
            out[key] = raw
    return out


def _cmd_run(args: argparse.Namespace) -> int:
    study = mio.load_study(args.study)
    profiles = [args.profile] if args.profile else study.profiles
    _warn_profiles(study, profiles)
    options = _options(args.option)
    frames = []
    for p in profiles:
        res = study.score(p, method=args.method, scope=args.scope, **options)
        df = res.to_frame().reset_index()
        df.insert(0, "profile", p)
        df.insert(1, "method", res.method)
        df.insert(2, "scope", res.scope)
        if args.format == "json":
            df["higher_is_better"] = res.higher_is_better
        frames.append(df)
    _emit(pd.concat(frames, ignore_index=True), args.format)
    return 0


def _verdict_status(study: Any, rows: pd.DataFrame) -> pd.DataFrame:
    """Each verdict's status across its methods (holds under all / method-dependent / fails under all)."""
    from mcda.verdicts import verdict_status

    return verdict_status(rows, study.model.verdicts)


def _cmd_verdicts(args: argparse.Namespace) -> int:
    study = mio.load_study(args.study)
    _warn_profiles(study, [v.profile for v in study.model.verdicts])
    df = study.check_verdicts(method=args.method, robustness=False, **_options(args.option))
    status = _verdict_status(study, df)
    if args.status:
        _emit(status, args.format)
    else:
        cols = ["id", "profile", "method", "scope", "claim", "holds", "margin", "leader", "expect",
                "as_expected"] if args.format == "table" else list(df.columns)
        _emit(df[cols], args.format)
        if args.format == "table":
            print("\nStatus across methods:")
            _emit(status, args.format)
    bad = df[~df["as_expected"]]
    if len(bad):
        print(f"{len(bad)} verdict check(s) did not come out as expected: "
              + ", ".join(f"{r.id} ({r.method})" for r in bad.itertuples()), file=sys.stderr)
        return 1
    return 0


@contextlib.contextmanager
def _dask_client(args: argparse.Namespace) -> Iterator[Any]:
    """The Dask client of ``--scheduler`` (an address, or ``local`` for a cluster on this machine), or None.

    The numbers do not depend on it: a seed gives the same result on either backend.
    """
    address = getattr(args, "scheduler", None)
    if not address:
        yield None
        return
    import importlib

    try:
        distributed: Any = importlib.import_module("dask.distributed")
    except ImportError as exc:
        raise MissingDependencyError("--scheduler needs the dask extra: pip install 'mcda-evidence[dask]'") from exc
    cluster: Any = None
    if address == "local":
        cluster = distributed.LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1, processes=True)
        client = distributed.Client(cluster)
    else:
        try:
            client = distributed.Client(address, timeout="20s")
        except (OSError, ValueError) as exc:
            raise InputError(f"--scheduler {address}: cannot connect to a Dask scheduler there ({exc})") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _cmd_score_table(args: argparse.Namespace) -> int:
    """Score a table study on Dask: the best rows as a table, and/or every row with ranks to Parquet."""
    from mcda.scale_study import score_study_table

    if args.top is None and args.table_out is None:
        raise UnknownNameError("score-table needs --top K (print the K best rows), --table-out DIR (write every "
                               "row with its score and rank as Parquet), or both")
    if args.top is not None and args.top < 1:
        raise UnknownNameError(f"--top must be a positive integer, got {args.top}")
    if args.table_out is not None and os.path.exists(args.table_out) and not os.path.isdir(args.table_out):
        raise InputError(f"--table-out {args.table_out}: exists and is not a directory; Parquet output is a directory")
    study = mio.load_study(args.study)
    options = _options(args.option)
    with _dask_client(args) as client:
        kw = dict(scope=args.scope, keep=args.keep or [], client=client, **options)
        if args.table_out is not None:
            path = score_study_table(study, args.profile, args.method, output=args.table_out, **kw)
            print(f"wrote every row with its score and rank to {path}", file=sys.stderr)
        if args.top is not None:
            _emit(score_study_table(study, args.profile, args.method, top_k=args.top, **kw), args.format)
    return 0


def _add_score_table(sub: Any, fmt: argparse.ArgumentParser) -> None:
    p = sub.add_parser("score-table", parents=[fmt],
                       help="score a study whose alternatives are a table (alternatives: {table: ...}) on Dask")
    p.add_argument("study")
    p.add_argument("--profile", required=True, help="profile id")
    p.add_argument("--method", default=defaults.METHOD, choices=["ahp", "topsis", "wpm", "wsm"])
    p.add_argument("--scope", help="criteria node to score (default: the root)")
    p.add_argument("--top", type=int, metavar="K", help="print the K best rows with score and rank")
    p.add_argument("--table-out", metavar="DIR", help="write every row with its score and global rank to this "
                                                      "Parquet directory")
    p.add_argument("--keep", nargs="*", metavar="COLUMN", help="more table columns to copy to the output")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="a Dask scheduler address (tcp://host:8786) or 'local' for a cluster on this machine "
                        "(default: Dask's local threads)")
    _option_argument(p)
    p.set_defaults(func=_cmd_score_table)


def _cmd_sensitivity(args: argparse.Namespace) -> int:
    if args.plot and args.report != "tipping":
        raise UnknownNameError(f"--plot draws the tipping points: use it with --report tipping, not {args.report}")
    study = mio.load_study(args.study)
    profiles = [args.profile] if args.profile else study.profiles
    _warn_profiles(study, profiles if args.report != "verdicts" else [v.profile for v in study.model.verdicts])
    if args.report == "verdicts":
        with _dask_client(args) as client:
            df = study.check_verdicts(method=args.method, n_samples=args.samples, rng=args.seed,
                                      evidence=args.evidence, backend="dask" if client else "local", client=client,
                                      **_options(args.option))
        if args.profile:
            study.profile(args.profile)  # unknown profile: exit 2
            df = df[df["profile"] == args.profile]
        cols = ["id", "profile", "method", "scope", "holds", "margin", "tip_node", "tip_weight_now", "tip_weight",
                "tip_leader", "flippable", "min_l1", "min_l1_leader", "p_holds"] if args.format == "table" \
        else list(df.columns)
        _emit(df[cols], args.format)
        return 0
    frames = []
    for p in profiles:
        if args.report == "tipping":
            df = study.tipping_points(p, args.method or defaults.METHOD, args.scope, **_options(args.option))
        else:
            mc = study.min_change(p, args.method or defaults.METHOD, args.scope, **_options(args.option))
            a = mc.attrs
            moved = mc[mc["change"].abs() > 1e-6].sort_values("change", key=abs, ascending=False)
            df = pd.DataFrame([{"claim": " > ".join(a["claim"]), "found": a["found"], "min_l1": a["l1"],
                                "leader_after": a["leader_after"], "exact": a["exact"],
                                "changes": ", ".join(f"{c} {r.weight:.3f}->{r.new_weight:.3f}"
                                                     for c, r in moved.head(6).iterrows())}])
        df.insert(0, "profile", p)
        frames.append(df)
    if args.plot:
        from mcda import plot

        fig, axes = _figure(len(frames), max(1.6, 0.8 + 0.35 * max(f["node"].nunique() for f in frames)))
        for ax, p, df in zip(axes, profiles, frames, strict=True):
            plot.tipping_plot(df, ax=ax)
            ax.set_title(f"{p} · {args.method or 'topsis'}")
        _save(fig, args.plot)
    _emit(pd.concat(frames, ignore_index=True), args.format)
    return 0


_FIGURE_FORMATS = ("pdf", "png", "svg")


def _figure(rows: int, height: float) -> tuple[Any, list[Any]]:
    from mcda.plot import pyplot

    fig, axes = pyplot().subplots(rows, 1, figsize=(7.0, height * rows), layout="constrained", squeeze=False)
    return fig, list(axes[:, 0])


def _check_plot_path(path: str | None) -> None:
    """Refuse a missing matplotlib or an unsupported figure format before any work is done."""
    if path is None:
        return
    from mcda.plot import pyplot

    pyplot()
    if path.rsplit(".", 1)[-1].lower() not in _FIGURE_FORMATS or "." not in path:
        raise UnknownNameError(f"--plot {path}: the file name must end in "
                               + ", ".join(f".{e}" for e in _FIGURE_FORMATS))


def _save(fig: Any, path: str) -> None:
    """Render the figure in memory, then write it atomically (nothing is left behind on error)."""
    from mcda.plot import pyplot

    buf = io.BytesIO()
    try:
        fig.savefig(buf, format=path.rsplit(".", 1)[-1].lower(), dpi=150)
    finally:
        pyplot().close(fig)
    mio.atomic_write(path, buf.getvalue(), protect=_INPUTS)


def _cmd_smaa(args: argparse.Namespace) -> int:
    if args.plot and args.show == "winning":
        raise UnknownNameError("--plot draws --show acceptability or central, not winning")
    if args.show == "winning" and args.pairwise is False:
        raise InputError("--show winning needs the pairwise winning indices, which --no-pairwise turns off; "
                         "drop --no-pairwise")
    study = mio.load_study(args.study)
    _warn_profiles(study, [args.profile] if args.profile else [])
    with _dask_client(args) as client:
        df = study.smaa(args.profile, args.method, args.scope, n_samples=args.samples, rng=args.seed,
                        concentration=args.concentration, evidence=args.evidence,
                        backend="dask" if client else "local", client=client,
                        pairwise=True if args.show == "winning" and args.pairwise is None else args.pairwise,
                        **_options(args.option))
    if args.show == "acceptability":
        out = df["acceptability"].copy()
        out["confidence"] = df[("confidence", "value")]
        if args.format != "table":
            for c in df["acceptability_se"].columns:
                out[f"{c}_se"] = df[("acceptability_se", c)]
            out["confidence_se"] = df[("confidence", "se")]
    elif args.show == "central":
        out = df["central_weights"].copy()
    else:
        out = df["winning"].copy()
    if args.plot:
        from mcda import plot

        fig, (ax,) = _figure(1, 1.2 + 0.45 * len(df)) if args.show == "acceptability" else _figure(1, 4.2)
        (plot.acceptability_plot if args.show == "acceptability" else plot.central_weights_plot)(df, ax=ax)
        ax.set_title(f"SMAA-2 · {args.profile or 'uniform weights'} · {args.method} · {args.samples} samples")
        _save(fig, args.plot)
    _emit(out.reset_index(), args.format)
    return 0


def _option_argument(p: argparse.ArgumentParser) -> None:
    """``--option KEY=VALUE``: the method options, on every subcommand that takes ``--method``."""
    p.add_argument("--option", action="append", metavar="KEY=VALUE",
                   help="a method option, e.g. --option normalization=minmax (repeatable; needs --method "
                        "where the default is each verdict's own methods)")


# --- report, explain, weights, sweep, schema -----------------------------------------------------


def _warn_profiles(study: Any, profiles: Sequence[str]) -> None:
    """Print the AHP inconsistency warnings of the profiles a command uses (stderr)."""
    for p in dict.fromkeys(profiles):
        for warning in study.weights(p).warnings:
            print(f"warning: {warning}", file=sys.stderr)


def _pick(kind: str, name: str | None, choices: Sequence[str]) -> str | None:
    """``name`` if it is one of ``choices`` (None stays None); otherwise an error with a suggestion."""
    if name is None or name in choices:
        return name
    raise UnknownNameError(f"unknown {kind} {name!r}{did_you_mean(name, list(choices))}; "
                           f"known: {', '.join(choices)}")


def _cmd_report(args: argparse.Namespace) -> int:
    from mcda.report import ReportOptions, write_report

    study = mio.load_study(args.study)
    _pick("method", args.method, method_names())
    fmt: Literal["html", "md"] = args.report_format or ("md" if args.report_path.lower().endswith(".md") else "html")
    opts = ReportOptions(method=get_method(args.method, **_options(args.option)), n_samples=args.samples,
                         seed=args.seed, evidence=args.evidence)
    _warn_profiles(study, study.profiles)
    write_report(study, args.report_path, fmt, opts, progress=None if args.progress else False)
    bad = [v.verdict.id for v in study.verdict_outcomes() if not v.as_expected]
    print(f"wrote {args.report_path} ({fmt})", file=sys.stderr)
    if bad:
        print(f"{len(bad)} verdict check(s) did not come out as expected: {', '.join(bad)}", file=sys.stderr)
        return 1
    return 0


def _cmd_explain(args: argparse.Namespace) -> int:
    study = mio.load_study(args.study)
    _pick("profile", args.profile, study.profiles)
    _pick("method", args.method, method_names())
    _warn_profiles(study, [args.profile])
    res = study.score(args.profile, args.method, args.scope, **_options(args.option))
    ex = res.explain().reset_index()
    cells = {(a, c): study.provenance(a, c) for a, c in zip(ex["alternative"], ex["criterion"], strict=True)}
    ex.insert(0, "profile", res.profile)
    ex.insert(1, "method", res.method)
    ex["higher_is_better"] = res.higher_is_better
    ex["origin"] = [cells[k].origin for k in zip(ex["alternative"], ex["criterion"], strict=True)]
    ex["evidence"] = [", ".join(it.id for it in cells[k].items) for k in zip(ex["alternative"], ex["criterion"],
                                                                             strict=True)]
    ex["sources"] = [", ".join(s.id for s in cells[k].sources) for k in zip(ex["alternative"], ex["criterion"],
                                                                            strict=True)]
    _emit(ex.round(12), args.format)
    return 0


def _cmd_weights(args: argparse.Namespace) -> int:
    study = mio.load_study(args.study)
    profiles = [_pick("profile", args.profile, study.profiles)] if args.profile else study.profiles
    _warn_profiles(study, [p for p in profiles if p])
    rows = []
    for p in profiles:
        ew = study.weights(p or "", args.scope)
        parent = {child: node for node, kids in ew.local.items() for child in kids}
        for node, g in ew.global_weights.items():
            crit = study.model.criteria.find(node)
            rows.append({"profile": p, "node": node, "name": crit.name if crit else node,
                         "parent": parent.get(node, ""), "leaf": bool(crit is not None and crit.is_leaf),
                         "local": ew.local.get(parent.get(node, ""), {}).get(node, 1.0),
                         "global": g, "cr": ew.consistency[node].cr if node in ew.consistency else None})
    _emit(pd.DataFrame(rows).round(12), args.format)
    return 0


def _cmd_sweep(args: argparse.Namespace) -> int:
    study = mio.load_study(args.study)
    _pick("method", args.method, method_names())
    profiles = [_pick("profile", args.profile, study.profiles)] if args.profile else study.profiles
    _warn_profiles(study, [p for p in profiles if p])
    frames = []
    for p in profiles:
        _pick("node", args.node, list(study.sweep_paths(p or "", args.scope)))
        df = study.sweep(p or "", args.node, args.method, args.scope, n_points=args.points, **_options(args.option))
        df["higher_is_better"] = get_method(args.method).higher_is_better
        frames.append(df)
    _emit(pd.concat(frames, ignore_index=True).round(12), args.format)
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    import json

    from mcda.model import StudyModel

    schema = StudyModel.model_json_schema()
    schema.setdefault("$schema", "https://json-schema.org/draft/2020-12/schema")
    schema.setdefault("title", "mcda study")
    sys.stdout.write(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
    return 0


def _add_more_commands(sub: Any, fmt: argparse.ArgumentParser) -> None:
    """Parser entries of report, explain, weights, sweep and schema."""
    p = sub.add_parser("report", help="write the study report: self-contained HTML with a weight explorer, or "
                                      "Markdown (exit 1 if a verdict is not as expected)")
    p.add_argument("study")
    p.add_argument("-o", "--output", dest="report_path", required=True, metavar="FILE",
                   help="report file (.html, or .md for Markdown); written atomically")
    p.add_argument("--format", dest="report_format", choices=["html", "md"],
                   help="html or md (default: from the file name)")
    p.add_argument("--method", default=defaults.METHOD,
                   help=f"method of the contribution charts and SMAA (default {defaults.METHOD})")
    p.add_argument("--samples", type=int, default=defaults.VERDICT_SAMPLES,
                   help=f"Monte Carlo samples for P(holds) and SMAA (default {defaults.VERDICT_SAMPLES})")
    p.add_argument("--seed", type=int, default=defaults.SEED, help=f"random seed (default {defaults.SEED})")
    p.add_argument("--evidence", choices=["none", "interval", "mixture"], default=defaults.VERDICT_EVIDENCE,
                   help=f"evidence-uncertainty model of P(holds) (default {defaults.VERDICT_EVIDENCE})")
    _option_argument(p)
    p.add_argument("--no-progress", dest="progress", action="store_false",
                   help="no progress bar (default: shown on a terminal when tqdm is installed)")
    p.set_defaults(func=_cmd_report)

    opt = argparse.ArgumentParser(add_help=False)
    opt.add_argument("--scope", help="criteria node to score within (default: the root)")
    opt.add_argument("--option", action="append", metavar="KEY=VALUE", help="a method option (repeatable)")

    p = sub.add_parser("explain", parents=[fmt, opt],
                       help="per-criterion contributions of one profile, with the evidence behind each cell")
    p.add_argument("study")
    p.add_argument("--profile", required=True, help="profile id")
    p.add_argument("--method", default=defaults.METHOD, help=f"method (default {defaults.METHOD})")
    p.set_defaults(func=_cmd_explain)

    p = sub.add_parser("weights", parents=[fmt], help="effective local and global weights per profile")
    p.add_argument("study")
    p.add_argument("--profile", help="profile id (default: every profile)")
    p.add_argument("--scope", help="criteria node (default: the root)")
    p.set_defaults(func=_cmd_weights)

    p = sub.add_parser("sweep", parents=[fmt, opt],
                       help="scores and ranks while one node's weight runs over [0, 1] (siblings keep their ratios)")
    p.add_argument("study")
    p.add_argument("--node", required=True, help="criteria node to sweep")
    p.add_argument("--profile", help="profile id (default: every profile)")
    p.add_argument("--method", default=defaults.METHOD, help=f"method (default {defaults.METHOD})")
    p.add_argument("--points", type=int, default=defaults.SWEEP_POINTS,
                   help=f"points on [0, 1] (default {defaults.SWEEP_POINTS})")
    p.set_defaults(func=_cmd_sweep)

    p = sub.add_parser("schema", help="JSON Schema of the study file format (for editors)")
    p.set_defaults(func=_cmd_schema)


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="mcda", description="Evidence-based multi-criteria decision analysis.")
    ap.add_argument("--debug", action="store_true", help="show the traceback of an internal error (exit 3)")
    sub = ap.add_subparsers(dest="command", required=True)
    fmt = argparse.ArgumentParser(add_help=False)
    fmt.add_argument("--format", choices=["table", "csv", "json"], default="table")
    fmt.add_argument("--output", "-o", metavar="FILE",
                     help="write the table to FILE ('-': standard output); atomically, only to a regular file, "
                          "never over the study")

    p = sub.add_parser("validate", parents=[fmt], help="check a study file and report every problem (exit 2 if any)")
    p.add_argument("study")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("run", parents=[fmt], help="scores and ranks per profile")
    p.add_argument("study")
    p.add_argument("--profile", help="profile id (default: every profile)")
    p.add_argument("--method", default=defaults.METHOD, choices=method_names())
    p.add_argument("--scope", help="criteria node to score (default: the root)")
    _option_argument(p)
    p.set_defaults(func=_cmd_run)

    p = sub.add_parser("verdicts", parents=[fmt], help="check every verdict (exit 1 if one is not as expected)")
    p.add_argument("study")
    p.add_argument("--method", choices=method_names(), help="check with this method only")
    _option_argument(p)
    p.add_argument("--status", action="store_true",
                   help="print only each verdict's status across its methods (holds under all / "
                        "method-dependent / fails under all); the table format prints it after the rows")
    p.set_defaults(func=_cmd_verdicts)

    mc = argparse.ArgumentParser(add_help=False)
    mc.add_argument("study")
    mc.add_argument("--profile", help="profile id (default: every profile; for smaa: uniform weights)")
    mc.add_argument("--scope", help="criteria node to analyse (default: the root)")
    mc.add_argument("--samples", type=int, default=None,
                    help=f"Monte Carlo samples (default {defaults.VERDICT_SAMPLES} for sensitivity, "
                         f"{defaults.SMAA_SAMPLES} for smaa)")
    mc.add_argument("--seed", type=int, default=defaults.SEED, help=f"random seed (default {defaults.SEED})")
    mc.add_argument("--scheduler", metavar="ADDRESS",
                    help="run the sampling on Dask: a scheduler address (tcp://host:8786) or 'local' for a "
                         "cluster on this machine (needs the dask extra; same numbers as without)")
    mc.add_argument("--evidence", choices=["none", "interval", "mixture"], default=None,
                    help="evidence-uncertainty model (default: mixture for sensitivity, none for smaa)")

    p = sub.add_parser("sensitivity", parents=[fmt, mc],
                       help="what would flip each verdict: nearest tipping weight, minimum L1 change, P(holds)")
    p.add_argument("--method", choices=method_names(), help="method (default: each verdict's; topsis otherwise)")
    p.add_argument("--report", choices=["verdicts", "tipping", "min-change"], default="verdicts",
                   help="verdict robustness (default), every tipping point per profile, or minimum change "
                        "that overturns each profile's leader")
    p.add_argument("--plot", metavar="FILE",
                   help="with --report tipping: also draw the tipping points per node (.png, .svg or .pdf; "
                        "needs the plot extra)")
    _option_argument(p)
    p.set_defaults(func=_cmd_sensitivity, evidence_default=defaults.VERDICT_EVIDENCE,
                   samples_default=defaults.VERDICT_SAMPLES)

    p = sub.add_parser("smaa", parents=[fmt, mc], help="SMAA-2 rank acceptability, central weights, winning indices")
    p.add_argument("--method", default=defaults.METHOD, choices=method_names())
    p.add_argument("--concentration", type=float, default=None,
                   help=f"Dirichlet concentration around --profile's weights (default {defaults.CONCENTRATION:g})")
    p.add_argument("--show", choices=["acceptability", "central", "winning"], default="acceptability")
    p.add_argument("--pairwise", action=argparse.BooleanOptionalAction, default=None,
                   help="compute the pairwise winning indices (m * m comparisons per sample); default: for at "
                        f"most {defaults.SMAA_PAIRWISE_MAX} alternatives, and always with --show winning")
    p.add_argument("--plot", metavar="FILE",
                   help="also draw the acceptability or central weights (.png, .svg or .pdf; needs the plot extra)")
    _option_argument(p)
    p.set_defaults(func=_cmd_smaa, evidence_default=defaults.SMAA_EVIDENCE, samples_default=defaults.SMAA_SAMPLES)
    _add_more_commands(sub, fmt)
    _add_score_table(sub, fmt)
    return ap


def _main(argv: Sequence[str] | None = None) -> int:
    """Parse the arguments and run one subcommand; :func:`main` handles what escapes."""
    args = _parser().parse_args(argv)
    _INPUTS[:] = [args.study] if isinstance(getattr(args, "study", None), str) else []
    if getattr(args, "evidence", "") is None:
        args.evidence = args.evidence_default
    if getattr(args, "samples", "") is None:
        args.samples = args.samples_default
    output = getattr(args, "output", None)
    buffer = io.StringIO()
    try:
        _check_plot_path(getattr(args, "plot", None))
        with contextlib.redirect_stdout(buffer) if output else contextlib.nullcontext():
            code: int = args.func(args)
        if output:
            mio.atomic_write(output, buffer.getvalue(), protect=_INPUTS)
    except MCDAError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return code


#: The files the running command reads; outputs never overwrite them.
_INPUTS: list[str] = []


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (see the module docstring).

    Every error ends as one line on standard error and an exit code: an
    :class:`~mcda.errors.MCDAError` or an unwritable output 2, Ctrl-C 130, a
    closed pipe 141, anything else 3 ("internal error", with the traceback only
    under ``--debug`` or ``MCDA_DEBUG=1``). Output that the terminal's encoding
    cannot show is written as ``\\uXXXX`` escapes (valid inside JSON strings).
    """
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args or os.environ.get("MCDA_DEBUG", "") not in ("", "0")
    args = [a for a in args if a != "--debug"]
    restore = prepare_stdout()
    try:
        code = _main(args)
        sys.stdout.flush()
        return code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        silence_stdout()
        return 141
    except MCDAError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # the environment, not the input: a full disk, a closed stdout, an unreadable file
        if exc.filename is not None:
            print(f"error: {exc.filename}: {exc.strerror or exc}", file=sys.stderr)
        else:
            silence_stdout()
            print(f"error: cannot write standard output: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        if debug:
            traceback.print_exc()
        text = " ".join(str(exc).split())
        print(f"internal error: {type(exc).__name__}: {text[:300]}", file=sys.stderr)
        print("this is a bug in mcda: please report it with the command line, the input and the output "
              "of the same command with --debug", file=sys.stderr)
        return 3
    finally:
        restore()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
