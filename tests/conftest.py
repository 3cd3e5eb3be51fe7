from __future__ import annotations

from pathlib import Path

import pytest

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
