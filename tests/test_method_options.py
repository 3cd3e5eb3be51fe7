"""One way to pass a method's options, accepted everywhere a method is accepted."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import mcda
from mcda import cli
from mcda.errors import UnknownNameError


@pytest.fixture
def study(laptops_path: Path) -> mcda.Study:
    return mcda.load_study(laptops_path)


def test_options_and_method_objects_agree_everywhere(study: mcda.Study) -> None:
    p = study.profiles[0]
    obj = mcda.TOPSIS(normalization="minmax")
    by_name = study.score(p, "topsis", normalization="minmax").scores
    np.testing.assert_array_equal(by_name, study.score(p, obj).scores)
    assert not np.allclose(by_name, study.score(p, "topsis").scores)  # the option matters here
    a = study.check_verdicts("topsis", n_samples=300, normalization="minmax")
    b = study.check_verdicts(obj, n_samples=300)
    cols = ["margin", "min_l1", "p_holds", "tip_weight"]
    np.testing.assert_array_equal(a[cols].to_numpy(dtype=float), b[cols].to_numpy(dtype=float))
    mc = study.min_change(p, obj)
    np.testing.assert_array_equal(mc["new_weight"], study.min_change(p, "topsis", normalization="minmax")["new_weight"])
    tp1 = study.tipping_points(p, obj)
    tp2 = study.tipping_points(p, "topsis", normalization="minmax")
    np.testing.assert_array_equal(tp1["weight"], tp2["weight"])


def test_verdict_robustness_uses_the_options_it_was_given(study: mcda.Study) -> None:
    plain = study.check_verdicts("topsis", n_samples=300)
    varied = study.check_verdicts("topsis", n_samples=300, normalization="minmax")
    assert not np.allclose(plain["margin"], varied["margin"])


def test_options_without_a_method_are_refused_for_verdicts(study: mcda.Study) -> None:
    with pytest.raises(UnknownNameError, match="need a method"):
        study.check_verdicts(robustness=False, normalization="minmax")


def test_unknown_options_name_the_method_and_its_options(study: mcda.Study) -> None:
    with pytest.raises(UnknownNameError, match=r"method 'topsis' has no option\(s\) \['v'\]"):
        study.score(study.profiles[0], "topsis", v=0.3)


@pytest.mark.parametrize("argv", [
    ["run", "--method", "topsis", "--option", "normalization=minmax"],
    ["verdicts", "--method", "topsis", "--option", "normalization=minmax"],
    ["sensitivity", "--method", "topsis", "--option", "normalization=minmax", "--samples", "200"],
    ["sensitivity", "--report", "tipping", "--method", "topsis", "--option", "normalization=minmax"],
    ["smaa", "--method", "topsis", "--option", "normalization=minmax", "--samples", "500"],
])
def test_every_subcommand_with_method_takes_options(argv: list[str], laptops_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main([argv[0], str(laptops_path), *argv[1:]])
    assert code in (0, 1), capsys.readouterr().err
    bad = cli.main([argv[0], str(laptops_path), *argv[1:3], "--option", "nope=1"])
    assert bad == 2 and "has no option" in capsys.readouterr().err


def test_the_library_and_the_command_line_share_their_defaults() -> None:
    import inspect

    from mcda import defaults
    from mcda.sensitivity import smaa

    study_smaa = inspect.signature(mcda.Study.smaa).parameters
    assert study_smaa["n_samples"].default == inspect.signature(smaa).parameters["n_samples"].default
    assert study_smaa["n_samples"].default == defaults.SMAA_SAMPLES
    check = inspect.signature(mcda.Study.check_verdicts).parameters
    assert check["n_samples"].default == defaults.VERDICT_SAMPLES
    assert check["concentration"].default == defaults.CONCENTRATION
    assert check["rng"].default == study_smaa["rng"].default == defaults.SEED
    assert inspect.signature(mcda.Study.score).parameters["method"].default == defaults.METHOD
    parser = cli._parser()
    sub = next(a for a in parser._actions if a.dest == "command").choices  # type: ignore[union-attr]
    smaa_args = sub["smaa"].parse_args(["s.yaml"])
    sens_args = sub["sensitivity"].parse_args(["s.yaml"])
    assert smaa_args.samples_default == defaults.SMAA_SAMPLES
    assert sens_args.samples_default == defaults.VERDICT_SAMPLES
    assert smaa_args.seed == sens_args.seed == defaults.SEED
    assert smaa_args.method == sub["run"].parse_args(["s.yaml"]).method == defaults.METHOD


def test_the_report_takes_method_options(laptops_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    assert cli.main(["report", str(laptops_path), "-o", str(out), "--method", "topsis", "--option",
                     "normalization=minmax", "--samples", "200", "--no-progress"]) in (0, 1)
    assert "TOPSIS(normalization='minmax')" in out.read_text(encoding="utf-8")
