"""Unit tests: options, errors with their messages, degenerate cases, method objects, Study.compare_methods."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import mcda
from mcda.compare import compare_rankings, kendall_tau, spearman, weighted_spearman, ws_coefficient
from mcda.errors import InputError, NormalizationError
from mcda.kernels import (
    copras,
    copras_details,
    edas,
    preference_matrices,
    promethee_ii,
    vikor,
    vikor_compromise,
    waspas,
)
from mcda.methods import EDAS, PROMETHEE_II, VIKOR, WASPAS, get_method, method_names
from mcda.weights import bwm, bwm_details, critic, entropy, merec, rank_reciprocal, rank_sum, roc, std, swara

X = np.array([[1.0, 3000.0], [2.0, 3750.0], [5.0, 4500.0]])
B = np.array([True, False])
LAPTOPS = Path(__file__).resolve().parents[1] / "data" / "laptops.yaml"

# ------------------------------------------------------------------------------ VIKOR


def test_vikor_v_is_checked() -> None:
    for bad in (-0.1, 1.5, "half"):
        with pytest.raises(InputError, match="v must be"):
            vikor(X, [0.5, 0.5], B, v=bad)  # type: ignore[arg-type]


def test_vikor_v_moves_q_between_s_and_r() -> None:
    w = [0.6, 0.4]
    r1, r0 = vikor(X, w, B, v=1.0), vikor(X, w, B, v=0.0)
    rescale = lambda a: (a - a.min()) / (a.max() - a.min())  # noqa: E731
    np.testing.assert_allclose(r1.Q, rescale(r1.S))
    np.testing.assert_allclose(r0.Q, rescale(r0.R))


def test_vikor_compromise_sets() -> None:
    # C1 fails (Q gap 0.25 < DQ = 0.5): every alternative within DQ of the best is in the set.
    r = mcda.kernels.VikorResult(np.array([0.2, 0.3, 0.9]), np.array([0.1, 0.2, 0.5]), np.array([0.0, 0.25, 1.0]))
    c = vikor_compromise(r)
    assert not c.advantage and c.stability
    np.testing.assert_array_equal(c.compromise, [True, True, False])
    # C2 fails only: the best two.
    r = mcda.kernels.VikorResult(np.array([0.5, 0.2, 0.9]), np.array([0.3, 0.1, 0.5]), np.array([0.0, 0.6, 1.0]))
    c = vikor_compromise(r)
    assert c.advantage and not c.stability
    np.testing.assert_array_equal(c.compromise, [True, True, False])
    # One alternative: it is the compromise, conditions hold.
    c = vikor_compromise(vikor(X[:1], [0.5, 0.5], B))
    assert c.advantage and c.stability and c.compromise.tolist() == [True]


def test_vikor_compromise_checks_shapes() -> None:
    with pytest.raises(InputError, match="one shape"):
        vikor_compromise(mcda.kernels.VikorResult(np.zeros(3), np.zeros(3), np.zeros(2)))


# -------------------------------------------------------------------------- PROMETHEE


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({"preference": "sigmoid"}, r"preference must be one of 'usual', 'u-shape'"),
        ({"preference": "v-shape"}, r"criterion 0: preference function 'v-shape' needs p > 0; got p = 0"),
        ({"preference": "linear", "q": 2.0, "p": 1.0}, r"criterion 0: preference function 'linear' needs p > q"),
        ({"preference": "level", "q": 1.0, "p": 1.0}, r"'level' needs p > q"),
        ({"preference": "gaussian"}, r"'gaussian' needs s > 0"),
        ({"preference": ["usual"]}, r"preference must be one value or 2 values"),
        ({"preference": "u-shape", "q": [1.0, -1.0]}, r"q\[1\] = -1: thresholds must be finite and non-negative"),
        ({"preference": "u-shape", "q": [1.0, 2.0, 3.0]}, r"q must be one number or 2 numbers"),
    ],
)
def test_promethee_parameters_are_checked(kwargs: dict[str, object], pattern: str) -> None:
    with pytest.raises(InputError, match=pattern):
        promethee_ii(X, [0.5, 0.5], B, **kwargs)  # type: ignore[arg-type]


def test_preference_functions_by_hand() -> None:
    """Each generalised criterion on d = 0, 1, 2, 3, 5 (q = 1, p = 3, s = 2)."""
    col = np.array([[0.0], [1.0], [2.0], [3.0], [5.0]])
    d = col[:, 0]
    expected = {
        "usual": d > 0,
        "u-shape": d > 1,
        "v-shape": np.minimum(d / 3, 1),
        "level": np.where(d > 3, 1.0, np.where(d > 1, 0.5, 0.0)),
        "linear": np.clip((d - 1) / 2, 0, 1),
        "gaussian": 1 - np.exp(-(d**2) / 8),
    }
    for name, values in expected.items():
        P = preference_matrices(col, [True], name, q=1.0, p=3.0, s=2.0)
        np.testing.assert_allclose(P[:, 0, 0], values, atol=1e-15, err_msg=name)  # preference over alternative 0
        np.testing.assert_array_equal(P[0, :, 0], 0.0)  # the worst is preferred to nobody


def test_promethee_cost_criterion_reverses_preference() -> None:
    col = np.array([[1.0], [4.0]])
    assert preference_matrices(col, [False])[0, 1, 0] == 1.0
    assert preference_matrices(col, [True])[1, 0, 0] == 1.0


def test_promethee_single_alternative_has_zero_flows() -> None:
    r = promethee_ii(X[:1], [[0.5, 0.5], [0.2, 0.8]], B)
    assert r.phi.shape == (2, 1)
    np.testing.assert_array_equal(r.phi_plus, 0.0)
    np.testing.assert_array_equal(r.phi_minus, 0.0)


# ------------------------------------------------------------------- COPRAS, EDAS, WASPAS


def test_copras_zero_cost_sum_takes_the_limit() -> None:
    """An alternative with zero on the (only) cost criterion takes the whole cost term."""
    Xz = np.array([[10.0, 0.0], [20.0, 5.0], [30.0, 10.0]])
    w = np.array([0.5, 0.5])
    Q = copras(Xz, w, B)
    assert np.isfinite(Q).all()
    s_plus = w[0] * Xz[:, 0] / Xz[:, 0].sum()
    np.testing.assert_allclose(Q, s_plus + np.array([0.5, 0.0, 0.0]))
    # Approaching the limit continuously from a small positive cost.
    Xe = Xz.copy()
    Xe[0, 1] = 1e-9
    np.testing.assert_allclose(copras(Xe, w, B), Q, atol=1e-6)


def test_copras_refuses_negative_values() -> None:
    with pytest.raises(NormalizationError, match=r"X\[1, 0\] = -1: COPRAS normalises each column by its sum"):
        copras([[1.0, 1.0], [-1.0, 2.0]], [0.5, 0.5], B)


def test_copras_details_utility_is_percent_of_best() -> None:
    d = copras_details([[10.0, 5.0], [20.0, 10.0], [30.0, 5.0]], [0.5, 0.5], B)
    assert d.utility.max() == 1.0
    np.testing.assert_allclose(d.weighted[:, B].sum(axis=1), d.s_plus)


def test_edas_refuses_a_non_positive_average() -> None:
    with pytest.raises(NormalizationError, match=r"X\[:, 0\] averages to -1: EDAS .* positive average"):
        edas([[-3.0, 1.0], [1.0, 2.0]], [0.5, 0.5], B)
    # A constant column may average to anything: it contributes nothing.
    S = edas([[-2.0, 1.0], [-2.0, 2.0]], [0.5, 0.5], B)
    np.testing.assert_allclose(S, [1.0, 0.0])


def test_edas_all_constant_gives_one_half() -> None:
    np.testing.assert_array_equal(edas(np.ones((3, 2)), [0.5, 0.5], B), 0.5)


def test_waspas_lambda_is_checked_and_interpolates() -> None:
    with pytest.raises(InputError, match="lambda_ must be in"):
        waspas(X, [0.5, 0.5], B, lambda_=2.0)
    w = [0.3, 0.7]
    both = [waspas(X, w, B, lambda_=lam) for lam in (0.0, 0.4, 1.0)]
    np.testing.assert_allclose(both[1], 0.4 * both[2] + 0.6 * both[0])
    np.testing.assert_allclose(both[2], mcda.kernels.wsm(X, w, B))
    np.testing.assert_allclose(both[0], mcda.kernels.wpm(X, w, B))


def test_waspas_zero_on_cost_names_the_cell() -> None:
    with pytest.raises(NormalizationError, match=r"X\[0, 1\] = 0"):
        waspas([[1.0, 0.0], [2.0, 1.0]], [0.5, 0.5], B)


# --------------------------------------------------------------------- method objects


def test_methods_are_registered_with_their_direction() -> None:
    assert {"vikor", "promethee_ii", "copras", "edas", "waspas"} <= set(method_names())
    assert get_method("vikor").higher_is_better is False
    for name in ("promethee_ii", "copras", "edas", "waspas"):
        assert get_method(name).higher_is_better is True
    assert get_method("waspas", lambda_=0.2) == WASPAS(lambda_=0.2)
    assert get_method("promethee_ii", preference=["usual", "gaussian"], s=[0, 2]).preference == ("usual", "gaussian")


def test_explanations_add_up() -> None:
    w = np.array([0.6, 0.4])
    v = VIKOR().explain(X, w, B)["weighted_distance"]
    r = vikor(X, w, B)
    np.testing.assert_allclose(v.sum(axis=1), r.S)
    np.testing.assert_allclose(v.max(axis=1), r.R)
    p = PROMETHEE_II().explain(X, w, B)["net_flow_contribution"]
    np.testing.assert_allclose(p.sum(axis=1), promethee_ii(X, w, B).phi)
    e = EDAS().explain(X, w, B)
    assert e["positive"].shape == X.shape


def test_study_scores_with_every_new_method() -> None:
    study = mcda.load_study(LAPTOPS)
    for name in ("vikor", "promethee_ii", "copras", "edas", "waspas"):
        res = study.score("power_user", name)
        assert res.method == name and len(res.ranking) == 3
        assert np.isfinite(res.scores).all()
        res.explain()
    assert study.score("power_user", "vikor").higher_is_better is False


# ---------------------------------------------------------------------------- weights


def test_objective_weight_errors() -> None:
    with pytest.raises(InputError, match="need at least 2 alternatives"):
        entropy([[1.0, 2.0]], [True, True])
    with pytest.raises(NormalizationError, match=r"X\[0, 1\] = -1: entropy weighting needs non-negative"):
        entropy([[1.0, -1.0], [2.0, 3.0]], [True, True])
    with pytest.raises(InputError, match="normalization must be one of 'sum', 'max'"):
        entropy([[1.0, 1.0], [2.0, 3.0]], [True, True], normalization="vector")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="cost must be one of 'invert', 'as-benefit'"):
        critic([[1.0, 1.0], [2.0, 3.0]], [True, True], cost="flip")  # type: ignore[arg-type]
    with pytest.raises(NormalizationError, match=r"X\[1, 0\] = 0: MEREC .* needs values > 0"):
        merec([[1.0, 1.0], [0.0, 3.0]], [True, True])
    with pytest.raises(InputError, match="no criterion separates the alternatives"):
        std([[1.0, 2.0], [1.0, 2.0]], [True, False])


def test_entropy_max_normalisation_changes_only_cost_columns() -> None:
    Xp = np.array([[1.0, 4.0, 2.0], [2.0, 5.0, 7.0], [4.0, 9.0, 3.0]])
    all_benefit = np.ones(3, dtype=bool)
    np.testing.assert_allclose(entropy(Xp, all_benefit, "max"), entropy(Xp, all_benefit))
    mixed = np.array([True, False, True])
    assert not np.allclose(entropy(Xp, mixed, "max"), entropy(Xp, mixed))


def test_rank_weights_with_ties_average_positions() -> None:
    w = roc([1, 2, 2, 4])
    full = roc([1, 2, 3, 4])
    np.testing.assert_allclose(w, [full[0], (full[1] + full[2]) / 2, (full[1] + full[2]) / 2, full[3]])
    np.testing.assert_allclose(roc([1, 2, 2, 3]), w)  # dense ranks give the same
    np.testing.assert_allclose(rank_sum([3, 1, 2]), [1 / 6, 3 / 6, 2 / 6])
    np.testing.assert_allclose(rank_reciprocal([2, 1]), [1 / 3, 2 / 3])
    with pytest.raises(InputError, match=r"ranks\[1\] = nan: values must be finite"):
        roc([1, float("nan")])


def test_swara_errors_and_one_criterion() -> None:
    np.testing.assert_array_equal(swara([]), [1.0])
    with pytest.raises(InputError, match=r"s\[1\] = -0.2: comparative importances must be non-negative"):
        swara([0.1, -0.2])


def test_bwm_errors() -> None:
    with pytest.raises(InputError, match="must have one entry per criterion"):
        bwm([1, 2, 3], [3, 1])
    with pytest.raises(InputError, match=r"best_to_others\[2\] = 0.5: BWM comparisons are >= 1"):
        bwm([1, 2, 0.5], [3, 2, 1])
    with pytest.raises(InputError, match=r"best_to_others\[2\] = 4 and others_to_worst\[0\] = 5 both state a_BW"):
        bwm([1, 2, 4], [5, 2, 1])
    with pytest.raises(InputError, match="needs a 1 at the best criterion"):
        bwm([2, 2, 4], [4, 2, 1])


def test_bwm_inconsistent_comparisons_have_positive_xi_and_cr() -> None:
    r = bwm_details([1, 2, 8], [8, 2, 1])  # 2 * 2 != 8: inconsistent
    assert r.xi > 0 and r.consistency_ratio == pytest.approx(abs(2 * 2 - 8) / (8 * 8 - 8))
    assert (r.best, r.worst) == (0, 2)
    assert r.weights.sum() == pytest.approx(1.0) and r.weights[0] > r.weights[1] > r.weights[2]


# ------------------------------------------------------------------------- comparison


def test_rank_coefficient_edge_cases() -> None:
    assert spearman([1, 1, 1], [1, 2, 3]) == 0.0 and spearman([2, 2], [1, 1]) == 1.0
    assert kendall_tau([1], [1]) == 1.0 and weighted_spearman([1], [1]) == 1.0 and ws_coefficient([1], [1]) == 1.0
    with pytest.raises(InputError, match="compatible shapes"):
        spearman([1, 2, 3], [1, 2])
    with pytest.raises(InputError, match="at least two rankings"):
        compare_rankings({"a": [1, 2]})


def test_ws_is_not_symmetric_but_rw_is() -> None:
    x, y = [1, 2, 3, 4], [2, 1, 4, 3]
    assert weighted_spearman(x, y) == weighted_spearman(y, x)
    z = [1, 3, 2, 4]
    assert ws_coefficient(x, z) != ws_coefficient(z, [1, 2, 4, 3])


def test_study_compare_methods() -> None:
    study = mcda.load_study(LAPTOPS)
    df = study.compare_methods("power_user", methods=["topsis", "vikor", "copras"])
    assert list(df.columns) == ["reference", "other", "spearman", "kendall", "weighted_spearman", "ws"]
    assert len(df) == 6 and set(df["reference"]) == {"topsis", "vikor", "copras"}
    ranks = df.attrs["ranks"]
    assert list(ranks.index) == study.alternatives and list(ranks.columns) == ["topsis", "vikor", "copras"]
    # VIKOR is lower-is-better: its ranks come from the Q order, not the raw Q values.
    q = study.score("power_user", "vikor").scores
    assert ranks["vikor"].idxmin() == q.idxmin()
    row = df[(df.reference == "topsis") & (df.other == "vikor")].iloc[0]
    assert row.spearman == pytest.approx(spearman(ranks["topsis"], ranks["vikor"]))
    both = study.compare_methods(methods=["wsm", get_method("topsis", normalization="minmax")])
    assert "balanced/wsm" in set(both.reference) and "power_user/TOPSIS(normalization='minmax')" in set(both.other)
    assert len(both) == 4 * 3
