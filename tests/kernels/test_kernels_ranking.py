"""Unit tests of rank and near_ties."""

from __future__ import annotations

import numpy as np
import pytest

from mcda.errors import InputError
from mcda.kernels import near_ties, rank

S = np.array([0.2, 0.9, 0.5, 0.9, 0.1])


@pytest.mark.parametrize(
    ("ties", "expected"),
    [
        ("min", [4, 1, 3, 1, 5]),
        ("dense", [3, 1, 2, 1, 4]),
        ("ordinal", [4, 1, 3, 2, 5]),
        ("average", [4, 1.5, 3, 1.5, 5]),
    ],
)
def test_tie_policies(ties: str, expected: list[float]) -> None:
    r = rank(S, ties=ties)  # type: ignore[arg-type]
    np.testing.assert_array_equal(r, expected)
    assert r.dtype == (np.float64 if ties == "average" else np.int64)


def test_lower_is_better() -> None:
    np.testing.assert_array_equal(rank(S, higher_is_better=False), [2, 4, 3, 4, 1])


def test_three_way_tie_and_competition_ranking() -> None:
    s = [3.0, 1.0, 3.0, 2.0, 3.0]
    np.testing.assert_array_equal(rank(s), [1, 5, 1, 4, 1])
    np.testing.assert_array_equal(rank(s, ties="average"), [2, 5, 2, 4, 2])
    np.testing.assert_array_equal(rank(s, ties="ordinal"), [1, 5, 2, 4, 3])


def test_ties_within_default_tolerance() -> None:
    a = 0.1 + 0.2  # 0.30000000000000004
    np.testing.assert_array_equal(rank([a, 0.3, 0.1]), [1, 1, 3])
    np.testing.assert_array_equal(rank([a, 0.3, 0.1], atol=0.0), [1, 2, 3])
    # The default tolerance is relative: 1e-12 of the largest |score| of the row.
    np.testing.assert_array_equal(rank([1e6, 1e6 + 1e-7, 0.0]), [1, 1, 3])
    np.testing.assert_array_equal(rank([1.0, 1.0 + 1e-9]), [2, 1])


def test_explicit_atol_chains_neighbours() -> None:
    s = [1.0, 1.05, 1.1, 2.0]
    np.testing.assert_array_equal(rank(s, atol=0.06), [2, 2, 2, 1])
    np.testing.assert_array_equal(rank(s, ties="dense", atol=0.06), [2, 2, 2, 1])


def test_batched_rows_ranked_independently() -> None:
    s = np.array([[[0.1, 0.2, 0.3]], [[0.3, 0.3, 0.1]]])  # (2, 1, 3)
    r = rank(s)
    assert r.shape == (2, 1, 3)
    np.testing.assert_array_equal(r[0, 0], [3, 2, 1])
    np.testing.assert_array_equal(r[1, 0], [1, 1, 3])
    for ties in ("min", "dense", "ordinal", "average"):
        rb = rank(s, ties=ties)  # type: ignore[arg-type]
        for idx in np.ndindex(2, 1):
            np.testing.assert_array_equal(rb[idx], rank(s[idx], ties=ties))  # type: ignore[arg-type]


def test_empty_batch_and_single_alternative() -> None:
    assert rank(np.zeros((0, 4))).shape == (0, 4)
    np.testing.assert_array_equal(rank([5.0]), [1])


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({"scores": [0.1, np.nan]}, r"scores\[1\] = nan: scores must be finite"),
        ({"scores": 0.5}, r"scores must have shape \(\.\.\., m\)"),
        ({"scores": [0.1, 0.2], "ties": "first"}, "ties must be one of"),
        ({"scores": [0.1, 0.2], "atol": -1.0}, "atol must be finite and non-negative"),
    ],
)
def test_rank_invalid_input(kwargs: dict[str, object], pattern: str) -> None:
    with pytest.raises(InputError, match=pattern):
        rank(**kwargs)  # type: ignore[arg-type]


def test_near_ties() -> None:
    np.testing.assert_array_equal(near_ties([0.5, 0.5000001, 0.7, 0.1]), [True, True, False, False])
    np.testing.assert_array_equal(near_ties([0.5, 0.5001, 0.7]), [False, False, False])
    np.testing.assert_array_equal(near_ties([0.5, 0.5001, 0.7], rtol=1e-3), [True, True, False])
    np.testing.assert_array_equal(near_ties([0.5, 0.5001, 0.7], rtol=0, atol=0.2), [True] * 3)
    np.testing.assert_array_equal(near_ties([0.0, 0.0, 1.0]), [True, True, False])
    np.testing.assert_array_equal(near_ties([3.0]), [False])


def test_near_ties_batched() -> None:
    s = np.array([[0.1, 0.2, 0.1], [0.3, 0.2, 0.1]])
    np.testing.assert_array_equal(near_ties(s), [[True, False, True], [False, False, False]])


def test_near_ties_invalid_tolerance() -> None:
    with pytest.raises(InputError, match="rtol must be finite and non-negative"):
        near_ties([0.1, 0.2], rtol=np.nan)
