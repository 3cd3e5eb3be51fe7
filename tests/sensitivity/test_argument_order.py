"""Arrays come in one order everywhere: ``(X, w, benefit, ...)`` as the kernels' ``(X, W, benefit)``.

The sensitivity functions that take one weight vector took ``(X, benefit, w)`` before; that order still gives
the same result for one deprecation cycle, with a DeprecationWarning naming the function and the new order.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from mcda import kernels, sensitivity
from mcda.arrays import DecisionArrays
from mcda.sensitivity.robustness import claim_robustness

X = np.array([[1.0, 5.0, 3.0], [3.0, 3.0, 4.0], [5.0, 0.5, 2.0], [2.0, 4.0, 5.0]])
W = np.array([0.5, 0.3, 0.2])
B = np.array([True, True, False])

def _min_change(f: Callable[..., Any], *a: Any, **k: Any) -> Any:
    r = f(*a, claim=0, method="wsm", **k)
    return (r.found, r.distance, None if r.weights is None else r.weights.tolist(), r.leader_after, r.exact)


def _robustness(f: Callable[..., Any], *a: Any, **k: Any) -> Any:
    r = f(*a, claim=0, paths=[], method="wsm", evidence="none", n_samples=500, **k)
    return (r.p_holds, r.p_holds_se)


def _arrays(f: Callable[..., Any], *a: Any, **k: Any) -> Any:
    arr = f(*a, **k)
    return (arr.X.tolist(), arr.w.tolist(), arr.benefit.tolist())


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "rank_reversal": sensitivity.rank_reversal,
    "min_change": sensitivity.min_change,
    "claim_robustness": claim_robustness,
    "DecisionArrays.from_matrix": DecisionArrays.from_matrix,
}
CURRENT: dict[str, Callable[..., Any]] = {
    "rank_reversal": lambda f, *a, **k: f(*a, method="topsis", checks=["remove"], **k).to_frame().values.tolist(),
    "min_change": _min_change,
    "claim_robustness": _robustness,
    "DecisionArrays.from_matrix": _arrays,
}


def _functions() -> list[str]:
    return sorted(CURRENT)


def _value(name: str, *args: Any, **kwargs: Any) -> Any:
    return CURRENT[name](FUNCTIONS[name], *args, **kwargs)


@pytest.mark.parametrize("name", _functions())
def test_the_signature_puts_the_weights_before_benefit(name: str) -> None:
    params = [p for p in inspect.signature(FUNCTIONS[name]).parameters if p != "cls"]
    assert params[:3] == ["X", "w", "benefit"]
    assert list(inspect.signature(kernels.topsis).parameters)[:3] == ["X", "W", "benefit"]


@pytest.mark.parametrize("name", _functions())
def test_the_old_order_gives_the_same_result_with_a_warning(name: str) -> None:
    new = _value(name, X, W, B)
    said = rf"{name}\(X, benefit, w, \.\.\.\) is deprecated.*{name}\(X, w, benefit".replace(".from", r"\.from")
    with pytest.warns(DeprecationWarning, match=said):
        old = _value(name, X, B, W)
    assert old == new
    with pytest.warns(DeprecationWarning):  # benefit positional, weights by keyword
        kw = _value(name, X, B, w=W)
    assert kw == new


@pytest.mark.parametrize("name", _functions())
def test_keywords_work_in_any_order_without_a_warning(name: str) -> None:
    assert _value(name, X, benefit=B, w=W) == _value(name, X, W, B)


@pytest.mark.parametrize("name", _functions())
def test_weights_in_the_benefit_place_are_still_refused(name: str) -> None:
    """A float vector where the mask belongs is not mistaken for the old order: the mask rule is named."""
    with pytest.raises(ValueError, match="benefit must be a boolean mask"):
        _value(name, X, W, W)
