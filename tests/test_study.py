"""Evidence -> matrix, weights, scores, explanations and verdicts on a small study."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import mcda
from mcda.errors import MissingEvidenceError, StudyValidationError, UnknownNameError


@pytest.fixture
def study(laptops_path: Path) -> mcda.Study:
    return mcda.load_study(laptops_path)


def load_text(tmp_path: Path, text: str) -> mcda.Study:
    f = tmp_path / "s.yaml"
    f.write_text(text, encoding="utf-8")
    return mcda.load_study(f)


def test_matrix_combines_items_by_confidence(study: mcda.Study) -> None:
    X = study.matrix()
    assert list(X.index) == ["alpha", "beta", "gamma"]
    # two items, 8000 (confidence 1) and 9000 (confidence 0.5): (8000 + 0.5 * 9000) / 1.5
    assert X.loc["alpha", "perf.cpu"] == pytest.approx((8000 + 4500) / 1.5)
    assert study.cells[("alpha", "perf.cpu")].confidence == pytest.approx((1 + 0.25) / 1.5)
    # interval [10, 14] -> midpoint for scoring, bounds kept
    assert X.loc["alpha", "perf.battery"] == 12.0
    assert study.matrix(bound="lo").loc["alpha", "perf.battery"] == 10.0
    assert study.matrix(bound="hi").loc["alpha", "perf.battery"] == 14.0
    # ordinal levels poor/good/excellent -> 1/2/3
    assert X.loc["alpha", "build"] == 3.0 and X.loc["beta", "build"] == 2.0
    # gamma's battery is missing with policy worst: the worst observed lower bound (alpha's 10)
    assert X.loc["gamma", "perf.battery"] == 10.0
    assert not np.isnan(X.to_numpy()).any()


def test_missing_policies(tmp_path: Path, laptops_text: str) -> None:
    gap = "policy: worst, note: not measured"
    s = load_text(tmp_path, laptops_text.replace(gap, "policy: scale-worst"))
    assert s.matrix().loc["gamma", "perf.battery"] == 0.0  # the scale's lower bound
    s = load_text(tmp_path, laptops_text.replace(gap, "policy: exclude-criterion"))
    assert "perf.battery" not in s.matrix().columns
    res = s.score("balanced", "wsm")
    assert res.excluded == ("perf.battery",)
    assert res.weights["perf.cpu"] == pytest.approx(1 / 3)  # sibling renormalised within perf
    assert res.weights.sum() == pytest.approx(1.0)
    s = load_text(tmp_path, laptops_text.replace(gap, "policy: error, note: unknown"))
    with pytest.raises(MissingEvidenceError, match=r"cell \(gamma, perf.battery\).*'error' \(unknown\)"):
        s.score("balanced")
    s.score("balanced", scope="cost")  # cells outside the scope are not needed


def test_scale_worst_needs_a_bound(tmp_path: Path, laptops_text: str) -> None:
    text = laptops_text.replace("policy: worst, note: not measured", "policy: scale-worst").replace(
        "unit: hours, lower: 0, upper: 48", "unit: hours")
    with pytest.raises(StudyValidationError, match=r"needs criterion 'perf\.battery' to declare a 'lower' bound"):
        load_text(tmp_path, text)


def test_effective_weights_are_products_down_the_tree(study: mcda.Study) -> None:
    w = study.weights("power_user")
    assert w.local["root"] == pytest.approx({"cost": 1 / 6, "perf": 4 / 6, "build": 1 / 6})
    assert w.leaves == pytest.approx({"cost.price": 1 / 6, "perf.cpu": 0.5, "perf.battery": 1 / 6, "build": 1 / 6})
    scoped = study.weights("power_user", scope="perf")
    assert scoped.leaves == pytest.approx({"perf.cpu": 0.75, "perf.battery": 0.25})


def test_score_result_api(study: mcda.Study) -> None:
    res = study.score("balanced", method="wsm")
    assert res.ranking == ["alpha", "beta", "gamma"]
    assert list(res.scores.index) == study.alternatives
    assert res.ranks.to_dict() == {"alpha": 1, "beta": 2, "gamma": 3}
    assert res.weights.sum() == pytest.approx(1.0)
    frame = res.to_frame()
    assert list(frame.columns) == ["score", "rank", "near_tie"]
    assert list(frame.index) == res.ranking
    # independent computation of WSM with x/max (benefit) and min/x (cost)
    X = study.matrix().to_numpy()
    benefit = np.array([False, True, True, True])
    R = np.where(benefit, X / X.max(axis=0), X.min(axis=0) / X)
    np.testing.assert_allclose(res.scores.to_numpy(), R @ res.weights.to_numpy(), rtol=1e-12)


def test_explain_wsm_contributions_sum_to_score(study: mcda.Study) -> None:
    res = study.score("balanced", method="wsm")
    ex = res.explain()
    sums = ex["contribution"].groupby(level="alternative").sum()
    np.testing.assert_allclose(sums.reindex(res.scores.index), res.scores, rtol=1e-12)


def test_explain_topsis_shares(study: mcda.Study) -> None:
    res = study.score("balanced", method="topsis")
    ex = res.explain()
    for col in ("d_plus_share", "d_minus_share"):
        sums = ex[col].groupby(level="alternative").sum()
        assert ((np.isclose(sums, 1.0)) | (np.isclose(sums, 0.0))).all()
        assert (ex[col] >= 0).all()


def test_method_options_and_unknown_names(study: mcda.Study) -> None:
    a = study.score("balanced", "topsis").scores
    b = study.score("balanced", "topsis", normalization="minmax").scores
    assert not np.allclose(a, b)  # the normalisation is a named, visible choice
    with pytest.raises(UnknownNameError, match="unknown profile 'nope'"):
        study.score("nope")
    with pytest.raises(UnknownNameError, match="unknown method 'electre'"):
        study.score("balanced", "electre")
    with pytest.raises(UnknownNameError, match="no option"):
        study.score("balanced", "topsis", lambda_=0.5)
    with pytest.raises(UnknownNameError, match="unknown scope"):
        study.score("balanced", scope="nowhere")


def test_custom_profile_in_python(study: mcda.Study) -> None:
    p = mcda.WeightProfile(id="cheap", weights={"root": {"cost": 1, "perf": 0, "build": 0},
                                                "cost": {"cost.price": 1},
                                                "perf": {"perf.cpu": 1, "perf.battery": 1}})
    assert study.score(p, "wsm").ranking[0] == "beta"
    bad = mcda.WeightProfile(id="bad", weights={"root": {"cost": 1}})
    with pytest.raises(StudyValidationError, match="child 'perf' has no weight"):
        study.score(bad)
    eq = mcda.WeightProfile(id="eq", unlisted="equal")
    assert study.weights(eq).local["root"] == pytest.approx({"cost": 1 / 3, "perf": 1 / 3, "build": 1 / 3})


def test_provenance(study: mcda.Study) -> None:
    prov = study.provenance("alpha", "perf.cpu")
    assert [it.id for it in prov.items] == ["e4", "e5"]
    assert [s.id for s in prov.sources] == ["review", "vendor"]
    assert list(prov.to_frame()["evidence"]) == ["e4", "e5"]
    gap = study.provenance("gamma", "perf.battery")
    assert gap.items == () and gap.missing is not None and gap.missing.policy == "worst"
    with pytest.raises(UnknownNameError):
        study.provenance("alpha", "perf")


def test_check_verdicts(study: mcda.Study) -> None:
    df = study.check_verdicts()
    assert {"id", "statement", "profile", "method", "holds", "margin"} <= set(df.columns)
    assert list(zip(df["id"], df["method"], strict=True)) == [
        ("v.power", "topsis"), ("v.power", "wsm"), ("v.cheap", "wsm")]
    assert df["holds"].all() and (df["margin"] > 0).all()
    # the cost-only ranking: WSM min/x normalisation, weights 1 -> 900/x
    cheap = df[df["id"] == "v.cheap"].iloc[0]
    assert cheap["margin"] == pytest.approx(min(1 - 900 / 1200, 900 / 1200 - 900 / 1500))
    only = study.check_verdicts(method="topsis")
    assert set(only["method"]) == {"topsis"}


def test_failing_verdict_is_reported_not_hidden(tmp_path: Path, laptops_text: str) -> None:
    s = load_text(tmp_path, laptops_text.replace("leader: gamma", "leader: beta"))
    df = s.check_verdicts()
    row = df[df["id"] == "v.power"]
    assert not row["holds"].any() and (row["margin"] < 0).all()
    assert not row["as_expected"].any()
    s = load_text(tmp_path, laptops_text.replace("leader: gamma", "leader: beta\n    expect: fail\n"
                                                 "    reason: beta is slow"))
    assert s.check_verdicts()["as_expected"].all()


def test_expect_per_method(tmp_path: Path, laptops_text: str) -> None:
    # under power_user gamma leads with TOPSIS and WSM; claim beta and expect failure only for wsm
    text = laptops_text.replace("leader: gamma", "leader: beta\n    expect: {wsm: fail}")
    df = load_text(tmp_path, text).check_verdicts()
    row = df[df["id"] == "v.power"].set_index("method")
    assert row.loc["wsm", "expect"] == "fail" and row.loc["wsm", "as_expected"]
    assert row.loc["topsis", "expect"] == "hold" and not row.loc["topsis", "as_expected"]
    bad = laptops_text.replace("leader: gamma", "leader: gamma\n    expect: {wpm: fail}")
    with pytest.raises(StudyValidationError, match="expect names method 'wpm'"):
        load_text(tmp_path, bad)
