"""Figures (the ``plot`` extra): what is drawn is exactly what the frames say; bad frames are refused."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mcda
from mcda.errors import InputError, MissingDependencyError

plt = pytest.importorskip("matplotlib.pyplot")
from _support.cli import run  # noqa: E402
from mcda import plot  # noqa: E402  (after the importorskip)


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def study() -> mcda.Study:
    return mcda.load_study(Path(__file__).parent / "data" / "laptops.yaml")


def test_sweep_plot_draws_every_alternative_the_profile_and_the_tipping_points(study: mcda.Study) -> None:
    sweep = study.sweep("balanced", "build", n_points=51)
    tips = study.tipping_points("balanced")
    ax = plot.sweep_plot(sweep, tips)
    lines = {ln.get_label(): ln for ln in ax.get_lines()}
    for alt in study.alternatives:
        rows = sweep[sweep["alternative"] == alt].sort_values("weight")
        np.testing.assert_array_equal(lines[alt].get_xdata(), rows["weight"])
        np.testing.assert_array_equal(lines[alt].get_ydata(), rows["score"])
    profile_x = lines["profile"].get_xdata()[0]
    assert profile_x == pytest.approx(sweep.loc[sweep["at_profile"], "weight"].iloc[0])
    verticals = [ln for ln in ax.get_lines() if ln.get_label().startswith("_")]  # unlabelled: tipping lines
    here = tips[tips["node"] == "build"]
    assert sorted(ln.get_xdata()[0] for ln in verticals) == pytest.approx(sorted(here["weight"]))
    solid = [ln for ln in verticals if ln.get_linestyle() == "-"]
    assert len(solid) == int(here["leader_changes"].sum())
    assert ax.get_xlabel() == "weight of build"


def test_sweep_plot_by_rank_puts_rank_one_on_top(study: mcda.Study) -> None:
    ax = plot.sweep_plot(study.sweep("balanced", "build", n_points=11), value="rank")
    bottom, top = ax.get_ylim()
    assert top < bottom and ax.get_ylabel() == "rank"


def test_tipping_plot_bar_runs_from_the_profile_to_the_nearest_leader_change(study: mcda.Study) -> None:
    tips = study.tipping_points("balanced")
    ax = plot.tipping_plot(tips)
    nodes = [t.get_text() for t in ax.get_yticklabels()]
    assert nodes == list(dict.fromkeys(tips["node"]))
    bars = {round(b.get_y() + b.get_height() / 2): b for b in ax.patches}
    for j, node in enumerate(nodes):
        rows = tips[(tips["node"] == node) & tips["leader_changes"]]
        if rows.empty:
            assert j not in bars
            continue
        near = rows.loc[(rows["weight"] - rows["weight_now"]).abs().idxmin()]
        lo, hi = sorted((near["weight_now"], near["weight"]))
        assert bars[j].get_x() == pytest.approx(lo) and bars[j].get_width() == pytest.approx(hi - lo)


def test_tipping_plot_without_tipping_points_says_so(seed_path: Path) -> None:
    tips = mcda.load_study(seed_path).tipping_points("balanced", scope="open_source")  # Tencent leads at any weight
    assert tips.empty
    ax = plot.tipping_plot(tips)
    assert not ax.patches and "no tipping point" in ax.texts[0].get_text()


def test_acceptability_plot_stacks_the_indices(study: mcda.Study) -> None:
    df = study.smaa("balanced", n_samples=4000, rng=1)
    ax = plot.acceptability_plot(df)
    m = len(df)
    widths = np.array([b.get_width() for b in ax.patches]).reshape(m, m)  # rank by rank
    np.testing.assert_allclose(widths.T, df["acceptability"].to_numpy())
    ends = np.array([b.get_x() + b.get_width() for b in ax.patches]).reshape(m, m)[-1]
    np.testing.assert_allclose(ends, 1.0)


def test_central_weights_plot_leaves_out_alternatives_never_first() -> None:
    res = mcda.sensitivity.smaa([[1.0, 0.0], [0.0, 1.0], [0.2, 0.2]], [True, True], "wsm", 4000, rng=0)
    assert res.rank_acceptability[2, 0] == 0
    ax = plot.central_weights_plot(res)
    widths = np.array([b.get_width() for b in ax.patches]).reshape(2, 2)  # alternative by alternative
    np.testing.assert_allclose(widths, res.central_weights[:2])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["c0", "c1"]
    assert sorted(t.get_text() for t in ax.get_legend().get_texts()) == ["1/n", "a0", "a1"]


@pytest.mark.parametrize(("call", "message"), [
    (lambda s: plot.sweep_plot(s.sweep("balanced", "build").drop(columns="rank")), r"lacks column\(s\) \['rank'\]"),
    (lambda s: plot.sweep_plot(s.sweep("balanced", "build"), value="margin"), "value must be"),
    (lambda s: plot.sweep_plot(__import__("pandas").concat([s.sweep("balanced", "build"),
                                                            s.sweep("balanced", "cost")])), "one node"),
    (lambda s: plot.sweep_plot(s.sweep("balanced", "build").iloc[:0]), "empty"),
    (lambda s: plot.tipping_plot([1, 2]), "must be a DataFrame"),
    (lambda s: plot.acceptability_plot(s.sweep("balanced", "build")), "SMAAResult or the DataFrame"),
])
def test_bad_frames_are_refused_with_the_rule(study: mcda.Study, call: object, message: str) -> None:
    with pytest.raises(InputError, match=message):
        call(study)  # type: ignore[operator]


def test_without_matplotlib_the_error_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)  # makes the import fail
    with pytest.raises(MissingDependencyError, match=r"pip install 'mcda-evidence\[plot\]'"):
        plot.pyplot()
    assert issubclass(MissingDependencyError, ImportError)




def test_cli_writes_figures(tmp_path: Path, laptops_path: Path) -> None:
    png, svg = tmp_path / "acc.png", tmp_path / "tips.svg"
    r = run("smaa", laptops_path, "--profile", "balanced", "--samples", "2000", "--plot", png)
    assert r.returncode == 0, r.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    r = run("sensitivity", laptops_path, "--report", "tipping", "--plot", svg)
    assert r.returncode == 0, r.stderr
    assert "<svg" in svg.read_text(encoding="utf-8")[:500]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]


def test_cli_table_and_figure_for_a_scope_without_tipping_points(tmp_path: Path, seed_path: Path) -> None:
    r = run("sensitivity", seed_path, "--report", "tipping", "--scope", "open_source", "--plot", tmp_path / "t.png")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[-1] == "(none)" and "Empty DataFrame" not in r.stdout
    assert (tmp_path / "t.png").stat().st_size > 0


@pytest.mark.parametrize(("args", "message"), [
    (["smaa", "--plot", "{tmp}/x.gif"], "must end in .pdf, .png, .svg"),
    (["smaa", "--show", "winning", "--plot", "{tmp}/x.png"], "not winning"),
    (["sensitivity", "--plot", "{tmp}/x.png"], "--report tipping"),
    (["smaa", "--plot", "{tmp}/no/such/dir/x.png"], "cannot write {tmp}/no/such/dir/x.png"),
])
def test_cli_plot_errors_name_the_rule_and_leave_no_file(tmp_path: Path, laptops_path: Path, args: list[str],
                                                         message: str) -> None:
    argv = [a.format(tmp=tmp_path) for a in args]
    r = run(argv[0], laptops_path, "--samples", "500", *argv[1:])
    assert r.returncode == 2
    assert message.format(tmp=tmp_path) in r.stderr
    assert list(tmp_path.iterdir()) == []


def _tips_frame(rows: list[tuple[str, float, float, str, str]]) -> pd.DataFrame:
    return pd.DataFrame([{"node": n, "weight_now": now, "weight": w, "ahead": "x", "behind": "y",
                          "leader_before": before, "leader_after": after, "leader_changes": True}
                         for n, now, w, before, after in rows])


def test_tipping_plot_labels_each_bar_with_the_leader_on_its_far_side() -> None:
    # node a: tipping point above the profile (0.3 -> 0.7): beyond it leads "after" = B.
    # node b: tipping point below the profile (0.6 -> 0.2): beyond it (lower weight) leads "before" = C.
    tips = _tips_frame([("a", 0.3, 0.7, "A", "B"), ("b", 0.6, 0.2, "C", "A")])
    ax = plot.tipping_plot(tips)
    labels = {round(t.xy[1]): t.get_text().strip() for t in ax.texts}
    assert labels == {0: "B", 1: "C"}
    first, second = (p.get_facecolor() for p in ax.patches)
    assert first != second
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[0] == "profile" and any("raise" in t for t in legend) and any("lower" in t for t in legend)


def test_tipping_plot_label_is_the_leader_just_beyond_the_tipping_point(study: mcda.Study) -> None:
    from mcda import sensitivity

    tips = study.tipping_points("balanced")
    arr, paths = study.arrays("balanced"), study.sweep_paths("balanced")
    ax = plot.tipping_plot(tips)
    nodes = [t.get_text() for t in ax.get_yticklabels()]
    labels = {nodes[round(t.xy[1])]: t.get_text().strip() for t in ax.texts}
    sides = set()
    for node, label in labels.items():
        rows = tips[(tips["node"] == node) & tips["leader_changes"]]
        near = rows.loc[(rows["weight"] - rows["weight_now"]).abs().idxmin()]
        up = near["weight"] > near["weight_now"]
        sides.add(bool(up))
        t = near["weight"] + (1e-6 if up else -1e-6)
        res = sensitivity.sweep(arr.X, arr.benefit, paths[node], "topsis", t=[t])
        assert label == arr.alternatives[int(np.argmax(res.scores[0]))]
    assert sides == {True, False}, "the study should have tipping points on both sides of the profile"
