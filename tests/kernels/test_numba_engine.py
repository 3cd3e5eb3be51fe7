"""The compiled engine (the ``fast`` extra) gives the numpy path's numbers, errors and defaults."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import mcda
from mcda.errors import InputError, MissingDependencyError, UnknownNameError
from mcda.methods import get_method
from mcda.methods._engine import numba_available

needs_numba = pytest.mark.skipif(not numba_available(), reason="numba (the 'fast' extra) is not installed")
CASES = [("topsis", n) for n in ("vector", "minmax", "max", "sum")] + \
        [("wsm", n) for n in ("max", "minmax", "sum", "vector", "none")]


@st.composite
def problems(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Matrices with ties, constant columns, zeros and mixed magnitudes; one weight vector."""
    m, n = draw(st.integers(1, 30)), draw(st.integers(1, 6))
    kind = draw(st.sampled_from(["floats", "grid", "constant"]))
    if kind == "grid":
        X = draw(arrays(np.int64, (m, n), elements=st.integers(0, 4))).astype(float)
    else:
        X = draw(arrays(np.float64, (m, n), elements=st.floats(1e-3, 1e4)))
        if kind == "constant":
            X[:, draw(st.integers(0, n - 1))] = draw(st.sampled_from([0.0, 2.5]))
    raw = draw(arrays(np.float64, (n,), elements=st.floats(0.0, 1.0)))
    raw[0] += 0.01
    return X, raw / raw.sum(), draw(arrays(np.bool_, (n,)))


def _both(name: str, norm: str, X: np.ndarray, w: np.ndarray, b: np.ndarray):  # type: ignore[no-untyped-def]
    """(numpy result or error, numba result or error)."""
    out = []
    for engine in ("numpy", "numba"):
        try:
            out.append(get_method(name, normalization=norm, engine=engine).scores(X, w, b))
        except mcda.MCDAError as exc:
            out.append(exc)
    return out


@needs_numba
@pytest.mark.parametrize(("name", "norm"), CASES)
@settings(max_examples=60, deadline=None)
@given(problem=problems())
def test_numba_equals_numpy(name: str, norm: str, problem) -> None:  # type: ignore[no-untyped-def]
    X, w, b = problem
    ref, got = _both(name, norm, X, w, b)
    if isinstance(ref, Exception):  # the same refusal, word for word
        assert type(got) is type(ref) and str(got) == str(ref)
        return
    np.testing.assert_allclose(got, ref, rtol=1e-12, atol=1e-12 * max(1.0, float(np.abs(ref).max())))


@needs_numba
@pytest.mark.parametrize(("name", "norm"), CASES)
def test_numba_at_a_larger_size_and_the_paths_it_hands_back(name: str, norm: str) -> None:
    rng = np.random.default_rng(4)
    X = rng.uniform(0.5, 200.0, (5000, 20))
    b = np.arange(20) % 3 != 0
    w = rng.dirichlet(np.ones(20))
    ref, got = _both(name, norm, X, w, b if norm != "none" else np.ones(20, dtype=bool))
    np.testing.assert_allclose(got, ref, rtol=1e-12, atol=1e-12 * float(np.abs(ref).max()))
    W = rng.dirichlet(np.ones(20), size=3)  # a batch: the numpy path, same numbers
    batch = get_method(name, normalization=norm, engine="numba").scores(X, W, np.ones(20, dtype=bool))
    np.testing.assert_array_equal(batch, get_method(name, normalization=norm).scores(X, W, np.ones(20, dtype=bool)))
    huge = X * 1e150  # outside the folding range: the general numpy path
    ref, got = _both(name, norm, huge, w, np.ones(20, dtype=bool))
    np.testing.assert_allclose(got, ref, rtol=1e-12, atol=1e-12 * float(np.abs(ref).max()))


@needs_numba
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_numba_refuses_what_numpy_refuses(bad: float) -> None:
    X = np.ones((4, 3))
    X[2, 1] = bad
    for name in ("topsis", "wsm"):
        ref, got = _both(name, "max", X, np.full(3, 1 / 3), np.array([True, False, True]))
        assert isinstance(ref, InputError) and type(got) is type(ref) and str(got) == str(ref)
        assert "X[2, 1]" in str(got)
    with pytest.raises(InputError, match="benefit"):
        get_method("topsis", engine="numba").scores(np.ones((2, 2)), np.full(2, 0.5), np.array([True]))


@needs_numba
@pytest.mark.parametrize("name", ["topsis", "wsm"])
def test_several_faults_are_reported_in_the_numpy_order(name: str) -> None:
    X = np.array([[1.0, np.nan], [2.0, 3.0]])
    for args in [(X, np.full(2, 0.5), np.array([True])),   # a bad X and a bad benefit: X first
                 (X, np.full(3, 0.5), np.array([True, True])),
                 (np.ones((2, 2)), np.full(2, 0.7), np.array([True, True])),   # weights not summing to 1
                 (np.ones(3), np.full(3, 1 / 3), np.array([True] * 3))]:
        ref, got = (_outcome(name, engine, *args) for engine in ("numpy", "numba"))
        assert isinstance(ref, mcda.MCDAError) and type(got) is type(ref) and str(got) == str(ref)


def _outcome(name: str, engine: str, *args: np.ndarray) -> object:
    try:
        return get_method(name, engine=engine).scores(*args)
    except mcda.MCDAError as exc:
        return exc


@needs_numba
def test_the_engine_reaches_a_study(laptops_path: Path) -> None:
    study = mcda.load_study(laptops_path)
    p = study.profiles[0]
    for name in ("topsis", "wsm"):
        ref = study.score(p, name).scores
        np.testing.assert_allclose(study.score(p, name, engine="numba").scores, ref, rtol=1e-12, atol=1e-15)


def test_asking_for_numba_without_it_names_the_extra() -> None:
    with mock.patch("mcda.methods._engine.numba_available", return_value=False):
        with pytest.raises(MissingDependencyError, match=r"pip install 'mcda-evidence\[fast\]'"):
            get_method("topsis", engine="numba")
        with pytest.raises(ImportError, match="numba"):
            get_method("wsm", engine="numba")
        assert get_method("wsm").engine == "numpy"  # the default never needs it


def test_unknown_engine_and_repr() -> None:
    with pytest.raises(UnknownNameError, match="unknown engine 'numbaa'"):
        get_method("topsis", engine="numbaa")
    assert repr(get_method("topsis")) == "TOPSIS(normalization='vector')"
    if numba_available():
        assert repr(get_method("wsm", engine="numba")) == "WSM(normalization='max', engine='numba')"


def test_making_a_numba_method_does_not_import_numba() -> None:
    code = ("import sys, mcda; from mcda.methods import get_method\n"
            "try:\n    get_method('topsis', engine='numba')\nexcept ImportError:\n    pass\n"
            "print('numba' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "False"
