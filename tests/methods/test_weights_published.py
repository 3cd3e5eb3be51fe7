"""Published worked examples for SWARA, rank sum / rank reciprocal, linear BWM and the rank-similarity
coefficients r_w and WS.

Tolerance is half a unit in the last printed digit (5e-3 for two decimals, 5e-5 for four) unless a case
says otherwise. None of the original papers could be opened in full from this workplace (the stored
copies show only their first page). Every printed number below was read in a public secondary source
that quotes it together with the paper's inputs, and that source is named in the test: the research
notes and test suite of ``fatihaydost/kds-topsis-critic`` (commit b6a40fac / aa6760b6, which state that
the papers were read in full), and the reference tests of ``energyinpython/pyrepo-mcda`` and
``jwieckowski/pyfdm``. Where a printed value disagrees with the formula, the test says so and what it
asserts instead; library code was not changed for any of them.
"""

from __future__ import annotations

import numpy as np
import pytest

from mcda.compare import kendall_tau, spearman, weighted_spearman, ws_coefficient
from mcda.weights import bwm_details, rank_reciprocal, rank_sum, swara

# ----------------------------------------------------------------------------------- SWARA


def test_swara_kersuliene_zavadskas_turskis_2010() -> None:
    """Keršulienė, V., Zavadskas, E. K. and Turskis, Z. (2010). Selection of rational dispute
    resolution method by applying new step-wise weight assessment ratio analysis (SWARA).
    *Journal of Business Economics and Management* 11(2), 243-258. doi:10.3846/jbem.2010.12.
    Table 1 (six attributes of dispute resolution methods, sorted by importance).

    Read in: github.com/fatihaydost/kds-topsis-critic, ``docs/research/methods/swara.md``
    (commit b6a40fac), "Reference example", which quotes Table 1: comparative importance
    s_j = 0.15, 0.04, 0.29, 0.02, 0.04 (j = 2..6); coefficient k_j = 1.15, 1.04, 1.29, 1.02, 1.04;
    recalculated weight 1, 0.87, 0.84, 0.65, 0.64, 0.61; weight 0.22, 0.19, 0.18, 0.14, 0.14, 0.13.

    Convention: the paper calls the recalculated weight w_j and the final weight q_j; here the
    recalculated weight is ``w / w[0]`` (it is 1 for the first criterion). Two printed decimals.
    """
    w = swara([0.15, 0.04, 0.29, 0.02, 0.04])
    np.testing.assert_allclose(w, [0.22, 0.19, 0.18, 0.14, 0.14, 0.13], atol=5e-3)
    np.testing.assert_allclose(w / w[0], [1.0, 0.87, 0.84, 0.65, 0.64, 0.61], atol=5e-3)


# ------------------------------------------------------------------ rank sum, rank reciprocal


def test_rank_sum_and_reciprocal_roszkowska_2013_table_4() -> None:
    """Roszkowska, E. (2013). Rank ordering criteria weighting methods - a comparative overview.
    *Optimum. Studia Ekonomiczne* 5(65), 14-33. doi:10.15290/ose.2013.05.65.02. Table 4
    ("Approximations for criteria weights"), row n = 4, two decimals: RS 0.40, 0.30, 0.20, 0.10;
    RR 0.48, 0.24, 0.16, 0.12 (formulas of Stillwell, Seaver & Edwards 1981).

    Read in: github.com/fatihaydost/kds-topsis-critic, ``docs/research/methods/roc.md``
    (commit b6a40fac), "Reference example". The same notes list printed values in other rows of
    Table 4 that contradict the formulas, e.g. n = 5 RS printed 0.33, 0.27, 0.21, 0.12, 0.07 where
    2(n + 1 - k)/(n(n + 1)) gives exactly 1/3, 4/15, 0.2, 2/15, 1/15 (0.33, 0.27, 0.20, 0.13, 0.07),
    and n = 5 RR w3 printed 0.14 where 1/3 / H_5 = 0.146. Those rows are not used here.
    """
    np.testing.assert_allclose(rank_sum([1, 2, 3, 4]), [0.40, 0.30, 0.20, 0.10], atol=5e-3)
    np.testing.assert_allclose(rank_reciprocal([1, 2, 3, 4]), [0.48, 0.24, 0.16, 0.12], atol=5e-3)
    # The table lists weights by rank; the functions return them in the criteria's own order.
    np.testing.assert_allclose(rank_sum([3, 1, 4, 2]), [0.20, 0.40, 0.10, 0.30], atol=5e-3)
    np.testing.assert_allclose(rank_reciprocal([3, 1, 4, 2]), [0.16, 0.48, 0.12, 0.24], atol=5e-3)


# ------------------------------------------------------------------------------------- BWM


def test_bwm_rezaei_2016_car_purchase() -> None:
    """Rezaei, J. (2016). Best-worst multi-criteria decision-making method: some properties and a
    linear model. *Omega* 64, 126-130. doi:10.1016/j.omega.2015.12.001. Car purchase, criteria
    (quality, price, comfort, safety, style), best = price, worst = style.

    * Table 2 (fully consistent): a_B = (2, 1, 4, 2, 8), a_W = (4, 8, 2, 4, 1); linear model
      (Sec. 4) w = 0.2105, 0.4211, 0.1053, 0.2105, 0.0526, xi^L = 0.
    * Table 3: a_B = (2, 1, 4, 3, 8), a_W = (4, 8, 2, 3, 1); linear model w = 0.2295, 0.4481, 0.1148,
      0.1530, 0.0546, xi^L = 0.0109; nonlinear model (Sec. 3) xi* = 0.1459 with optimal-weight
      intervals [0.2145, 0.2289], [0.4461, 0.4571], [0.1085, 0.1176], [0.1563, 0.1602],
      [0.0548, 0.0561].
    * Table 4: a_B = (2, 1, 4, 3, 8), a_W = (4, 8, 4, 2, 1); nonlinear xi* = 1.

    Read in: github.com/fatihaydost/kds-topsis-critic, ``docs/research/methods/bwm.md``
    (commit b6a40fac), "Reference example" (quoting Tables 2-4 and Sec. 3-4). Four printed decimals.
    The nonlinear weights are not unique, so they are checked for membership of the printed
    intervals (widened by the printed rounding), not for equality.
    """
    consistent = bwm_details([2, 1, 4, 2, 8], [4, 8, 2, 4, 1])
    np.testing.assert_allclose(consistent.weights, [0.2105, 0.4211, 0.1053, 0.2105, 0.0526], atol=5e-5)
    assert consistent.xi == pytest.approx(0.0, abs=5e-5)
    assert (consistent.best, consistent.worst) == (1, 4)

    lin = bwm_details([2, 1, 4, 3, 8], [4, 8, 2, 3, 1])
    np.testing.assert_allclose(lin.weights, [0.2295, 0.4481, 0.1148, 0.1530, 0.0546], atol=5e-5)
    assert lin.xi == pytest.approx(0.0109, abs=5e-5)

    nonlin = bwm_details([2, 1, 4, 3, 8], [4, 8, 2, 3, 1], model="nonlinear")
    assert nonlin.xi == pytest.approx(0.1459, abs=5e-5)
    lo = np.array([0.2145, 0.4461, 0.1085, 0.1563, 0.0548])
    hi = np.array([0.2289, 0.4571, 0.1176, 0.1602, 0.0561])
    assert np.all(nonlin.weights >= lo - 5e-5) and np.all(nonlin.weights <= hi + 5e-5), nonlin.weights

    assert bwm_details([2, 1, 4, 3, 8], [4, 8, 4, 2, 1], model="nonlinear").xi == pytest.approx(1.0, abs=5e-5)


# ------------------------------------------------------------------- rank similarity: WS, r_w


RX = [1, 2, 3, 4, 5]


def test_ws_and_rank_correlations_salabun_urbaniak_2020() -> None:
    """Sałabun, W. and Urbaniak, K. (2020). A new coefficient of rankings similarity in
    decision-making problems. ICCS 2020, LNCS 12138, 632-645. doi:10.1007/978-3-030-50417-5_47.
    Reference ranking R_x = (1, 2, 3, 4, 5); four decimals.

    * Table 1 (adjacent swaps 1-2, 2-3, 3-4, 4-5): WS 0.7917, 0.8542, 0.9167, 0.9714; r_s 0.9 and
      Kendall tau 0.8 in every column.
    * Table 2 (one tied pair, mid-ranks): WS 0.8958, 0.9271, 0.9583, 0.9857; r_s 0.9747; tau 0.9487.
    * Table 4: R1 = (2, 3, 4, 5, 1), R3 = (2, 3, 5, 4, 1), R4 = (4, 2.5, 1, 5, 2.5): WS 0.6771, 0.6354,
      0.4180; r_s 0, -0.1, -0.0513; tau 0.2, 0, -0.1054 (R2 = (5, 1, 2, 3, 4): r_s 0, tau 0.2).
    * Table 1, r_w of the 2-3 swap: 0.8833.

    Read in: github.com/fatihaydost/kds-topsis-critic, ``tests/robustness.test.ts`` (commit
    aa6760b6), block "agreement: Sałabun & Urbaniak 2020 ... Tables 1-4", which quotes the tables from
    the open-access copy PMC7302865; and for r_w, github.com/energyinpython/pyrepo-mcda,
    ``tests/test_correlations.py`` (commit 8ea0d9f9), ``Test_Weighted_Spearman`` (also WS 0.8542 and
    r_s 0.9 for the same pair).

    Convention: ties enter as mid-ranks (1.5, 1.5, ...); ``ws_coefficient`` and ``spearman`` use the
    ranks as given, and with competition ranks (1, 1, 3, ...) they give other values.

    Disagreement: Table 4 prints WS = 0.3225 for R2; the WS formula gives 0.32552 (the quoting source
    reads it as two transposed digits). Not asserted against 0.3225; the formula value is asserted,
    worked by hand: 1 - (2^-1 * 4/4 + 2^-2 * 1/3 + 2^-3 * 1/2 + 2^-4 * 1/3 + 2^-5 * 1/4) = 0.325521.
    Table 3 is not used: its ranking columns were reconstructed by the quoting source, not read.
    """
    t1 = [[2, 1, 3, 4, 5], [1, 3, 2, 4, 5], [1, 2, 4, 3, 5], [1, 2, 3, 5, 4]]
    np.testing.assert_allclose(ws_coefficient(RX, t1), [0.7917, 0.8542, 0.9167, 0.9714], atol=5e-5)
    np.testing.assert_allclose(spearman(RX, t1), [0.9] * 4, atol=5e-5)
    np.testing.assert_allclose(kendall_tau(RX, t1), [0.8] * 4, atol=5e-5)
    assert float(weighted_spearman(RX, t1[1])) == pytest.approx(0.8833, abs=5e-5)

    t2 = [[1.5, 1.5, 3, 4, 5], [1, 2.5, 2.5, 4, 5], [1, 2, 3.5, 3.5, 5], [1, 2, 3, 4.5, 4.5]]
    np.testing.assert_allclose(ws_coefficient(RX, t2), [0.8958, 0.9271, 0.9583, 0.9857], atol=5e-5)
    np.testing.assert_allclose(spearman(RX, t2), [0.9747] * 4, atol=5e-5)
    np.testing.assert_allclose(kendall_tau(RX, t2), [0.9487] * 4, atol=5e-5)

    t4 = [[2, 3, 4, 5, 1], [5, 1, 2, 3, 4], [2, 3, 5, 4, 1], [4, 2.5, 1, 5, 2.5]]
    ws4 = ws_coefficient(RX, t4)
    np.testing.assert_allclose(ws4[[0, 2, 3]], [0.6771, 0.6354, 0.4180], atol=5e-5)
    assert ws4[1] == pytest.approx(1 - (1 / 2 + 1 / 12 + 1 / 16 + 1 / 48 + 1 / 128), abs=1e-12)
    np.testing.assert_allclose(spearman(RX, t4), [0.0, 0.0, -0.1, -0.0513], atol=5e-5)
    np.testing.assert_allclose(kendall_tau(RX, t4), [0.2, 0.2, 0.0, -0.1054], atol=5e-5)


def test_rw_and_ws_paradowski_baczkiewicz_watrobski_2021() -> None:
    """Paradowski, B., Bączkiewicz, A. and Wątróbski, J. (2021). Towards proper consumer choices -
    MCDM based product selection. *Procedia Computer Science* 192, 1347-1358.
    Two rankings of twelve products: x = (7, 11, 2, 1, 4, 9, 6, 3, 5, 10, 8, 12),
    y = (7, 11, 3, 2, 4, 9, 6, 1, 5, 10, 8, 12); r_w = 0.96, WS = 0.90 (two decimals).

    Read in: github.com/jwieckowski/pyfdm, ``tests/test_correlations.py`` (commit 594da178),
    ``test_weighted_spearman_coef`` and ``test_ws_rank_similarity_coef``, which cite this paper as
    the reference value. x is the reference ranking of WS.
    """
    x = [7, 11, 2, 1, 4, 9, 6, 3, 5, 10, 8, 12]
    y = [7, 11, 3, 2, 4, 9, 6, 1, 5, 10, 8, 12]
    assert float(weighted_spearman(x, y)) == pytest.approx(0.96, abs=5e-3)
    assert float(ws_coefficient(x, y)) == pytest.approx(0.90, abs=5e-3)
