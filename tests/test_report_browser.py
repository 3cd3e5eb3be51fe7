"""The report in a real browser: headless Chromium (the system's ``chromium`` and ``chromium-driver``,
driven by Selenium) renders it, and the weight explorer's scores equal the library's.

These tests FAIL (never skip) when the browser is missing: ``.ci/run`` installs it.
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

import mcda
from mcda.errors import MCDAError
from mcda.model import WeightProfile
from mcda.report import ReportOptions, write_report
from mcda.verdicts import claim_margin

FAST = ReportOptions(n_samples=1000)


def _binary(env: str, *names: str) -> str:
    for candidate in (os.environ.get(env), *names):
        if candidate and (path := shutil.which(candidate)):
            return path
    pytest.fail(f"no {' or '.join(names)} found (set {env}); install Debian's chromium and chromium-driver "
                "(apt-get install -y chromium chromium-driver), as .ci/run does", pytrace=False)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.options import Options
        from selenium.webdriver.chrome.service import Service
    except ImportError as exc:
        pytest.fail(f"selenium is not installed ({exc}); pip install -e '.[test]'", pytrace=False)
    opts = Options()
    opts.binary_location = _binary("MCDA_CHROMIUM", "chromium", "chromium-browser", "google-chrome")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1000"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(_binary("MCDA_CHROMEDRIVER", "chromedriver")), options=opts)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> tuple[mcda.Study, Path]:
    study = mcda.load_study(seed_path)
    out = tmp_path_factory.mktemp("report") / "seed.html"
    write_report(study, out, options=FAST)
    return study, out


@pytest.fixture(scope="module")
def seed_path() -> Path:
    return Path(__file__).resolve().parents[1] / "criteria" / "hunyuan_vs_stepfun.yaml"


def test_renders_to_a_non_blank_png(browser: Any, seed_report: tuple[mcda.Study, Path], tmp_path: Path) -> None:
    from PIL import Image

    browser.set_window_size(1280, 2400)
    browser.get(seed_report[1].as_uri())
    png = browser.get_screenshot_as_png()
    (tmp_path / "report.png").write_bytes(png)
    img = np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=float)
    assert img.shape[0] >= 1000 and img.shape[1] >= 1000
    assert img.std() > 20  # text, tables and charts, not a blank page
    assert (img < 100).mean() > 0.01  # dark ink on at least 1% of the page
    severe = [e for e in browser.get_log("browser") if e.get("level") == "SEVERE"]
    assert not severe, severe


def _scores(browser: Any) -> dict[str, float]:
    rows = browser.execute_script(
        "return Array.from(document.querySelectorAll('#mcda-scores tbody tr'))"
        ".map(r => [r.dataset.alternative, r.querySelector('[data-score]').dataset.score])")
    return {a: float(s) for a, s in rows}


def _set(browser: Any, node: str, value: float) -> None:
    browser.execute_script(
        "const el = document.querySelector(`input[data-node='${arguments[0]}']`);"
        "el.value = String(arguments[1]); el.dispatchEvent(new Event('input', {bubbles: true}));", node, value)


_PAGE = """return {
  yaml: document.getElementById('mcda-yaml').value,
  error: document.getElementById('mcda-error').textContent,
  scores: Array.from(document.querySelectorAll('#mcda-scores tbody tr'))
    .map(r => [r.dataset.alternative, r.querySelector('[data-score]').dataset.score]),
  margins: Array.from(document.querySelectorAll('#mcda-verdicts tbody tr'))
    .map(r => [r.dataset.verdict, r.dataset.margin]),
}"""


def _check_page(browser: Any, study: mcda.Study, kind: str, option: str) -> None:
    """The page's scores and verdict margins equal the library's for the weights the page shows (one read)."""
    page = browser.execute_script(_PAGE)
    (entry,) = yaml.safe_load(page["yaml"])
    prof = WeightProfile.model_validate(entry)
    opt = {"ahp": "mode"}.get(kind, "normalization")
    try:
        res = study.score(prof, kind, **{opt: option})
    except MCDAError:
        shown = page["error"]
        assert "cannot score" in shown, f"{kind}:{option}: the library refuses, the page shows {shown!r}"
        return
    scores = {a: float(x) for a, x in page["scores"]}
    assert scores.keys() == set(study.alternatives)
    for a in study.alternatives:
        assert scores[a] == pytest.approx(float(res.scores[a]), abs=1e-9), (kind, option, a)
    by_scope: dict[str, dict[str, float]] = {}
    for v, (vid, m) in zip(study.model.verdicts, page["margins"], strict=True):
        assert vid == v.id
        if v.scope not in by_scope:
            scoped = study.score(prof, kind, v.scope, **{opt: option})
            by_scope[v.scope] = {str(k): float(x) for k, x in scoped.scores.items()}
        claim = [v.leader] if v.leader else list(v.ranking or ())
        want = claim_margin(by_scope[v.scope], claim)
        assert float(m) == pytest.approx(want, abs=1e-9), (vid, kind, option)


def test_explorer_scores_equal_the_library(browser: Any, seed_report: tuple[mcda.Study, Path]) -> None:
    study, path = seed_report
    browser.get(path.as_uri())
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    select = Select(browser.find_element("id", "mcda-method"))
    keys = [o.get_attribute("value") for o in select.options]
    assert {"topsis:vector", "topsis:minmax", "wsm:max", "wpm:max", "ahp:distributive", "ahp:ideal"} <= set(keys)
    rng = np.random.default_rng(7)
    nodes = browser.execute_script("return Array.from(document.querySelectorAll('input[data-node]'))"
                                   ".map(e => e.dataset.node)")
    assert {"data", "edge", study.evidence_matrix().criteria[0]} <= set(nodes)  # dimensions and leaves
    for profile in ("balanced", "ahp_dimensions"):
        browser.find_element("css selector", f"button[data-profile='{profile}']").click()
        for step in range(3):
            if step:  # move three sliders, one of them to an end point
                for node in rng.choice(nodes, 3, replace=False):
                    _set(browser, str(node), float(np.round(rng.uniform(), 3)) if step == 1 else 1.0)
            for key in keys:
                select.select_by_value(key)
                kind, option = key.split(":")
                _check_page(browser, study, kind, option)
    # a real key press on a slider re-scores too
    select.select_by_value("wsm:max")
    before = _scores(browser)
    browser.find_element("css selector", "input[data-node='edge']").send_keys(Keys.ARROW_RIGHT * 50)
    assert _scores(browser) != before
    _check_page(browser, study, "wsm", "max")


def test_explorer_marks_flips(browser: Any, seed_report: tuple[mcda.Study, Path]) -> None:
    study, path = seed_report
    browser.get(path.as_uri())
    browser.find_element("css selector", "button[data-profile='balanced']").click()
    assert not browser.find_elements("css selector", "#mcda-verdicts tr.flip")
    ticks = browser.find_elements("css selector", "[data-ticks='data.multimodal_breadth'] i")
    assert ticks  # the tornado shows this leaf flips v1 within [0, 1]
    _set(browser, "data.multimodal_breadth", 0.95)  # beyond the tipping weight of v1 (about 0.57)
    flipped = [e.get_attribute("data-verdict") for e in browser.find_elements("css selector", "#mcda-verdicts tr.flip")]
    assert "v1.data.tencent" in flipped
    # the profile button restores the profile
    browser.find_element("css selector", "button[data-profile='balanced']").click()
    assert not browser.find_elements("css selector", "#mcda-verdicts tr.flip")
    balanced = study.score("balanced", "topsis").scores
    page = _scores(browser)
    assert all(page[a] == pytest.approx(float(balanced[a]), abs=1e-9) for a in study.alternatives)


def test_explorer_on_a_cost_criterion_and_three_alternatives(browser: Any, tmp_path: Path) -> None:
    """Laptops: price is a cost criterion (inverted by WSM/WPM/AHP, anti-ideal for TOPSIS); WSM without
    normalisation cannot invert it, and the page says so where the library raises."""
    from selenium.webdriver.support.ui import Select

    study = mcda.load_study(Path(__file__).parent / "data" / "laptops.yaml")
    out = tmp_path / "laptops.html"
    write_report(study, out, options=FAST)
    browser.get(out.as_uri())
    select = Select(browser.find_element("id", "mcda-method"))
    for profile in study.profiles:
        browser.find_element("css selector", f"button[data-profile='{profile}']").click()
        for t in (None, 0.0, 0.8):
            if t is not None:
                _set(browser, "perf", t)
            for key in [o.get_attribute("value") for o in select.options]:
                select.select_by_value(key)
                kind, option = key.split(":")
                _check_page(browser, study, kind, option)
    select.select_by_value("wsm:none")
    assert "cannot score" in browser.find_element("id", "mcda-error").text
    with pytest.raises(MCDAError):
        study.score("balanced", "wsm", normalization="none")
