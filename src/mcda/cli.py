"""The ``mcda`` command line: argument parsing and printing only.

Exit codes: 0 success; 1 a verdict did not come out as expected (``verdicts``);
2 bad input (invalid study, unknown profile/method/scope, bad arguments).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from mcda._lazy import lazy_module
from mcda.errors import MCDAError, UnknownNameError
from mcda.methods import method_names

if TYPE_CHECKING:
    import os

    import pandas as pd

    from mcda.study import Study
else:
    pd = lazy_module("pandas")

__all__ = ["main"]


def load_study(path: str) -> Study:
    """:func:`mcda.load_study`, imported when a command runs, so ``mcda --help`` stays quick."""
    from mcda.io import load_study as load

    return load(path)


def atomic_write(path: str | os.PathLike[str], text: str | bytes) -> None:
    """:func:`mcda.io.atomic_write`, imported on first use."""
    from mcda.io import atomic_write as write

    write(path, text)


def _emit(df: pd.DataFrame, fmt: str) -> None:
    if fmt == "csv":
        sys.stdout.write(df.to_csv(index=False))
    elif fmt == "json":
        sys.stdout.write(df.to_json(orient="records", force_ascii=False, indent=2) + "\n")
    elif df.empty:
        sys.stdout.write("  ".join(map(str, df.columns)) + "\n(none)\n")
    else:
        with pd.option_context("display.width", 200, "display.max_colwidth", 60,
                               "display.max_rows", 500, "display.float_format", "{:.4f}".format):
            sys.stdout.write(df.to_string(index=False, na_rep="-") + "\n")


def _cmd_validate(args: argparse.Namespace) -> int:
    study = load_study(args.study)
    m = study.model
    print(f"{args.study}: OK - {len(m.alternatives)} alternatives, {len(study.leaves)} leaf criteria, "
          f"{len(m.evidence)} evidence items, {len(m.missing)} declared missing cells, "
          f"{len(m.sources)} sources, {len(m.profiles)} profiles, {len(m.verdicts)} verdicts")
    for warning in study.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def _options(pairs: list[str] | None) -> dict[str, object]:
    """``["normalization=minmax", "v=0.4"]`` -> ``{"normalization": "minmax", "v": 0.4}``."""
    out: dict[str, object] = {}
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
    study = load_study(args.study)
    profiles = [args.profile] if args.profile else study.profiles
    options = _options(args.option)
    frames = []
    for p in profiles:
        res = study.score(p, method=args.method, scope=args.scope, **options)
        df = res.to_frame().reset_index()
        df.insert(0, "profile", p)
        df.insert(1, "method", res.method)
        df.insert(2, "scope", res.scope)
        frames.append(df)
    _emit(pd.concat(frames, ignore_index=True), args.format)
    return 0


def _cmd_verdicts(args: argparse.Namespace) -> int:
    study = load_study(args.study)
    df = study.check_verdicts(method=args.method, robustness=False)
    cols = ["id", "profile", "method", "scope", "claim", "holds", "margin", "leader", "expect",
            "as_expected"] if args.format == "table" else list(df.columns)
    _emit(df[cols], args.format)
    bad = df[~df["as_expected"]]
    if len(bad):
        print(f"{len(bad)} verdict check(s) did not come out as expected: "
              + ", ".join(f"{r.id} ({r.method})" for r in bad.itertuples()), file=sys.stderr)
        return 1
    return 0


def _cmd_sensitivity(args: argparse.Namespace) -> int:
    if args.plot and args.report != "tipping":
        raise UnknownNameError(f"--plot draws the tipping points: use it with --report tipping, not {args.report}")
    study = load_study(args.study)
    profiles = [args.profile] if args.profile else study.profiles
    if args.report == "verdicts":
        df = study.check_verdicts(method=args.method, n_samples=args.samples, rng=args.seed, evidence=args.evidence)
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
            df = study.tipping_points(p, args.method or "topsis", args.scope)
        else:
            mc = study.min_change(p, args.method or "topsis", args.scope)
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
    atomic_write(path, buf.getvalue())


def _cmd_smaa(args: argparse.Namespace) -> int:
    if args.plot and args.show == "winning":
        raise UnknownNameError("--plot draws --show acceptability or central, not winning")
    study = load_study(args.study)
    df = study.smaa(args.profile, args.method, args.scope, n_samples=args.samples, rng=args.seed,
                    concentration=args.concentration, evidence=args.evidence)
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


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="mcda", description="Evidence-based multi-criteria decision analysis.")
    sub = ap.add_subparsers(dest="command", required=True)
    fmt = argparse.ArgumentParser(add_help=False)
    fmt.add_argument("--format", choices=["table", "csv", "json"], default="table")
    fmt.add_argument("--output", "-o", metavar="FILE",
                     help="write the table to FILE (atomically: nothing is written on error)")

    p = sub.add_parser("validate", help="check a study file and report every problem (exit 2 if any)")
    p.add_argument("study")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("run", parents=[fmt], help="scores and ranks per profile")
    p.add_argument("study")
    p.add_argument("--profile", help="profile id (default: every profile)")
    p.add_argument("--method", default="topsis", choices=method_names())
    p.add_argument("--scope", help="criteria node to score (default: the root)")
    p.add_argument("--option", action="append", metavar="KEY=VALUE",
                   help="a method option, e.g. --option normalization=minmax (repeatable)")
    p.set_defaults(func=_cmd_run)

    p = sub.add_parser("verdicts", parents=[fmt], help="check every verdict (exit 1 if one is not as expected)")
    p.add_argument("study")
    p.add_argument("--method", choices=method_names(), help="check with this method only")
    p.set_defaults(func=_cmd_verdicts)

    mc = argparse.ArgumentParser(add_help=False)
    mc.add_argument("study")
    mc.add_argument("--profile", help="profile id (default: every profile; for smaa: uniform weights)")
    mc.add_argument("--scope", help="criteria node to analyse (default: the root)")
    mc.add_argument("--samples", type=int, default=20000, help="Monte Carlo samples (default 20000)")
    mc.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
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
    p.set_defaults(func=_cmd_sensitivity, evidence_default="mixture")

    p = sub.add_parser("smaa", parents=[fmt, mc], help="SMAA-2 rank acceptability, central weights, winning indices")
    p.add_argument("--method", default="topsis", choices=method_names())
    p.add_argument("--concentration", type=float, default=None,
                   help="Dirichlet concentration around --profile's weights (default 100)")
    p.add_argument("--show", choices=["acceptability", "central", "winning"], default="acceptability")
    p.add_argument("--plot", metavar="FILE",
                   help="also draw the acceptability or central weights (.png, .svg or .pdf; needs the plot extra)")
    p.set_defaults(func=_cmd_smaa, evidence_default="none")
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    if getattr(args, "evidence", "") is None:
        args.evidence = args.evidence_default
    output = getattr(args, "output", None)
    buffer = io.StringIO()
    try:
        _check_plot_path(getattr(args, "plot", None))
        with contextlib.redirect_stdout(buffer) if output else contextlib.nullcontext():
            code: int = args.func(args)
        if output:
            atomic_write(output, buffer.getvalue())
    except MCDAError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: cannot write {exc.filename or output}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
