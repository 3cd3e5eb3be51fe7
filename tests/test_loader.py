"""Loading study files: every problem located by file, line and path, all reported at once."""

from __future__ import annotations

from pathlib import Path

import pytest

import mcda
from mcda.errors import MCDAError, StudyValidationError


def load_text(tmp_path: Path, text: str) -> mcda.Study:
    f = tmp_path / "study.yaml"
    f.write_text(text, encoding="utf-8")
    return mcda.load_study(f)


def broken(tmp_path: Path, text: str, old: str, new: str) -> StudyValidationError:
    assert old in text, f"fixture does not contain {old!r}"
    with pytest.raises(StudyValidationError) as info:
        load_text(tmp_path, text.replace(old, new, 1))
    return info.value


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def test_loads_fixture(laptops_path: Path) -> None:
    study = mcda.load_study(laptops_path)
    assert study.alternatives == ["alpha", "beta", "gamma"]
    assert study.leaves == ["cost.price", "perf.cpu", "perf.battery", "build"]
    assert "3 alternatives" in repr(study)


def test_errors_are_value_errors(tmp_path: Path, laptops_text: str) -> None:
    err = broken(tmp_path, laptops_text, "criterion: perf.cpu, value: 6000", "criterion: perf.cpus, value: 6000")
    assert isinstance(err, MCDAError) and isinstance(err, ValueError)


def test_unknown_criterion_names_file_line_path_and_known_leaves(tmp_path: Path, laptops_text: str) -> None:
    old = "criterion: perf.cpu, value: 6000"
    err = broken(tmp_path, laptops_text, old, "criterion: perf.cpus, value: 6000")
    line = line_of(laptops_text, old)
    msg = str(err)
    assert f"study.yaml:{line} evidence[5].criterion: unknown criterion 'perf.cpus'" in msg
    assert "did you mean 'perf.cpu'" in msg and "known leaves" in msg
    assert [p.line for p in err.problems if "perf.cpus" in p.message] == [line]


def test_all_problems_reported_together(tmp_path: Path, laptops_text: str) -> None:
    text = laptops_text.replace("sources: [review], confidence: 0.9}", "sources: [reviw], confidence: 0.9}")
    text = text.replace("value: excellent", "value: superb")
    text = text.replace("perf: {perf.cpu: 1, perf.battery: 1}", "perf: {perf.cpu: 1}")
    with pytest.raises(StudyValidationError) as info:
        load_text(tmp_path, text)
    msg = str(info.value)
    assert "unknown source 'reviw'" in msg
    assert "'superb' is not a level of criterion 'build'" in msg
    assert "child 'perf.battery' has no weight" in msg
    # one unknown source (used twice: one problem naming the other line), one level, one weight
    assert len(info.value.problems) == 3
    assert "unknown source 'reviw'" in msg and "also used at line " in msg


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ("value: 1200", "value: .nan", "finite"),
        ("value: 1200", "value: .inf", "finite"),
        ("value: 1200", "value: [1300, 1200]", "lo > hi"),
        ("value: 1200", "value: true", "must be a number, an ordinal level name or an interval"),
        ("value: 1200", "value: [1, 2, 3]", "interval [lo, hi] of two numbers"),
        ("value: 1200", "value: cheap", "numeric ratio scale"),
        ("value: 1200", "value: -5", "below the scale's lower bound 0"),
        ("value: 15,", "value: 50,", "above the scale's upper bound 48"),
        ("value: excellent", "value: 3", "ordinal scale: value must be one of its level names"),
        ("confidence: 0.9}", "confidence: 1.5}", "less than or equal to 1"),
        ("confidence: 0.9}", "confidence: 0}", "greater than 0"),
        ("confidence: 0.9}", 'confidence: "0.9"}', "valid number"),
        ("criterion: cost.price, value: 1200", "criterion: cost, value: 1200", "not a leaf"),
        ("alternative: beta, criterion: cost.price", "alternative: betta, criterion: cost.price",
         "unknown alternative 'betta'"),
        ("{id: e2,", "{id: e1,", "duplicate id 'e1'"),
        ("- {id: beta, name: Beta 13}", "- {id: alpha, name: Beta 13}", "duplicate id 'alpha'"),
        ("root: {cost: 1, perf: 1, build: 1}", "root: {cost: 1, perf: -1, build: 1}",
         "finite and non-negative"),
        ("root: {cost: 1, perf: 1, build: 1}", "root: {cost: 0, perf: 0, build: 0}", "sum to 0"),
        ("root: {cost: 1, perf: 1, build: 1}", "root: {cost: 1, perf: .nan, build: 1}", "finite"),
        ("root: {cost: 1, perf: 1, build: 1}", 'root: {cost: 1, perf: "1", build: 1}', "valid number"),
        ("root: {cost: 1, perf: 1, build: 1}", "root: {cost: 1, perf: 1, build: 1, perf.cpu: 1}",
         "'perf.cpu' is not a child of 'root'"),
        ("      cost: {cost.price: 1}\n      perf: {perf.cpu: 1, perf.battery: 1}\n  - id: power",
         "      cost: {cost.price: 1}\n  - id: power", "does not weight node 'perf'"),
        ("    leader: gamma", "    leader: gama", "unknown alternative 'gama'"),
        ("    method: wsm", "    method: electre", "unknown method 'electre'"),
        ("ranking: [beta, alpha, gamma]", "ranking: [beta, beta, gamma]", "appears twice"),
        ("    scope: cost", "    scope: costs", "unknown criteria node 'costs'"),
        ("    profile: balanced\n    scope", "    profile: balance\n    scope", "unknown profile 'balance'"),
        ("policy: worst", "policy: zero", "Input should be"),
        ("  - {alternative: gamma, criterion: perf.battery, policy: worst, note: not measured}\n", "",
         "no evidence for alternative 'gamma' on criterion 'perf.battery'"),
        ("{id: e1, alternative: alpha", "{id: e1, confidance: 1, alternative: alpha",
         "unknown key 'confidance'; did you mean 'confidence'?"),
        ("title: Choosing a laptop", "titel: Choosing a laptop", "unknown top-level key 'titel'"),
        ("          direction: min\n", "", "needs a direction"),
        ("      name: Build quality\n      direction: max\n", "      name: Build quality\n", "needs a direction"),
        ("      name: Cost\n", "      name: Cost\n      direction: max\n", "must not have a direction"),
        ("          - {name: good}\n", "          - {name: poor}\n", "duplicate level name 'poor'"),
        ("id: perf.battery\n", "id: perf.cpu\n", "used twice in the tree"),
        ("  - {id: gamma, name: Gamma 15}\n", "  - {id: gamma, name: Gamma 15}\n  - {id: gamma, name: G}\n",
         "duplicate id 'gamma'"),
    ],
)
def test_rule_violations_are_located(tmp_path: Path, laptops_text: str, old: str, new: str, fragment: str) -> None:
    err = broken(tmp_path, laptops_text, old, new)
    assert fragment in str(err)
    assert all(p.file and p.file.endswith("study.yaml") for p in err.problems)
    assert any(p.line is not None for p in err.problems)


def test_yaml_level_errors(tmp_path: Path) -> None:
    cases = {
        "title: a\ntitle: b\n": "duplicate key 'title'",
        "title: a\n\tcriteria: x\n": "YAML error",
        "title: [a\n": "YAML error",
        "": "empty",
        "- a\n- b\n": "must be a mapping",
        "title: x\ncriteria: !!python/object:os.system {}\n": "unsupported YAML tag",
        "a: &a [*a]\n": "nesting deeper",
    }
    for text, fragment in cases.items():
        with pytest.raises(StudyValidationError, match=fragment):
            load_text(tmp_path, text)


def test_alias_bomb_is_stopped(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    with pytest.raises(StudyValidationError, match="alias expansion limit"):
        load_text(tmp_path, "\n".join(lines) + "\n")


def test_unreadable_and_non_utf8(tmp_path: Path) -> None:
    with pytest.raises(StudyValidationError, match="cannot read file"):
        mcda.load_study(tmp_path / "nope.yaml")
    f = tmp_path / "latin1.yaml"
    f.write_bytes("title: caf\xe9\n".encode("latin-1"))
    with pytest.raises(StudyValidationError, match="not valid UTF-8"):
        mcda.load_study(f)


def test_yaml12_float_exponent_is_a_number(tmp_path: Path, laptops_text: str) -> None:
    study = load_text(tmp_path, laptops_text.replace("value: 12000", "value: 1.2e4").replace(
        "value: 6000", "value: 6e3"))
    assert study.matrix().loc["beta", "perf.cpu"] == 6000.0


def test_one_alternative_is_rejected(tmp_path: Path, laptops_text: str) -> None:
    text = laptops_text.replace("  - {id: beta, name: Beta 13}\n  - {id: gamma, name: Gamma 15}\n", "")
    with pytest.raises(StudyValidationError, match="at least 2 alternatives"):
        load_text(tmp_path, text)
