"""AHP in study files: judgements at nodes and on leaves, located errors, warnings, synthesis modes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import mcda
from mcda.errors import StudyValidationError
from mcda.kernels.ahp_incomplete import harker_priorities

DATA = Path(__file__).resolve().parent / "data"
LEADER = (DATA / "leader.yaml").read_text(encoding="utf-8")


def load_text(tmp_path: Path, text: str) -> mcda.Study:
    f = tmp_path / "study.yaml"
    f.write_text(text, encoding="utf-8")
    return mcda.load_study(f)


def problems(tmp_path: Path, text: str, old: str, new: str) -> list[str]:
    assert old in text, f"fixture does not contain {old!r}"
    with pytest.raises(StudyValidationError) as info:
        load_text(tmp_path, text.replace(old, new, 1))
    return [str(p).replace(f"{tmp_path}/", "") for p in info.value.problems]


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


GOAL = "          - [charisma, age, 5]\n"
GOAL_LINE = line_of(LEADER, GOAL)
AT_GOAL = f"study.yaml:{GOAL_LINE} profiles[0].weights.goal.judgements[5]"


# ------------------------------------------------------------- located rejections


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("          - [charisma, charisma, 5]\n", ": self-comparison 'charisma' vs 'charisma'"),
        ("          - [charisma, ages, 5]\n",
         ": 'ages' is not one of the items compared at node 'goal' (experience, education, charisma, age)"),
        ("          - [charisma, age, 0]\n", ": judgement value 0 is not positive"),
        ("          - [charisma, age, -1/5]\n", ": judgement value '-1/5' is not positive"),
        ("          - [charisma, age, .inf]\n", ": judgement value inf is not finite"),
        ("          - [charisma, age, .nan]\n", ": judgement value nan is not finite"),
        ("          - [charisma, age, 11]\n", ": value 11 is outside the declared scale 'saaty' (1/9..9)"),
        ("          - [charisma, age, 1/10]\n", ": value 1/10 is outside the declared scale 'saaty' (1/9..9)"),
        ("          - [charisma, age, five]\n", ": a judgement value is a positive number or a fraction like '1/3'"),
        ("          - {a: charisma, b: age}\n", ".value: required key 'value' is missing"),
    ],
)
def test_judgement_rejections_are_located(tmp_path: Path, new: str, message: str) -> None:
    found = problems(tmp_path, LEADER, GOAL, new)
    assert len(found) == 1 and found[0].startswith(AT_GOAL + message), found


def test_contradicting_duplicate_is_located_at_the_second(tmp_path: Path) -> None:
    found = problems(tmp_path, LEADER, GOAL, GOAL + "          - [age, charisma, 3]\n")
    assert found == [f"study.yaml:{GOAL_LINE + 1} profiles[0].weights.goal.judgements[6]: the pair ('charisma', "
                     "'age') is given twice with contradicting values: 5 at judgements[5] means 1/5 here, not 3"]
    study = load_text(tmp_path, LEADER.replace(GOAL, GOAL + "          - [age, charisma, 1/5]\n"))  # agrees: fine
    assert study.weights("board").consistency["goal"].n == 4


def test_disconnected_node_judgements_name_the_groups(tmp_path: Path) -> None:
    text = LEADER.replace("          - [experience, age, 7]\n", "").replace("          - [education, age, 3]\n", "")
    found = problems(tmp_path, text, GOAL, "")
    assert len(found) == 1
    assert "profiles[0].weights.goal.judgements: the judgements at node 'goal' do not connect all items: the " \
           "groups {experience, education, charisma} and {age} are never compared with each other" in found[0]


def test_leaf_comparison_rejections(tmp_path: Path) -> None:
    old = "      - [dick, harry, 9]\n  - criterion: education"
    found = problems(tmp_path, LEADER, old, "      - [dick, harold, 9]\n  - criterion: education")
    assert found == [f"study.yaml:{line_of(LEADER, old)} comparisons[0].judgements[2]: 'harold' is not one of the "
                     "items compared at leaf 'experience' (tom, dick, harry)"]
    found = problems(tmp_path, LEADER, "      - [tom, harry, 5]\n      - [dick, harry, 9]\n", "")
    assert "comparisons[3].judgements: the judgements at leaf 'age' do not connect all items: the groups " \
           "{tom, dick} and {harry} are never compared" in found[0]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("  - criterion: age\n", "  - criterion: goal\n",
         "comparisons[3].criterion: 'goal' is an inner node; comparisons of alternatives sit on a leaf"),
        ("{id: age, name: Age, direction: max", "{id: age, name: Age, direction: min",
         "comparisons[3].criterion: leaf 'age' has direction 'min': pairwise comparisons of alternatives express "
         "preference"),
        ("{id: age, name: Age, direction: max, scale: {kind: ratio}}",
         "{id: age, name: Age, direction: max, scale: {kind: interval}}",
         "comparisons[3].criterion: leaf 'age' must have a ratio scale"),
        ("  - criterion: age\n    sources: [wiki]\n", "  - criterion: age\n    sources: [wikipedia]\n",
         "comparisons[3].sources[0]: unknown source 'wikipedia'"),
        ("  - criterion: age\n", "  - criterion: charisma\n",
         "comparisons[3].criterion: leaf 'charisma' already has comparisons at comparisons[2]"),
        ("profiles:\n", "missing:\n  - {alternative: tom, criterion: age, policy: worst}\nprofiles:\n",
         "comparisons[3].criterion: leaf 'age' has both comparisons and evidence or missing entries"),
        ("{id: age, name: Age,", "{id: ri, name: Age,",
         "criteria.children[3].id: criterion id 'ri' is reserved"),
    ],
)
def test_study_level_rejections(tmp_path: Path, old: str, new: str, message: str) -> None:
    found = problems(tmp_path, LEADER, old, new)
    assert any(message in p for p in found), found


def test_max_cr_turns_inconsistency_into_an_error(tmp_path: Path) -> None:
    found = problems(tmp_path, LEADER, GOAL, GOAL + "        max_cr: 0.02\n")
    assert found == [f"study.yaml:{line_of(LEADER, '      goal:') + 1} profiles[0].weights.goal.judgements: the "
                     "judgements at node 'goal' are inconsistent: CR = 0.044 (ri 'saaty') exceeds max_cr = 0.02; "
                     "revise the most inconsistent judgements (mcda.ahp.consistency lists them) or drop max_cr to "
                     "accept them with a warning"]
    study = load_text(tmp_path, LEADER.replace(GOAL, GOAL + "        max_cr: 0.05\n"))
    assert study.warnings == []


# ------------------------------------------------------------ warnings, not errors

INCONSISTENT = LEADER.replace("      - [tom, dick, 3]\n", "      - [tom, dick, 9]\n")  # education: Harry>Tom>Dick, 9
INCONSISTENT_NODE = LEADER.replace("          - [education, age, 3]\n", "          - [education, age, 1/9]\n")


def test_inconsistent_leaf_comparison_is_a_warning_in_study_and_results(tmp_path: Path) -> None:
    study = load_text(tmp_path, INCONSISTENT)
    cons = study.comparisons["education"].consistency
    assert not cons.acceptable and cons.cr > 0.1
    assert study.warnings == [study.comparisons["education"].warning]
    assert study.warnings[0].startswith("leaf 'education': inconsistent judgements, CR = ")
    assert "most inconsistent judgements: " in study.warnings[0]
    res = study.score("board", method="ahp")
    assert res.warnings == tuple(study.warnings)
    assert study.score("board", method="topsis", scope="goal").warnings == tuple(study.warnings)
    # priorities are still those of the judgements as given: no fallback to equal weights
    assert len(set(np.round(list(study.comparisons["education"].priorities.values()), 6))) == 3


def test_inconsistent_node_judgements_are_reported_in_effective_weights(tmp_path: Path) -> None:
    study = load_text(tmp_path, INCONSISTENT_NODE)
    ew = study.weights("board")
    assert not ew.consistency["goal"].acceptable
    assert len(ew.warnings) == 1 and ew.warnings[0].startswith("profile 'board' node 'goal': inconsistent judgements")
    assert study.warnings == list(ew.warnings)
    assert study.score("board", method="wsm").warnings == ew.warnings
    d = ew.consistency["goal"].inconsistent_judgements[0]
    w = ew.local["goal"]
    assert d.consistent == pytest.approx(w[str(d.a)] / w[str(d.b)])


# ------------------------------------------------------------------- hierarchy

TREE = """
title: Laptops, AHP on a two-level tree
alternatives:
  - {id: alpha, name: Alpha}
  - {id: beta, name: Beta}
  - {id: gamma, name: Gamma}
criteria:
  id: root
  name: Overall
  children:
    - {id: price, name: Price, direction: min, scale: {kind: ratio, unit: EUR}}
    - id: perf
      name: Performance
      children:
        - {id: cpu, name: CPU, direction: max, scale: {kind: ratio}}
        - {id: battery, name: Battery, direction: max, scale: {kind: ratio}}
        - {id: screen, name: Screen, direction: max, scale: {kind: ratio}}
    - {id: build, name: Build, direction: max, scale: {kind: ratio}}
sources:
  - {id: s, title: Reviews}
evidence:
  - {id: p1, alternative: alpha, criterion: price, value: 1200, sources: [s]}
  - {id: p2, alternative: beta, criterion: price, value: 900, sources: [s]}
  - {id: p3, alternative: gamma, criterion: price, value: 1500, sources: [s]}
  - {id: c1, alternative: alpha, criterion: cpu, value: 8000, sources: [s]}
  - {id: c2, alternative: beta, criterion: cpu, value: 6000, sources: [s]}
  - {id: c3, alternative: gamma, criterion: cpu, value: 12000, sources: [s]}
  - {id: b1, alternative: alpha, criterion: battery, value: 12, sources: [s]}
  - {id: b2, alternative: beta, criterion: battery, value: 15, sources: [s]}
  - {id: b3, alternative: gamma, criterion: battery, value: 8, sources: [s]}
comparisons:
  - criterion: screen
    sources: [s]
    judgements: [[alpha, beta, 2], [alpha, gamma, 1/2], [beta, gamma, 1/3]]
  - criterion: build
    judgements: [[alpha, beta, 3], [gamma, beta, 2], [alpha, gamma, 2]]
profiles:
  - id: ahp
    weights:
      root:
        judgements: [[perf, price, 2], [perf, build, 4], [price, build, 2]]
      perf:
        priority: geometric
        judgements: [[cpu, battery, 3], [cpu, screen, 5]]
"""


def test_two_level_tree_with_judgements_at_each_node(tmp_path: Path) -> None:
    study = load_text(tmp_path, TREE)
    ew = study.weights("ahp")
    root_w = {"perf": 4 / 7, "price": 2 / 7, "build": 1 / 7}  # consistent judgements: exact ratios
    for k, v in root_w.items():
        assert ew.local["root"][k] == pytest.approx(v, rel=1e-10)
    # perf has two judgements of three pairs: incomplete, completed by LLSM (priority: geometric)
    assert ew.consistency["perf"].completed and ew.consistency["perf"].index == "gci"
    nan = float("nan")
    perf = np.log([[1, 3, 5], [1 / 3, 1, nan], [1 / 5, nan, 1]])
    # LLSM with a star graph: the given judgements are fitted exactly
    y = np.array([0.0, -perf[0, 1], -perf[0, 2]])
    expected = np.exp(y) / np.exp(y).sum()
    np.testing.assert_allclose([ew.local["perf"][k] for k in ("cpu", "battery", "screen")], expected, rtol=1e-10)
    # global weights: products down the tree, for inner nodes and leaves
    assert ew.global_weights["root"] == 1.0
    assert ew.global_weights["perf"] == pytest.approx(4 / 7)
    assert ew.leaves["cpu"] == pytest.approx(4 / 7 * expected[0])
    assert sum(ew.leaves.values()) == pytest.approx(1.0)


def test_ahp_scores_by_hand_with_cost_evidence_and_comparisons(tmp_path: Path) -> None:
    """Independent computation of the distributive and ideal syntheses on the tree."""
    study = load_text(tmp_path, TREE)
    ew = study.weights("ahp")
    price = np.array([1200.0, 900.0, 1500.0])
    cpu, battery = np.array([8000.0, 6000.0, 12000.0]), np.array([12.0, 15.0, 8.0])
    screen = np.array(list(study.comparisons["screen"].priorities.values()))
    build = np.array(list(study.comparisons["build"].priorities.values()))
    cols = {"price": 1 / price, "cpu": cpu, "battery": battery, "screen": screen, "build": build}
    dist = sum(ew.leaves[k] * v / v.sum() for k, v in cols.items())
    ideal = sum(ew.leaves[k] * v / v.max() for k, v in cols.items())
    np.testing.assert_allclose(study.score("ahp", method="ahp").scores.to_numpy(), dist, rtol=1e-12)
    np.testing.assert_allclose(study.score("ahp", method="ahp", mode="ideal").scores.to_numpy(), ideal, rtol=1e-12)
    # the harker/eigen path on the compared leaves
    np.testing.assert_allclose(screen, harker_priorities([[1, 2, 1 / 2], [1 / 2, 1, 1 / 3], [2, 3, 1]]), rtol=1e-12)
    prov = study.provenance("gamma", "screen")
    assert prov.origin.startswith("from pairwise comparisons of the alternatives (eigen priorities; CR = ")
    assert [s.id for s in prov.sources] == ["s"] and prov.items == ()
    assert study.provenance("gamma", "cpu").origin == "from 1 evidence item(s)"
    assert study.matrix().loc["gamma", "screen"] == pytest.approx(screen[2])


# ---------------------------------------------------- ideal mode and rank reversal


def _values_study(alternatives: dict[str, tuple[float, float, float]]) -> str:
    """Three equally weighted leaves; each leaf compared pairwise with judgements that are
    the exact ratios of the given values (so the priorities are the normalised values)."""
    ids = list(alternatives)
    lines = ["title: rank reversal", "alternatives:"]
    lines += [f"  - {{id: {a}, name: {a}}}" for a in ids]
    lines += ["criteria:", "  id: root", "  name: R", "  children:"]
    lines += [f"    - {{id: c{k}, name: C{k}, direction: max, scale: {{kind: ratio}}}}" for k in range(3)]
    lines += ["comparisons:"]
    for k in range(3):
        lines += [f"  - criterion: c{k}", "    judgements:"]
        lines += [f"      - [{a}, {b}, {alternatives[a][k] / alternatives[b][k]!r}]"
                  for i, a in enumerate(ids) for b in ids[i + 1:]]
    lines += ["profiles:", "  - id: equal", "    weights:", "      root: {c0: 1, c1: 1, c2: 1}", ""]
    return "\n".join(lines)


def test_ideal_mode_keeps_the_ranking_when_a_copy_is_added(tmp_path: Path) -> None:
    """A Belton & Gear (1983)-style case: adding a copy of B reverses A and B in the
    distributive mode, not in the ideal mode (the reason ideal mode exists)."""
    three = {"a": (1.0, 9.0, 8.0), "b": (9.0, 1.0, 9.0), "c": (8.0, 9.0, 1.0)}
    four = {**three, "d": three["b"]}
    s3 = load_text(tmp_path, _values_study(three))
    (tmp_path / "four").mkdir()
    s4 = load_text(tmp_path / "four", _values_study(four))
    dist3, dist4 = (s.score("equal", method="ahp").scores for s in (s3, s4))
    assert dist3["b"] > dist3["a"] and dist4["a"] > dist4["b"]  # the reversal
    ideal3, ideal4 = (s.score("equal", method="ahp", mode="ideal").scores for s in (s3, s4))
    assert ideal3["b"] > ideal3["a"] and ideal4["b"] > ideal4["a"]
    np.testing.assert_allclose(ideal4[["a", "b", "c"]].to_numpy(), ideal3.to_numpy(), rtol=1e-9)


# --------------------------------------------------------------- seed study, CLI


def test_ahp_method_on_the_seed_study(seed_path: Path) -> None:
    study = mcda.load_study(seed_path)
    for p in study.profiles:
        for mode in ("distributive", "ideal"):
            res = study.score(p, method="ahp", mode=mode)
            assert np.all(np.isfinite(res.scores.to_numpy())) and res.method == "ahp"
        assert study.score(p, method="ahp").scores.sum() == pytest.approx(1.0)


def test_cli_runs_ahp(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from mcda.cli import main

    f = tmp_path / "leader.yaml"
    f.write_text(LEADER, encoding="utf-8")
    assert main(["run", str(f), "--method", "ahp", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "board,ahp,goal,dick,0.49" in out
    assert main(["verdicts", str(f)]) == 0


def test_cli_validate_prints_consistency_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from mcda.cli import main

    f = tmp_path / "leader.yaml"
    f.write_text(INCONSISTENT, encoding="utf-8")
    assert main(["validate", str(f)]) == 0
    err = capsys.readouterr().err
    assert err.startswith("warning: leaf 'education': inconsistent judgements, CR = ")


def test_seed_study_ahp_profile_is_defined_by_judgements(seed_path: Path) -> None:
    """The seed's ahp_dimensions root: a over b = 1 + difference in 核心优势 mentions (engineering
    and iteration 2, data/open_source/edge/foresight 1, agent_context 0); nearly consistent."""
    study = mcda.load_study(seed_path)
    rule = study.profile("ahp_dimensions").weights["root"]
    assert isinstance(rule, mcda.model.profiles.NodeRule) and len(rule.judgements) == 21
    ew = study.weights("ahp_dimensions")
    cons = ew.consistency["root"]
    assert cons.acceptable and cons.cr < 0.01 and ew.warnings == ()
    w = ew.local["root"]
    assert w["engineering"] == pytest.approx(w["iteration"]) and w["data"] == pytest.approx(w["foresight"])
    assert w["engineering"] > w["data"]
    assert w["data"] > w["agent_context"]
    listed = [o for o in study.verdict_outcomes() if o.method == "ahp"]
    assert len(listed) == 11 and all(o.as_expected for o in listed)
    assert all(o.holds for o in listed if not o.verdict.id.startswith("v10"))  # v1-v9 hold under AHP
    assert not any(o.holds for o in listed if o.verdict.id.startswith("v10"))  # recorded as not reproduced


def test_excluded_leaf_under_judgements_renormalises_the_rest(tmp_path: Path) -> None:
    """Priorities are computed over all children, then renormalised over those left after an
    exclude-criterion policy, exactly as direct weights are."""
    text = TREE.replace("  - {id: b3, alternative: gamma, criterion: battery, value: 8, sources: [s]}\n", "")
    text = text.replace("comparisons:\n", "missing:\n  - {alternative: gamma, criterion: battery, "
                        "policy: exclude-criterion}\ncomparisons:\n")
    full = load_text(tmp_path, TREE).weights("ahp").local["perf"]
    (tmp_path / "x").mkdir()
    ew = load_text(tmp_path / "x", text).weights("ahp")
    assert ew.excluded == ("battery",) and set(ew.local["perf"]) == {"cpu", "screen"}
    kept = full["cpu"] + full["screen"]
    assert ew.local["perf"]["cpu"] == pytest.approx(full["cpu"] / kept)
    assert ew.consistency["perf"].n == 3
