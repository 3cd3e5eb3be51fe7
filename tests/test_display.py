"""Results that show themselves: ``_repr_html_`` on every result, float noise rounded away, no repr dumps."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mcda
from mcda import sensitivity
from mcda._display import clean, html_frame
from mcda.ahp import consistency


class _Strict(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack.pop() == tag, f"unbalanced </{tag}>"

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _check(obj: object) -> str:
    html = obj._repr_html_()  # type: ignore[attr-defined]
    p = _Strict()
    p.feed(html)
    p.close()
    assert not p.stack, p.stack
    assert "table" in p.tags
    text = " ".join(p.text)
    for dump in ("array(", "Series(", "dtype", "DataFrame", "e-17", "e-16"):
        assert dump not in text, (type(obj).__name__, dump)
    return text


@pytest.fixture(scope="module")
def study(laptops_path: Path) -> mcda.Study:
    return mcda.load_study(laptops_path)


@pytest.fixture(scope="module")
def laptops_path() -> Path:
    return Path(__file__).parent / "data" / "laptops.yaml"


def test_every_result_shows_itself(study: mcda.Study) -> None:
    arr = study.arrays("balanced")
    paths = study.sweep_paths("balanced")
    texts = {
        "study": _check(study),
        "score": _check(study.score("balanced", "vikor")),
        "provenance": _check(study.provenance("alpha", "perf.cpu")),
        "weights": _check(study.weights("power_user")),
        "smaa": _check(sensitivity.smaa(arr.X, arr.benefit, "topsis", 2000, rng=0)),
        "sweep": _check(sensitivity.sweep(arr.X, arr.benefit, paths["perf"], "wsm")),
        "tipping": _check(sensitivity.tipping_points(arr.X, arr.benefit, paths["perf"], "wsm")),
        "min_change": _check(sensitivity.min_change(arr.X, arr.w, arr.benefit, None, "wsm")),
        "weight_change": _check(study.weight_change("balanced", "wsm")),
        "reversal": _check(sensitivity.rank_reversal(arr.X, arr.w, arr.benefit, "topsis")),
        "consistency": _check(consistency(np.array([[1, 3, 1 / 5], [1 / 3, 1, 5], [5, 1 / 5, 1]]))),
    }
    assert "Choosing a laptop" in texts["study"] and "v.power" in texts["study"]
    assert "lower is better" in texts["score"]
    assert "e4" in texts["provenance"] and "Laptop review 2026" in texts["provenance"]
    assert "CR" in texts["consistency"] and "consistent" in texts["consistency"]  # indices + worst judgements


def test_weight_change_object_matches_the_frame(study: mcda.Study) -> None:
    wc = study.weight_change("balanced", "wsm")
    df = study.min_change("balanced", "wsm")
    assert wc.found and wc.exact and wc.claim == ["alpha"] and wc.leader_after == df.attrs["leader_after"]
    assert wc.distance == pytest.approx(df.attrs["l1"])
    assert wc.after is not None
    pd.testing.assert_frame_equal(wc.to_frame(), df)
    assert float((wc.after - wc.before).abs().sum()) == pytest.approx(wc.distance)


def test_float_noise_is_rounded_away() -> None:
    assert clean(5.55e-17) == 0.0 and clean(-2.2e-16) == 0.0
    assert clean(0.1 + 0.2) == 0.3
    html = html_frame(pd.DataFrame({"change": [5.55e-17, -0.25, 1 / 3]}))
    assert "e-17" not in html and ">0<" in html and "-0.25" in html and "0.3333" in html


def test_untrusted_text_is_escaped(laptops_path: Path) -> None:
    text = laptops_path.read_text(encoding="utf-8").replace("title: Choosing a laptop", 'title: "<script>x</script>"')
    html = mcda.io.loads_study(text)._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_progress_bar_on_request_only(study: mcda.Study, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("tqdm")
    quiet = study.check_verdicts(n_samples=300, progress=False)
    assert capsys.readouterr().err == ""
    loud = study.check_verdicts(n_samples=300, progress=True)
    assert "verdicts" in capsys.readouterr().err
    pd.testing.assert_frame_equal(quiet, loud)  # the bar changes nothing
    study.check_verdicts(n_samples=300)  # default: stderr is not a terminal under pytest
    assert capsys.readouterr().err == ""


def test_smaa_progress_bar_changes_nothing(study: mcda.Study, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("tqdm")
    quiet = study.smaa("balanced", n_samples=50_000, rng=3, progress=False, chunk_size=8192)
    assert capsys.readouterr().err == ""
    loud = study.smaa("balanced", n_samples=50_000, rng=3, progress=True, chunk_size=8192)
    assert "SMAA-2" in capsys.readouterr().err
    pd.testing.assert_frame_equal(quiet, loud)
