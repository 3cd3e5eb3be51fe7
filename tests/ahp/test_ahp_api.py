"""mcda.ahp: labels in and out, consistency and diagnostics, incomplete and group matrices, bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import least_squares

from mcda import ahp
from mcda.errors import InputError, JudgementError
from mcda.kernels import ahp as k_ahp
from mcda.kernels.ahp_group import aggregate_judgements, aggregate_priorities, judgement_dispersion
from mcda.kernels.ahp_incomplete import comparison_groups, harker_priorities, llsm_priorities
from mcda.kernels.ahp_synthesis import ahp_synthesis

NAN = float("nan")
ITEMS = ["data", "edge", "open", "iter"]
# A slightly inconsistent 4 x 4 matrix (CR about 0.03).
A4 = np.array([[1, 3, 5, 2], [1 / 3, 1, 2, 1 / 2], [1 / 5, 1 / 2, 1, 1 / 3], [1 / 2, 2, 3, 1]])
# The incomplete 4 x 4 example of Bozoki, Fulop & Ronyai (2010): a_34 missing.
BFR = np.array([[1, 1, 5, 2], [1, 1, 3, 4], [1 / 5, 1 / 3, 1, NAN], [1 / 2, 1 / 4, NAN, 1]])


def frame(A: np.ndarray, items: list[str] = ITEMS) -> pd.DataFrame:
    return pd.DataFrame(A, index=items, columns=items)


# ------------------------------------------------------------------ priorities


@pytest.mark.parametrize("method", ["eigen", "geometric", "column_mean"])
def test_labels_are_kept_and_columns_follow_the_rows(method: str) -> None:
    df = frame(A4)
    p = ahp.priorities(df, method)
    assert isinstance(p, pd.Series) and list(p.index) == ITEMS
    np.testing.assert_allclose(p.to_numpy(), ahp.priorities(A4, method), rtol=1e-12)
    shuffled = df[["iter", "open", "data", "edge"]]  # same matrix, columns in another order
    pd.testing.assert_series_equal(ahp.priorities(shuffled, method), p)


def test_column_mean_by_hand() -> None:
    """Normalise each column to sum 1, then average the rows."""
    cols = A4 / A4.sum(axis=0)
    np.testing.assert_allclose(ahp.priorities(A4, "column_mean"), cols.mean(axis=1), rtol=1e-12)


def test_priorities_refuse_a_missing_judgement_and_point_to_complete() -> None:
    with pytest.raises(JudgementError, match=r"A\[2, 3\] is missing \(nan\).*mcda.ahp.complete"):
        ahp.priorities(BFR)


@pytest.mark.parametrize(
    ("df", "pattern"),
    [
        (pd.DataFrame(np.ones((2, 2)), index=["a", "a"], columns=["a", "b"]), "item 'a' labels two rows"),
        (pd.DataFrame(np.ones((2, 2)), index=["a", "b"], columns=["a", "c"]), "rows and columns must list the same"),
        (pd.DataFrame([["x", 1], [1, 1]], index=["a", "b"], columns=["a", "b"]), "must hold real numbers"),
    ],
)
def test_bad_frames(df: pd.DataFrame, pattern: str) -> None:
    with pytest.raises(JudgementError, match=pattern):
        ahp.priorities(df)


# ----------------------------------------------------------------- consistency


def test_consistency_fields_agree_with_the_kernels() -> None:
    c = ahp.consistency(A4, ri="tummala_ling")
    assert c.n == 4 and c.ri_table == "tummala_ling" and c.ri == 0.8921
    assert c.lambda_max == pytest.approx(k_ahp.lambda_max(A4), rel=1e-12)
    assert c.ci == pytest.approx((c.lambda_max - 4) / 3, rel=1e-12)
    assert c.cr == pytest.approx(c.ci / 0.8921, rel=1e-12)
    assert c.gci == pytest.approx(k_ahp.geometric_consistency_index(A4), rel=1e-12)
    assert c.acceptable and c.inconsistent_judgements == () and c.to_frame().empty


def test_gci_by_an_explicit_double_loop() -> None:
    n = 4
    w = np.exp(np.log(A4).mean(axis=1))
    total = sum(np.log(A4[i, j] * w[j] / w[i]) ** 2 for i in range(n) for j in range(i + 1, n))
    assert k_ahp.geometric_consistency_index(A4) == pytest.approx(2 * total / ((n - 1) * (n - 2)), rel=1e-12)


def test_geometric_method_is_judged_on_the_gci_with_size_thresholds() -> None:
    A = np.array([[1, 2, 1], [1 / 2, 1, 2], [1, 1 / 2, 1]])  # GCI = ln^2(4) / 3 = 0.6406
    c = ahp.consistency(A, method="geometric")
    assert c.index == "gci" and c.threshold == 0.31 and not c.acceptable
    assert c.summary().startswith("GCI = 0.641 > 0.31;")
    assert ahp.consistency(A, method="geometric", threshold=0.7).acceptable
    assert [ahp.gci_threshold(n) for n in (1, 2, 3, 4, 5, 20)] == [0.37, 0.37, 0.31, 0.35, 0.37, 0.37]


def test_fixing_the_worst_judgement_improves_consistency() -> None:
    """The diagnostic's consistent value is a real repair: setting the worst judgement
    to it lowers the CR (Saaty's procedure for revising judgements)."""
    A = np.array([[1, 3, 1 / 5], [1 / 3, 1, 4], [5, 1 / 4, 1]])
    c = ahp.consistency(A)
    assert not c.acceptable and len(c.inconsistent_judgements) == 3
    d = c.inconsistent_judgements[0]
    B = A.copy()
    B[d.a, d.b], B[d.b, d.a] = d.consistent, 1 / d.consistent
    assert ahp.consistency(B).cr < c.cr
    assert len(ahp.consistency(A, top=1).inconsistent_judgements) == 1


def test_labelled_diagnostic_names_items() -> None:
    A = frame(np.array([[1, 9, 1 / 9, 1], [1 / 9, 1, 9, 1 / 9], [9, 1 / 9, 1, 9], [1, 9, 1 / 9, 1]]))
    c = ahp.consistency(A)
    assert not c.acceptable
    assert {c.inconsistent_judgements[0].a, c.inconsistent_judgements[0].b} <= set(ITEMS)
    assert list(c.to_frame().columns) == ["a", "b", "given", "consistent", "ratio"]


def test_small_matrices_are_consistent() -> None:
    for A in ([[1.0]], [[1, 7], [1 / 7, 1]]):
        c = ahp.consistency(A, ri="saaty_2005")
        assert c.cr == 0.0 and c.ci == pytest.approx(0.0, abs=1e-12) and c.acceptable


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({"ri": "saaty1980"}, "ri must be one of 'saaty', 'saaty_2005'"),
        ({"method": "mean"}, "method must be one of"),
        ({"threshold": -1}, "threshold must be a positive number"),
        ({"top": 0}, "top must be an integer >= 1"),
    ],
)
def test_bad_options(kwargs: dict[str, object], pattern: str) -> None:
    with pytest.raises((InputError, JudgementError), match=pattern):
        ahp.consistency(A4, **kwargs)  # type: ignore[arg-type]


def test_random_index_tables() -> None:
    assert ahp.random_index(3, "saaty") == 0.58 and ahp.random_index(15, "saaty_2005") == 1.59
    assert ahp.random_index(20, "donegan_dodd") == 1.5371 and ahp.random_index(2, "tummala_ling") == 0.0
    for name in ahp.RANDOM_INDEX_NAMES:
        assert ahp.random_index(1, name) == ahp.random_index(2, name) == 0.0
    for name, table in ahp.RANDOM_INDEX.items():
        values = [table[n] for n in sorted(table) if n >= 3]
        assert values == sorted(values), name  # increasing in n
    with pytest.raises(InputError, match=r"covers n = 1\.\.15"):
        ahp.random_index(16, "tummala_ling")
    with pytest.raises(InputError, match="n must be an integer >= 1"):
        ahp.random_index(0)
    assert ahp.random_index(200, "alonso_lamata") == pytest.approx((1.7699 * 200 - 4.3513) / 199)


# ------------------------------------------------------------- incomplete matrices


def test_harker_is_the_perron_vector_of_its_completion() -> None:
    """Harker (1987): filling each gap with w_i / w_j makes w the Perron vector of the
    completed matrix. Checked independently with scipy's eigensolver."""
    import scipy.linalg

    w = harker_priorities(BFR)
    C = ahp.complete(BFR, "harker")
    vals, vecs = scipy.linalg.eig(C)
    k = int(np.argmax(vals.real))
    v = np.abs(vecs[:, k].real)
    np.testing.assert_allclose(w, v / v.sum(), rtol=1e-10)
    assert C[2, 3] == pytest.approx(w[2] / w[3]) and C[3, 2] == pytest.approx(w[3] / w[2])
    np.testing.assert_array_equal(C[~np.isnan(BFR)], BFR[~np.isnan(BFR)])


def test_llsm_minimises_the_log_residuals() -> None:
    """Cross-check against a general least-squares solver on the given judgements only."""
    known = [(i, j) for i in range(4) for j in range(i + 1, 4) if not np.isnan(BFR[i, j])]

    def resid(y: np.ndarray) -> np.ndarray:
        return np.array([np.log(BFR[i, j]) - y[i] + y[j] for i, j in known] + [y.sum()])

    y = least_squares(resid, np.zeros(4), xtol=1e-14, ftol=1e-14, gtol=1e-14).x
    np.testing.assert_allclose(llsm_priorities(BFR), np.exp(y) / np.exp(y).sum(), rtol=1e-8)
    C = ahp.complete(BFR, "llsm")
    np.testing.assert_allclose(ahp.priorities(C, "geometric"), llsm_priorities(BFR), rtol=1e-12)


def test_complete_keeps_labels_and_complete_matrices_unchanged() -> None:
    C = ahp.complete(frame(BFR), "llsm")
    assert isinstance(C, pd.DataFrame) and list(C.index) == ITEMS and not C.isna().any().any()
    np.testing.assert_array_equal(ahp.complete(A4, "harker"), A4)


def test_disconnected_comparisons_name_the_groups() -> None:
    A = np.array([[1, 2, NAN, NAN], [1 / 2, 1, NAN, NAN], [NAN, NAN, 1, 3], [NAN, NAN, 1 / 3, 1]])
    assert comparison_groups(~np.isnan(A)) == [[0, 1], [2, 3]]
    with pytest.raises(JudgementError, match=r"groups \{0, 1\} and \{2, 3\} are never compared"):
        ahp.complete(A)
    with pytest.raises(JudgementError, match=r"items by position: \{0: 'data', 1: 'edge', 2: 'open', 3: 'iter'\}"):
        ahp.complete(frame(A), "llsm")


@pytest.mark.parametrize(
    ("A", "pattern"),
    [
        ([[1, 2, NAN], [1 / 2, 1, 2], [3, 1 / 2, 1]], r"A\[0, 2\] = nan but A\[2, 0\] = 3: a missing judgement"),
        ([[NAN, 2], [1 / 2, 1]], r"A\[0, 0\] = nan: an element compared with itself must be 1"),
        ([[1, -2], [-1 / 2, 1]], r"A\[0, 1\] = -2: pairwise judgements must be positive"),
        ([[1, np.inf], [0, 1]], r"A\[0, 1\] = inf: pairwise judgements must be finite"),
        ([[1, 2], [2, 1]], r"A\[0, 1\] = 2 but A\[1, 0\] = 2: judgements must be reciprocal"),
    ],
)
def test_bad_incomplete_matrices(A: list[list[float]], pattern: str) -> None:
    with pytest.raises(JudgementError, match=pattern):
        ahp.complete(A)


def test_unknown_completion_method() -> None:
    with pytest.raises(InputError, match="method must be one of 'harker', 'llsm'"):
        ahp.complete(BFR, "bozoki")


# --------------------------------------------------------------- group decisions


def test_aij_is_the_weighted_geometric_mean() -> None:
    B = np.array([[1, 5, 7, 4], [1 / 5, 1, 2, 1], [1 / 7, 1 / 2, 1, 1 / 2], [1 / 4, 1, 2, 1]])
    r = ahp.aggregate({"ann": frame(A4), "bob": frame(B)}, weights={"ann": 3, "bob": 1})
    G = np.exp(0.75 * np.log(A4) + 0.25 * np.log(B))
    np.testing.assert_allclose(r.matrix.to_numpy(), G, rtol=1e-12)
    np.testing.assert_allclose(r.priorities.to_numpy(), ahp.priorities(G), rtol=1e-12)
    assert r.weights.to_dict() == {"ann": 0.75, "bob": 0.25}
    assert list(r.individual.index) == ["ann", "bob"] and list(r.individual.columns) == ITEMS
    assert r.consistency is not None and r.consistency.n == 4
    # dispersion: weighted SD of the two log judgements = sqrt(w1 w2) |ln a - ln b|
    D = np.sqrt(0.75 * 0.25) * np.abs(np.log(A4) - np.log(B))
    np.testing.assert_allclose(r.dispersion.to_numpy(), D, rtol=1e-12, atol=1e-15)
    top = r.disagreements(1)
    assert (top.loc[0, "a"], top.loc[0, "b"]) == ("data", "iter")  # 2 vs 4: largest gap


def test_aip_means() -> None:
    B = A4.T  # the opposite opinion
    r = ahp.aggregate([A4, B], how="aip", method="geometric", mean="arithmetic")
    expected = (ahp.priorities(A4, "geometric") + ahp.priorities(B, "geometric")) / 2
    np.testing.assert_allclose(r.priorities, expected, rtol=1e-12)
    assert r.matrix is None and r.consistency is None
    np.testing.assert_allclose(aggregate_priorities([[0.5, 0.5], [0.9, 0.1]]), [0.75, 0.25])


def test_aij_and_aip_agree_for_geometric_priorities() -> None:
    """Forman & Peniwati (1998): with the geometric mean on both levels, AIJ = AIP."""
    B = np.array([[1, 5, 7, 4], [1 / 5, 1, 2, 1], [1 / 7, 1 / 2, 1, 1 / 2], [1 / 4, 1, 2, 1]])
    kw = {"weights": [2, 1], "method": "geometric"}
    np.testing.assert_allclose(
        ahp.aggregate([A4, B], "aij", **kw).priorities, ahp.aggregate([A4, B], "aip", **kw).priorities, rtol=1e-12
    )


@pytest.mark.parametrize(
    ("mats", "kwargs", "pattern"),
    [
        ([A4, BFR], {}, r"matrices\[1\]\[2, 3\] is missing \(nan\): group aggregation needs complete"),
        ([A4, np.eye(3)], {}, "all matrices must have the same shape"),
        ([], {}, "judgement_matrices is empty"),
        ([A4, A4], {"weights": [1, -1]}, r"weights\[1\] = -1: decision-maker weights must be finite"),
        ([A4, A4], {"weights": [0, 0]}, "weights sum to 0"),
        ([A4, A4], {"weights": [1]}, r"weights must have shape \(2,\)"),
        ([A4, A4], {"weights": {"x": 1, "y": 1}}, "weights names decision-makers"),
        ([A4, A4], {"how": "mean"}, "how must be one of 'aij', 'aip'"),
        ([frame(A4), frame(A4, ["a", "b", "c", "d"])], {}, r"matrices\[1\] compares items"),
        ([[[1, -1], [-1, 1]]], {}, r"matrices\[0\]\[0, 1\] = -1: pairwise judgements must be positive"),
    ],
)
def test_bad_group_input(mats: list[object], kwargs: dict[str, object], pattern: str) -> None:
    with pytest.raises((InputError, JudgementError), match=pattern):
        ahp.aggregate(mats, **kwargs)  # type: ignore[arg-type]


def test_group_kernels_direct() -> None:
    np.testing.assert_allclose(aggregate_judgements([A4, A4, A4]), A4, rtol=1e-12)
    assert np.all(judgement_dispersion([A4, A4]) == 0.0)


# ----------------------------------------------------------- judgements -> matrix


def test_judgement_matrix_forms_and_order() -> None:
    M = ahp.judgement_matrix([{"a": "x", "b": "y", "value": "1/3"}, ["y", "z", 2.5]], items=["z", "y", "x"])
    assert list(M.index) == ["z", "y", "x"]
    assert M.loc["x", "y"] == pytest.approx(1 / 3) and M.loc["y", "x"] == pytest.approx(3.0)
    assert M.loc["z", "y"] == pytest.approx(0.4) and np.isnan(M.loc["x", "z"])


@pytest.mark.parametrize(
    ("judgements", "kwargs", "pattern"),
    [
        ([("a", "a", 3)], {}, r"judgements\[0\]: self-comparison 'a' vs 'a'"),
        ([("a", "b", 3), ("b", "a", 3)], {}, r"judgements\[1\]: the pair \('a', 'b'\) is given twice with "
                                             r"contradicting values: 3 at judgements\[0\] means 1/3 here, not 3"),
        ([("a", "b", 3), ("a", "c", 2)], {"items": ["a", "b"]}, r"judgements\[1\]: 'c' is not one of the items"),
        ([("a", "b", 0)], {}, r"judgements\[0\]: judgement value 0 is not positive"),
        ([("a", "b", -3)], {}, r"judgements\[0\]: judgement value -3 is not positive"),
        ([("a", "b", float("inf"))], {}, r"judgements\[0\]: judgement value inf is not finite"),
        ([("a", "b", float("nan"))], {}, r"judgements\[0\]: judgement value nan is not finite"),
        ([("a", "b", "1/0")], {}, r"judgements\[0\]: judgement value '1/0' is not finite"),
        ([("a", "b", "three")], {}, r"judgements\[0\]: a judgement value is a positive number or a fraction"),
        ([("a", "b", True)], {}, r"judgements\[0\]: a judgement value is a positive number"),
        ([("a", "b", 10)], {}, r"judgements\[0\]: value 10 is outside the declared scale 'saaty' \(1/9..9\)"),
        ([("a", "b", "1/12")], {}, r"judgements\[0\]: value 1/12 is outside the declared scale"),
        ([("a", "b", 2), ("c", "d", 2)], {}, r"judgements: .*the groups \{a, b\} and \{c, d\} are never compared"),
        ([("a", "b")], {}, r"judgements\[0\]: a judgement list is \[a, b, value\] \(3 items\), got 2"),
        ([{"a": "x", "b": "y", "value": 2, "why": "?"}], {}, r"judgements\[0\]: Extra inputs are not permitted"),
    ],
)
def test_every_rejection_names_the_judgement(judgements: list[object], kwargs: dict[str, object],
                                             pattern: str) -> None:
    with pytest.raises(JudgementError, match=pattern):
        ahp.judgement_matrix(judgements, **kwargs)  # type: ignore[arg-type]


def test_positive_scale_and_agreeing_duplicates_are_accepted() -> None:
    M = ahp.judgement_matrix([("a", "b", 12.5), ("b", "a", 1 / 12.5)], scale="positive")
    assert M.loc["a", "b"] == 12.5
    with pytest.raises(InputError, match="scale must be one of 'saaty', 'positive'"):
        ahp.judgement_matrix([("a", "b", 2)], scale="ratio")


# ------------------------------------------------------------------- synthesis


def test_synthesis_by_hand_with_a_cost_leaf() -> None:
    """Distributive: x/sum(x) on benefit leaves, (1/x)/sum(1/x) on cost leaves; ideal: x/max, min/x."""
    X = np.array([[0.2, 100.0], [0.8, 300.0]])
    w = np.array([0.6, 0.4])
    cost = np.array([True, False])
    dist = 0.6 * X[:, 0] / X[:, 0].sum() + 0.4 * (1 / X[:, 1]) / (1 / X[:, 1]).sum()
    ideal = 0.6 * X[:, 0] / X[:, 0].max() + 0.4 * X[:, 1].min() / X[:, 1]
    np.testing.assert_allclose(ahp_synthesis(X, w, cost), dist, rtol=1e-12)
    np.testing.assert_allclose(ahp_synthesis(X, w, cost, "ideal"), ideal, rtol=1e-12)
    assert ahp_synthesis(X, w, cost).sum() == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("X", "benefit", "pattern"),
    [
        ([[1.0, 0.0], [2.0, 3.0]], [True, False], r"X\[0, 1\] = 0: normalization 'sum' inverts cost criteria"),
        ([[-1.0, 1.0], [2.0, 3.0]], [True, True], r"X\[0, 0\] = -1: normalization 'sum' needs non-negative"),
        ([[1.0, np.nan], [2.0, 3.0]], [True, True], r"X\[0, 1\] = nan: decision matrix values must be finite"),
    ],
)
def test_synthesis_refuses_data_off_a_ratio_scale(X: list[list[float]], benefit: list[bool], pattern: str) -> None:
    with pytest.raises(InputError, match=pattern):
        ahp_synthesis(X, [0.5, 0.5], benefit)


def test_synthesis_unknown_mode() -> None:
    with pytest.raises(InputError, match="mode must be one of 'distributive', 'ideal'"):
        ahp_synthesis([[1.0]], [1.0], [True], "supermatrix")  # type: ignore[arg-type]
