"""The report figures of mcda.plot, checked by the data they draw."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mcda
from mcda.errors import InputError
from mcda.report import gap_contributions

plt = pytest.importorskip("matplotlib.pyplot")
from mcda import plot  # noqa: E402  (after the importorskip)


@pytest.fixture(autouse=True)
def _close() -> Iterator[None]:
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def study() -> mcda.Study:
    return mcda.load_study(Path(__file__).parent / "data" / "laptops.yaml")


def _widths(ax: object) -> list[float]:
    return [float(p.get_width()) for p in ax.patches]  # type: ignore[attr-defined]


def test_contributions_bars_are_the_gap_parts(study: mcda.Study) -> None:
    res = study.score("power_user", "wsm")
    ax = plot.contributions_plot(res, top=2)
    gc = gap_contributions(res)
    assert gc is not None
    order = list(gc.contributions.abs().sort_values(ascending=False, kind="stable").index)
    want = [gc.contributions[order[0]], gc.contributions[order[1]], gc.contributions[order[2:]].sum()]
    assert _widths(ax) == pytest.approx(want)
    assert sum(_widths(ax)) == pytest.approx(gc.gap)  # WSM: the bars add up to the score gap
    assert [t.get_text() for t in ax.get_yticklabels()][:2] == order[:2]
    assert gc.leader in ax.get_title() and gc.runner_up in ax.get_title()


def test_agreement_lines_are_the_ranks(study: mcda.Study) -> None:
    ranks = study.rank_table("balanced", ["wsm", "topsis", "vikor", "ahp"])
    pd.testing.assert_frame_equal(ranks, study.compare_methods("balanced", ["wsm", "topsis", "vikor", "ahp"])
                                  .attrs["ranks"])
    assert ranks.loc["alpha", "vikor"] == study.score("balanced", "vikor").ranks["alpha"]
    ax = plot.agreement_plot(ranks)
    for line in ax.get_lines():
        np.testing.assert_array_equal(line.get_ydata(), ranks.loc[line.get_label()].to_numpy(dtype=float))
    assert [t.get_text() for t in ax.get_xticklabels()] == list(ranks.columns)


def test_verdicts_bars_are_p_holds(study: mcda.Study) -> None:
    df = study.check_verdicts(n_samples=500)
    ax = plot.verdicts_plot(df)
    assert _widths(ax) == pytest.approx(df["p_holds"].tolist())
    blue = [p.get_facecolor()[2] > 0.6 for p in ax.patches]  # POS is blue, NEG orange
    assert blue == df["holds"].astype(bool).tolist()


def test_weights_bars_are_the_global_leaf_weights(study: mcda.Study) -> None:
    ew = study.weights("power_user")
    ax = plot.weights_plot(ew)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert sorted(labels) == sorted(ew.leaves)
    assert _widths(ax) == pytest.approx([ew.leaves[c] for c in labels])
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any(t.startswith("perf (") for t in legend)


def test_evidence_matrix_is_the_confidence_frame(study: mcda.Study) -> None:
    conf = study.matrix(bound="confidence")
    ax = plot.evidence_plot(conf)
    np.testing.assert_array_equal(np.asarray(ax.images[0].get_array()), conf.to_numpy())
    texts = [t.get_text() for t in ax.texts]
    assert "gap" in texts  # gamma's battery life is declared missing (confidence 0)


def test_min_change_before_after(study: mcda.Study) -> None:
    wc = study.weight_change("balanced", "wsm")
    ax = plot.min_change_plot(wc)
    df = wc.to_frame()
    moved = df[df["change"].abs() > 1e-9]
    widths = _widths(ax)
    k = len(moved)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert sorted(labels) == sorted(moved.index)
    assert widths[:k] == pytest.approx(moved.loc[labels, "weight"].tolist())
    assert widths[k:] == pytest.approx(moved.loc[labels, "new_weight"].tolist())
    assert str(wc.leader_after) in ax.get_title()


def test_bad_inputs_are_refused(study: mcda.Study) -> None:
    with pytest.raises(InputError):
        plot.contributions_plot(study.score("balanced").to_frame())  # type: ignore[arg-type]
    with pytest.raises(InputError):
        plot.verdicts_plot(study.check_verdicts(robustness=False))
    with pytest.raises(InputError):
        plot.weights_plot({"a": 1.0})  # type: ignore[arg-type]
