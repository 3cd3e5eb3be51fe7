"""The flagship study (criteria/hunyuan_vs_stepfun.yaml): evidence, coverage, verdicts."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

import mcda

ARTICLE_LINKS = 8


@pytest.fixture(scope="module")
def study() -> mcda.Study:
    return mcda.load_study(Path(__file__).resolve().parents[1] / "criteria" / "hunyuan_vs_stepfun.yaml")


def test_loads_with_the_article_dimensions(study: mcda.Study) -> None:
    dims = [c.id for c in study.model.criteria.children or ()]
    assert dims == ["data", "open_source", "agent_context", "edge", "engineering", "iteration", "foresight"]
    assert study.alternatives == ["tencent", "stepfun"]


def test_evidence_is_substantial_and_sourced(study: mcda.Study) -> None:
    m = study.model
    assert len(m.evidence) >= 50
    source_ids = {s.id for s in m.sources}
    assert "article" in source_ids
    links = [s for s in m.sources if s.url]
    assert len(links) == ARTICLE_LINKS and all(s.url.startswith("https://") for s in links)  # type: ignore[union-attr]
    for item in m.evidence:
        assert item.sources and set(item.sources) <= source_ids, item.id
        assert item.note, f"{item.id}: every item explains how its value was read"
    per_dim = Counter(e.criterion.split(".")[0] for e in m.evidence)
    assert all(per_dim[d] >= 5 for d in per_dim), per_dim


def test_confidence_follows_the_stated_rule(study: mcda.Study) -> None:
    # published figures are stronger than the author's judgement: ordinal (judgement) leaves never
    # carry more confidence than the strongest numeric figure
    leaves = {c.id: c for c in study.model.criteria.leaves()}
    numeric = [e.confidence for e in study.model.evidence if leaves[e.criterion].scale.kind != "ordinal"]  # type: ignore[union-attr]
    ordinal = [e.confidence for e in study.model.evidence if leaves[e.criterion].scale.kind == "ordinal"]  # type: ignore[union-attr]
    assert max(ordinal) <= max(numeric)
    assert np.mean(ordinal) < np.mean(numeric)


def test_every_cell_has_evidence_or_an_explicit_gap(study: mcda.Study) -> None:
    for a in study.alternatives:
        for leaf in study.leaves:
            cell = study.cells[(a, leaf)]
            assert cell.items or cell.missing is not None, (a, leaf)
            if not cell.items:
                assert cell.missing is not None and cell.missing.note, (a, leaf)
    assert np.isfinite(study.matrix().to_numpy()).all()


def test_article_figures_are_encoded(study: mcda.Study) -> None:
    X = study.matrix()
    assert X.loc["tencent", "agent_context.max_context"] == 256
    assert X.loc["stepfun", "agent_context.max_context"] == 128
    assert X.loc["tencent", "data.text_pretrain_tokens"] == 7
    assert X.loc["tencent", "edge.small_models"] == 4  # 0.5B / 1.8B / 4B / 7B
    assert X.loc["stepfun", "edge.small_models"] == 0  # 未见独立推出小型端侧模型系列
    quotes = " ".join(e.quote or "" for e in study.model.evidence)
    for fact in ("7万亿", "256K", "1.3亿", "600+", "16款", "显著优势", "压倒性优势", "非常准确"):
        assert fact in quotes, fact


REQUIRED_PROFILES = {"balanced", "enterprise_service", "terminal_agent_explorer", "short_term_1_2y",
                     "long_term_3_5y", "ahp_dimensions"}


def test_profiles_say_which_sentence_motivates_them(study: mcda.Study) -> None:
    assert REQUIRED_PROFILES <= set(study.profiles)
    for p in study.model.profiles:
        assert p.description and re.search(r"[\u4e00-\u9fff]", p.description), p.id
    balanced = study.weights("balanced").local["root"]
    assert np.allclose(list(balanced.values()), 1 / 7)


def test_every_verdict_is_checked_and_as_expected(study: mcda.Study) -> None:
    df = study.check_verdicts(robustness=False)
    assert len({v.split(".")[0] for v in df["id"]}) >= 11  # v1..v9, v10a, v10b
    assert {"topsis", "wsm"} <= set(df["method"])
    not_as_expected = df[~df["as_expected"]]
    assert not_as_expected.empty, not_as_expected[["id", "method", "margin"]]
    failing = df[~df["holds"]]
    assert (failing["reason"].str.len() > 50).all(), "a verdict that does not hold explains why"


def test_dimension_verdicts_hold_under_topsis_and_wsm(study: mcda.Study) -> None:
    df = study.check_verdicts(robustness=False)
    dims = df[df["id"].str.match(r"v[1-9]\.")]
    assert dims["holds"].all()
