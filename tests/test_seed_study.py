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


def raw(study: mcda.Study, alternative: str, leaf: str) -> float | None:
    return study.cells[(alternative, leaf)].value


def test_article_figures_are_encoded(study: mcda.Study) -> None:
    assert raw(study, "tencent", "agent_context.max_context") == 256
    assert raw(study, "stepfun", "agent_context.max_context") == 128
    assert raw(study, "tencent", "data.text_pretrain_tokens") == 7
    assert raw(study, "tencent", "edge.small_models") == 4  # 0.5B / 1.8B / 4B / 7B
    assert raw(study, "stepfun", "edge.small_models") == 0  # 未见独立推出小型端侧模型系列
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


# --- the audited readings (docs/studies/hunyuan_vs_stepfun.md, "Audit") ---------------------------
def items(study: mcda.Study, alternative: str, leaf: str) -> list:
    return [e for e in study.model.evidence if e.alternative == alternative and e.criterion == leaf]


def test_no_stepfun_corpus_from_step_audio_and_no_tencent_lead_time(study: mcda.Study) -> None:
    # 8000亿 is the text share of one speech model (以Step-Audio为例), not StepFun's LLM corpus
    assert items(study, "stepfun", "data.text_pretrain_tokens") == []
    assert study.cells[("stepfun", "data.text_pretrain_tokens")].missing.policy == "exclude-criterion"
    # 提前1年 is StepFun's; Tencent 不一定领先行业趋势 and no lead time is derived for it
    assert items(study, "tencent", "foresight.lead_time") == []
    assert study.cells[("tencent", "foresight.lead_time")].missing.policy == "exclude-criterion"
    excluded = set(study.evidence_matrix().excluded)
    assert {"data.text_pretrain_tokens", "foresight.lead_time", "iteration.models_per_year"} <= excluded


def test_stepfun_readings_follow_the_article(study: mcda.Study) -> None:
    # all four forecasts carry ✅ (业界共识正在形成 does not halve the car forecast)
    assert study.cells[("stepfun", "foresight.hit_rate")].lo == 1.0
    # 依赖合作伙伴芯片适配: chip support through partners, not zero vendors
    chips = study.model.criteria.find("edge.chip_vendors")
    levels = chips.scale.level_values()  # type: ignore[union-attr]
    assert {e.value for e in items(study, "stepfun", "edge.chip_vendors")} == {"via_partners"}
    assert raw(study, "stepfun", "edge.chip_vendors") > min(levels.values())
    # device classes agree with the deployments that count OPPO (落地案例: 外部合作(吉利、OPPO))
    cell = study.cells[("stepfun", "edge.device_classes")]
    assert (cell.lo, cell.hi) == (1.0, 2.0)
    assert any("OPPO" in (e.quote or "") for e in items(study, "stepfun", "edge.product_deployments"))


def test_tencent_readings_follow_the_article(study: mcda.Study) -> None:
    # 搜狗输入法 | 语音识别 is a deployment case, not a Tencent speech model
    assert all("搜狗" not in (e.quote or "") for e in items(study, "tencent", "iteration.multimodal_breadth"))
    ids = {e.id for e in study.model.evidence}
    # items the header declares unscored, and caveats, are not scored as support
    assert not ids & {"e.tencent.pace.risk", "e.tencent.mm_breadth.reorg", "e.tencent.ecosystem.privacy_caveat",
                      "e.tencent.terminal.strategy", "e.tencent.families.implied"}
    # vendor self-reports (partnerships, chip support, deployment lists) follow the 0.75 rule
    for item_id in ("e.stepfun.terminal.oppo", "e.tencent.chips.edge_section", "e.tencent.deployments.cases",
                    "e.stepfun.integration.partners"):
        assert next(e for e in study.model.evidence if e.id == item_id).confidence == 0.75, item_id


def test_reasoning_is_scored_and_counts_use_a_value_function(study: mcda.Study) -> None:
    assert {e.value for e in study.model.evidence if e.criterion == "agent_context.reasoning"} == {"reasoning_model"}
    leaves = {c.id: c for c in study.model.criteria.leaves()}
    assert leaves["edge.product_deployments"].value_function.kind == "log"  # type: ignore[union-attr]
    values = study.values().set_index(["alternative", "criterion"])
    row = values.loc[("tencent", "edge.product_deployments")]
    assert row["raw"] == 5 and row["value"] == pytest.approx(np.log2(6))


def test_explorer_profile_weights_cite_the_reader_sentence(study: mcda.Study) -> None:
    root = study.profile("terminal_agent_explorer").weights["root"]
    assert root["edge"] == 1 and root["engineering"] == 1 and root["foresight"] == 1  # baseline: no sentence
    assert root["iteration"] == 3 and root["agent_context"] == 2  # 快速技术迭代, 智能终端新场景
    desc = study.profile("terminal_agent_explorer").description or ""
    assert "快速技术迭代" in desc and "智能终端新场景" in desc


def test_verdict_status_across_methods(study: mcda.Study) -> None:
    status = study.verdict_status().set_index("id")
    assert status["as_expected"].all(), status[["status", "expect"]]
    dims = [v for v in status.index if not v.startswith("v10")]
    assert (status.loc[dims, "status"] == "holds under all").all()
    for v in ("v10a.terminal_explorer.stepfun", "v10b.long_term.stepfun"):
        assert status.loc[v, "status"] == "method-dependent"
        assert status.loc[v, "holds_under"] == "topsis" and status.loc[v, "fails_under"] == "wsm, ahp"


def test_the_study_doc_tables_are_the_library_output() -> None:
    """docs/studies/hunyuan_vs_stepfun.md's audit block is regenerated by examples/seed_study_audit.py."""
    import importlib.util

    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("seed_study_audit", root / "examples" / "seed_study_audit.py")
    assert spec is not None and spec.loader is not None
    audit = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(audit)
    doc = (root / "docs" / "studies" / "hunyuan_vs_stepfun.md").read_text(encoding="utf-8")
    block = doc.split(audit.BEGIN)[1].split(audit.END)[0]
    assert audit.report(flips=False).strip() in block, "run: python examples/seed_study_audit.py --write"
