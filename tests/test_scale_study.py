"""Table studies (``alternatives: {table: ...}``) scored on Dask equal the same alternatives given as
evidence items and scored in memory (value functions and missing-value policies per row), and bad tables
are refused with located errors before any score is computed (from Parquet metadata when it can tell)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import mcda
from mcda.errors import InputError, MissingEvidenceError, NormalizationError, StudyError, StudyValidationError

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")
pytest.importorskip("pyarrow")

from mcda import scale  # noqa: E402  (after the optional-dependency skips)

ROOT = Path(__file__).resolve().parents[1]
LEVELS = ["poor", "fair", "good", "excellent"]
CRITERIA = """
criteria:
  id: root
  name: Overall
  children:
    - {id: price, name: Price, direction: min, scale: {kind: ratio, lower: 0, upper: 1000}}
    - id: quality
      name: Quality
      children:
        - {id: rating, name: Rating, direction: max, scale: {kind: ordinal, levels: [poor, fair, good, excellent]}}
        - {id: coverage, name: Coverage, direction: max, scale: {kind: ratio, lower: 0, upper: 5},
           value_function: {kind: saturating, level: 3}}
        - {id: noise, name: Noise, direction: min, scale: {kind: ratio, lower: 0, upper: 10},
           value_function: {kind: piecewise, points: [[0, 1], [4, 0.5], [10, 0]]}}
    - id: reach
      name: Reach
      children:
        - {id: installs, name: Installs, direction: max, scale: {kind: ratio, lower: 0},
           value_function: {kind: log, unit: 10}}
        - {id: extra, name: Extra, direction: max, scale: {kind: ratio, lower: 0}}
profiles:
  - id: p
    weights: {root: {price: 3, quality: 2, reach: 1}, quality: {rating: 2, coverage: 1, noise: 1},
              reach: {installs: 1, extra: 1}}
"""
COLUMNS = {"price": "price_eur", "rating": "stars", "coverage": "devices", "noise": "db", "installs": "n_inst",
           "extra": "x"}
POLICIES = {"price": "worst", "rating": "scale-worst", "noise": "scale-worst", "installs": "worst",
            "extra": "exclude-criterion"}
METHODS = [("topsis", {}), ("topsis", {"normalization": "minmax"}), ("topsis", {"normalization": "max"}),
           ("wsm", {}), ("wsm", {"normalization": "sum"}), ("wsm", {"normalization": "vector"}),
           ("wsm", {"normalization": "minmax"}), ("wpm", {}), ("wpm", {"normalization": "sum"}), ("ahp", {}),
           ("ahp", {"mode": "ideal"})]


def _frame(rows: int = 60, empty_extra: bool = False, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({
        "id": [f"a{i:03d}" for i in range(rows)],
        "price_eur": rng.uniform(50, 900, rows).round(1),
        "stars": pd.array(rng.choice(LEVELS, rows), dtype=object),
        "devices": rng.integers(0, 6, rows).astype(float),
        "db": rng.uniform(0, 10, rows),
        "n_inst": rng.gamma(1.0, 300.0, rows),
        "x": rng.uniform(1, 2, rows),
    })
    if rows < 45:  # the property test places its own gaps
        return df
    df.loc[[3, 17], "price_eur"] = np.nan
    df.loc[[5], "stars"] = None
    df.loc[[8, 9, 40], "db"] = np.nan
    df.loc[[22], "n_inst"] = np.nan
    df.loc[11, "db"] = 10.0  # the piecewise function's end point (value 0)
    if empty_extra:
        df.loc[30, "x"] = np.nan
    return df


def _write(tmp: Path, df: pd.DataFrame, files: int = 3, study_extra: str = "", criteria: str = CRITERIA,
           **table: Any) -> Path:
    """The table as ``files`` Parquet files under tmp/catalogue and a study file naming it."""
    folder = tmp / "catalogue"
    folder.mkdir(exist_ok=True)
    options = table.pop("parquet", {})
    for k, chunk in enumerate(np.array_split(np.arange(len(df)), files)):
        df.iloc[chunk].to_parquet(folder / f"part-{k}.parquet", index=False, **options)
    spec = {"path": "catalogue/*.parquet", "id": "id", "columns": COLUMNS, "missing": POLICIES, **table}
    import yaml

    text = yaml.safe_dump({"title": "Catalogue", "alternatives": {"table": spec}}) + criteria + study_extra
    path = tmp / "study.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _in_memory(df: pd.DataFrame) -> mcda.Study:
    """The same rows as evidence items, and their empty cells as declared missing cells with the policies."""
    evidence, missing = [], []
    for _, r in df.iterrows():
        for leaf, col in COLUMNS.items():
            v = r[col]
            if v is None or (isinstance(v, float) and np.isnan(v)):
                missing.append({"alternative": r["id"], "criterion": leaf, "policy": POLICIES.get(leaf, "error")})
            else:
                evidence.append({"id": f"e.{r['id']}.{leaf}", "alternative": r["id"], "criterion": leaf,
                                 "value": v if isinstance(v, str) else float(v), "sources": ["t"]})
    import yaml

    text = yaml.safe_dump({"title": "Catalogue", "alternatives": [{"id": a, "name": a} for a in df["id"]],
                           "sources": [{"id": "t", "title": "table"}], "evidence": evidence, "missing": missing})
    return mcda.io.loads_study(text + CRITERIA)


@pytest.mark.parametrize("empty_extra", [False, True], ids=["extra-kept", "extra-excluded"])
@pytest.mark.parametrize("where", ["cluster", "synchronous"])
def test_table_scores_equal_the_in_memory_study(client, tmp_path: Path, where: str,  # type: ignore[no-untyped-def]
                                                empty_extra: bool) -> None:
    df = _frame(empty_extra=empty_extra)
    table = mcda.load_study(_write(tmp_path, df))
    memory = _in_memory(df)
    assert ("extra" in memory.arrays("p").criteria) is not empty_extra
    kw = {"client": client} if where == "cluster" else {"scheduler": "synchronous"}
    lazy = [scale.score_study_table(table, "p", method, **kw, **options) for method, options in METHODS]
    # one compute for all methods: one round of scheduling instead of one per method
    results = (client.gather(client.compute(lazy)) if where == "cluster"
               else dask.compute(*lazy, scheduler="synchronous"))
    for (method, options), got in zip(METHODS, results, strict=True):
        ref = memory.score("p", method, **options).scores.reindex(df["id"]).to_numpy()
        got = got.set_index("id").loc[df["id"]]
        assert np.max(np.abs(got["score"].to_numpy() - ref)) < 1e-12, (method, options)
        assert np.array_equal(got["rank"].to_numpy(), pd.Series(ref).rank(ascending=False, method="min").to_numpy())


def test_scope_top_k_and_output(client, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    df = _frame()
    table, memory = mcda.load_study(_write(tmp_path, df)), _in_memory(df)
    ref = memory.score("p", "topsis", scope="quality").scores
    best = scale.score_study_table(table, "p", "topsis", scope="quality", top_k=4, keep=["price_eur"], client=client)
    assert best["id"].tolist() == ref.nlargest(4).index.tolist()
    assert list(best.columns) == ["id", "price_eur", "score", "rank"]
    out = scale.score_study_table(table, "p", "wsm", output=tmp_path / "scored", client=client)
    got = pd.read_parquet(out).set_index("id")["score"]
    assert np.max(np.abs(got.loc[df["id"]].to_numpy() - memory.score("p", "wsm").scores.loc[df["id"]].to_numpy())) \
        < 1e-12


def _tasks(client, fn) -> list[str]:  # type: ignore[no-untyped-def]
    with distributed.get_task_stream(client) as ts:
        fn()
    return [str(t["key"]) for t in ts.data]


def _refused(client, study: mcda.Study, error: type[Exception], match: str,  # type: ignore[no-untyped-def]
             method: str = "wsm") -> list[str]:
    def run() -> None:
        with pytest.raises(error, match=match):
            scale.score_study_table(study, "p", method, client=client)

    return _tasks(client, run)


def test_metadata_refuses_before_any_task(client, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    df = _frame()
    df.loc[44, "devices"] = np.nan  # coverage has no policy: 'error'
    study = mcda.load_study(_write(tmp_path, df))
    assert _refused(client, study, MissingEvidenceError,
                    r"part-2\.parquet: row 'a044' \(row group 0\), column 'devices' \(criterion 'coverage'\) has "
                    r"no value, and the criterion's missing policy is 'error'") == []
    df = _frame()
    df.loc[7, "price_eur"] = -5.0  # a cost criterion under 'max' normalisation: min / x
    study = mcda.load_study(_write(tmp_path, df))
    assert _refused(client, study, NormalizationError, r"part-0\.parquet: row 'a007' .*'price_eur' .*= -5\.0 is "
                                                       r"negative") == []
    df = _frame()
    df.loc[50, "db"] = 11.0  # beyond the piecewise function's last point
    study = mcda.load_study(_write(tmp_path, df))
    assert _refused(client, study, InputError, r"row 'a050' .*column 'db' \(criterion 'noise'\) = 11\.0 is outside "
                                               r"the domain \[0, 10\]") == []


def test_schema_refuses_before_any_task(client, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    df = _frame().rename(columns={"devices": "device"})
    study = mcda.load_study(_write(tmp_path, df))
    assert _refused(client, study, InputError, r"catalogue/\*\.parquet: no column 'devices' for criterion "
                                               r"'coverage' \(did you mean 'device'\?\)") == []
    df = _frame()
    df["db"] = df["db"].astype(str)
    study = mcda.load_study(_write(tmp_path, df))
    assert _refused(client, study, InputError, r"column 'db' \(criterion 'noise'\) has dtype .*not a number") == []
    assert _refused(client, study, InputError, r"'promethee_ii' .*m \* m pairs", "promethee_ii") == []


def test_without_statistics_the_statistics_pass_refuses_before_scoring(client,  # type: ignore[no-untyped-def]
                                                                       tmp_path: Path) -> None:
    df = _frame()
    df.loc[44, "devices"] = np.nan
    study = mcda.load_study(_write(tmp_path, df, parquet={"write_statistics": False}))
    keys = _refused(client, study, MissingEvidenceError, r"row 'a044' \(partition 2\), column 'devices' "
                                                         r"\(criterion 'coverage'\): no value")
    assert keys and not [k for k in keys if "partition_scores" in k]
    df = _frame()
    df.loc[7, "price_eur"] = 0.0
    study = mcda.load_study(_write(tmp_path, df, parquet={"write_statistics": False}))
    keys = _refused(client, study, NormalizationError, r"row 'a007' \(partition 0\), column 'price_eur' "
                                                       r"\(criterion 'price'\) = 0\.0: .*values > 0")
    assert keys and not [k for k in keys if "partition_scores" in k]


def test_bad_cells_found_in_the_pass(tmp_path: Path) -> None:
    df = _frame()
    df.loc[12, "stars"] = "superb"
    study = mcda.load_study(_write(tmp_path, df))
    with pytest.raises(InputError, match=r"row 'a012' \(partition 0\), column 'stars' \(criterion 'rating'\): "
                                         r"'superb' is not a level"):
        scale.score_study_table(study, "p", "topsis", scheduler="synchronous")
    df = _frame()
    df["n_inst"] = np.nan  # 'worst' needs an observed value
    study = mcda.load_study(_write(tmp_path, df))
    with pytest.raises(InputError, match=r"column 'n_inst' \(criterion 'installs'\) has empty cells with policy "
                                         r"'worst' but no value to use"):
        scale.score_study_table(study, "p", "topsis", scheduler="synchronous")


def test_a_fill_value_the_normalisation_cannot_take_is_refused(tmp_path: Path) -> None:
    df = _frame()
    df.loc[33, "x"] = np.nan
    criteria = CRITERIA.replace("{id: extra, name: Extra, direction: max, scale: {kind: ratio, lower: 0}}",
                                "{id: extra, name: Extra, direction: max, scale: {kind: ratio, lower: -5}}")
    study = mcda.load_study(_write(tmp_path, df, criteria=criteria, missing={**POLICIES, "extra": "scale-worst"}))
    with pytest.raises(NormalizationError, match=r"the 1 empty cells of column 'x' \(criterion 'extra', policy "
                                                 r"'scale-worst'\) are filled with -5\.0: .*non-negative"):
        scale.score_study_table(study, "p", "wsm", scheduler="synchronous")
    assert len(scale.score_study_table(study, "p", "wsm", normalization="minmax", top_k=3,
                                       scheduler="synchronous")) == 3  # min-max takes negative values


@pytest.mark.parametrize("layout", ["same-file", "across-files"])
def test_duplicate_ids_are_refused(tmp_path: Path, layout: str) -> None:
    df = _frame()
    if layout == "same-file":
        df.loc[5, "id"] = "a004"
        match = r"duplicate id 'a004' in column 'id' \(partition 0\)"
    else:
        df.loc[55, "id"] = "a004"  # the last file's id range now overlaps the first's: hashed, then confirmed
        match = r"duplicate id 'a004' in column 'id' \(in two partitions\)"
    study = mcda.load_study(_write(tmp_path, df))
    with pytest.raises(InputError, match=match):
        scale.score_study_table(study, "p", "wsm", scheduler="synchronous")


def test_overlapping_id_ranges_without_duplicates_pass(tmp_path: Path) -> None:
    df = _frame().sample(frac=1.0, random_state=0).reset_index(drop=True)  # every file spans the id range
    study = mcda.load_study(_write(tmp_path, df))
    out = scale.score_study_table(study, "p", "topsis", scheduler="synchronous").compute(scheduler="synchronous")
    ref = _in_memory(df).score("p", "topsis").scores
    assert np.max(np.abs(out.set_index("id")["score"] - ref.loc[out["id"]].to_numpy())) < 1e-12


def test_the_study_file_is_checked_on_load(tmp_path: Path) -> None:
    columns = {k: v for k, v in COLUMNS.items() if k != "noise"} | {"nosie": "db"}
    path = _write(tmp_path, _frame(), columns=columns, study_extra="verdicts:\n  - {id: v, statement: s, "
                  "profile: p, method: wsm, leader: a001}\n")
    with pytest.raises(StudyValidationError) as info:
        mcda.load_study(path)
    text = str(info.value)
    assert "alternatives.table.columns.nosie: 'nosie' is not a criterion (did you mean 'noise'?" in text
    assert "criteria without a column: noise" in text
    assert "verdicts: a study whose alternatives are a table" in text
    study = mcda.load_study(_write(tmp_path, _frame()))
    with pytest.raises(StudyError, match=r"rows of the table 'catalogue/\*\.parquet'.*score_study_table"):
        study.score("p")
    assert mcda.io.loads_study(mcda.io.dump_study(study.model)).model == study.model
    with pytest.raises(InputError, match="lists its alternatives"):
        scale.score_study_table(_in_memory(_frame()), "p")


def test_loading_a_table_study_imports_no_dask_nor_pyarrow(tmp_path: Path) -> None:
    path = _write(tmp_path, _frame())
    code = ("import sys, mcda; s = mcda.load_study(sys.argv[1]); print(s); "
            "sys.exit(any(m in sys.modules for m in ('dask', 'distributed', 'pyarrow')))")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    assert subprocess.run([sys.executable, "-c", code, str(path)], env=env, check=False,
                          capture_output=True).returncode == 0


def test_cli_score_table(tmp_path: Path) -> None:
    from _support.cli import run

    df = _frame()
    path = _write(tmp_path, df)
    ref = _in_memory(df).score("p", "wsm").scores
    top = run("score-table", path, "--profile", "p", "--method", "wsm", "--top", "3", "--format", "json",
              "--table-out", tmp_path / "out")
    assert top.returncode == 0, top.stderr
    rows = pd.read_json(__import__("io").StringIO(top.stdout))
    assert rows["id"].tolist() == ref.nlargest(3).index.tolist()
    written = pd.read_parquet(tmp_path / "out").set_index("id")["score"]
    assert np.max(np.abs(written.loc[df["id"]].to_numpy() - ref.loc[df["id"]].to_numpy())) < 1e-12
    bad = _frame()
    bad.loc[44, "devices"] = np.nan
    path = _write(tmp_path, bad)
    out = run("score-table", path, "--profile", "p", "--top", "3")
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "row 'a044'" in out.stderr


def test_json_schema_shows_the_table_where_the_file_has_it() -> None:
    schema = mcda.model.StudyModel.model_json_schema()
    assert "table" not in schema["properties"]
    forms = schema["properties"]["alternatives"]["anyOf"]
    assert forms[0]["type"] == "array"
    assert forms[1]["properties"]["table"] == {"$ref": "#/$defs/TableSource"}
    assert set(schema["$defs"]["TableSource"]["required"]) == {"path", "id", "columns"}


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1), rows=st.integers(3, 40), files=st.integers(1, 4),
       empty=st.lists(st.tuples(st.integers(0, 39), st.sampled_from(["price_eur", "stars", "db", "n_inst", "x"])),
                      max_size=6),
       method=st.sampled_from(METHODS))
def test_any_table_scores_as_its_evidence_study(tmp_path_factory: pytest.TempPathFactory, seed: int, rows: int,
                                                files: int, empty: list[tuple[int, str]],
                                                method: tuple[str, dict[str, str]]) -> None:
    """Invariant: whatever the rows, files and empty cells (under their leaves' policies), the table study's
    scores are the in-memory scores of the same rows as evidence items, to 1e-12."""
    df = _frame(rows, seed=seed)
    for i, col in empty:
        if i < rows:
            df.loc[i, col] = None if col == "stars" else np.nan
    for col in ("price_eur", "n_inst"):  # 'worst' needs one observed value, as in memory
        if df[col].isna().all():
            df.loc[0, col] = 100.0
    tmp = tmp_path_factory.mktemp("prop")
    table = mcda.load_study(_write(tmp, df, files=min(files, rows)))
    name, options = method
    ref = _in_memory(df).score("p", name, **options).scores
    got = scale.score_study_table(table, "p", name, scheduler="synchronous", **options)
    got = got.compute(scheduler="synchronous").set_index("id")["score"]
    assert np.max(np.abs(got.loc[df["id"]].to_numpy() - ref.loc[df["id"]].to_numpy())) < 1e-12
