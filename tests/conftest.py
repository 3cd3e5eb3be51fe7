from __future__ import annotations

import os
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import settings

# CI runs every property test on the same examples (a failing submission is one that fails for a reason
# anyone can reproduce with CI=1); locally the examples are random, so each run explores new ones.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

os.environ.setdefault("MPLBACKEND", "Agg")  # figures in tests never need a display

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
LAPTOPS = DATA / "laptops.yaml"
SEED = ROOT / "criteria" / "hunyuan_vs_stepfun.yaml"


@pytest.fixture
def laptops_text() -> str:
    return LAPTOPS.read_text(encoding="utf-8")


@pytest.fixture
def laptops_path() -> Path:
    return LAPTOPS


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def saaty_house() -> np.ndarray:
    """Saaty (1990), EJOR 48:9-26, Table 2: the 8 x 8 house-criteria comparisons (tests/data)."""
    rows = (DATA / "saaty_1990_house.csv").read_text(encoding="utf-8").splitlines()
    return np.array([[float(Fraction(x)) for x in r.split(",")] for r in rows if r and not r.startswith("#")])


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A Dask client on a 2-worker LocalCluster (worker processes), one per test module."""
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()
