"""The Dask backends: SMAA-2 and P(holds) bitwise equal to the local backend, tables and rasters scored
at scale equal to the in-memory scores, bad input refused before any score is computed."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mcda
from mcda.errors import InputError, NormalizationError
from mcda.methods import get_method
from mcda.sensitivity import WeightDistribution, smaa
from mcda.sensitivity.sampling import WeightConstraints

distributed = pytest.importorskip("distributed")
dd = pytest.importorskip("dask.dataframe")
da = pytest.importorskip("dask.array")

from mcda import scale  # noqa: E402  (after the optional-dependency skips)

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "criteria" / "hunyuan_vs_stepfun.yaml"
FIELDS = ("rank_acceptability", "rank_acceptability_se", "central_weights", "central_weights_se", "confidence",
          "confidence_se", "winning", "winning_se")


def _problem() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(7)
    return rng.random((5, 4)) + 0.5, np.array([True, False, True, True])


def _same(a: object, b: object) -> None:
    for f in FIELDS:
        assert np.array_equal(getattr(a, f), getattr(b, f)), f
    assert (a.n_samples, a.replicates) == (b.n_samples, b.replicates)  # type: ignore[attr-defined]


@pytest.mark.parametrize("case", ["topsis", "wsm-interval", "hit-and-run"])
def test_smaa_on_dask_is_bitwise_the_local_result(client, case: str) -> None:  # type: ignore[no-untyped-def]
    X, b = _problem()
    kw: dict[str, object] = {"method": "topsis"}
    if case == "wsm-interval":
        kw = {"method": "wsm", "evidence": "interval", "lo": X * 0.9, "hi": X * 1.1}
    if case == "hit-and-run":
        cons = WeightConstraints(order=((0, 1),), upper=np.array([1.0, 1.0, 0.3, 1.0]))
        kw = {"method": "wsm", "weights": WeightDistribution.uniform(4, cons, method="hit-and-run")}
    local = smaa(X, b, n_samples=40_000, rng=11, chunk_size=8192, n_jobs=1, **kw)  # type: ignore[arg-type]
    on_dask = smaa(X, b, n_samples=40_000, rng=11, chunk_size=16384, backend="dask", client=client,
                   **kw)  # type: ignore[arg-type]
    _same(local, on_dask)
    if case == "hit-and-run":
        assert on_dask.replicates > 1  # the replicate statistics came back from the workers too


def test_study_smaa_and_verdicts_on_dask_equal_local(client) -> None:  # type: ignore[no-untyped-def]
    study = mcda.load_study(SEED)
    pd.testing.assert_frame_equal(study.smaa(n_samples=20_000, rng=3),
                                  study.smaa(n_samples=20_000, rng=3, client=client), check_exact=True)
    local = study.check_verdicts(n_samples=20_000, rng=5, progress=False)
    remote = study.check_verdicts(n_samples=20_000, rng=5, progress=False, backend="dask", client=client)
    pd.testing.assert_frame_equal(local, remote, check_exact=True)
    assert local["p_holds"].notna().any()


def test_a_worker_killed_mid_run_gives_the_same_result(client) -> None:  # type: ignore[no-untyped-def]
    X, b = _problem()
    local = smaa(X, b, "topsis", 400_000, rng=2, evidence="interval", lo=X * 0.9, hi=X * 1.1, n_jobs=1)
    killed: list[str] = []

    def kill_one() -> None:
        end = time.monotonic() + 60
        while time.monotonic() < end and not killed:
            for worker, keys in client.processing().items():
                if any("_smaa_chunk" in str(k) for k in keys):
                    try:
                        client.run(os._exit, 1, workers=[worker])
                    except Exception:  # the worker dies while answering
                        pass
                    killed.append(worker)
                    return
            time.sleep(0.01)

    killer = threading.Thread(target=kill_one)
    killer.start()
    result = smaa(X, b, "topsis", 400_000, rng=2, evidence="interval", lo=X * 0.9, hi=X * 1.1, chunk_size=8192,
                  client=client)
    killer.join()
    assert killed, "no worker was running a chunk"
    _same(local, result)
    client.wait_for_workers(2, timeout=60)


def test_backend_names_and_clients_are_checked() -> None:
    X, b = _problem()
    with pytest.raises(InputError, match="backend"):
        smaa(X, b, n_samples=100, backend="spark")
    with pytest.raises(InputError, match="client"):
        smaa(X, b, n_samples=100, client="tcp://nowhere:8786")


def test_the_in_memory_path_never_imports_dask() -> None:
    code = ("import sys, mcda; s = mcda.load_study(sys.argv[1]); s.smaa(n_samples=500); "
            "s.check_verdicts(n_samples=500, progress=False); mcda.sensitivity.smaa([[1.0, 0.0], [0.0, 1.0]], "
            "[True, True], n_samples=100); sys.exit(any(m in sys.modules for m in ('dask', 'distributed')))")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    assert subprocess.run([sys.executable, "-c", code, str(SEED)], env=env, check=False).returncode == 0


# --- tables and rasters ---------------------------------------------------------------------------
CRITERIA = {"price": "cost", "quality": "benefit", "speed": "benefit", "weight": "cost"}
W = np.array([0.4, 0.3, 0.2, 0.1])
BENEFIT = np.array([False, True, True, False])


def _catalogue(tmp_path: Path, rows: int = 5000) -> tuple[Path, pd.DataFrame]:
    rng = np.random.default_rng(1)
    df = pd.DataFrame(rng.gamma(2.0, 10.0, size=(rows, 4)) + 0.1, columns=list(CRITERIA))
    df.loc[10, "quality"] = df.loc[20, "quality"]
    df.insert(0, "sku", [f"s{i:05d}" for i in range(rows)])
    path = tmp_path / "catalogue"
    dd.from_pandas(df, npartitions=5).to_parquet(path)
    return path, df


@pytest.mark.parametrize(("method", "options"), [("topsis", {}), ("topsis", {"normalization": "minmax"}),
                                                  ("wsm", {}), ("wsm", {"normalization": "vector"}),
                                                  ("wpm", {"normalization": "sum"}), ("ahp", {}),
                                                  ("ahp", {"mode": "ideal"})])
def test_parquet_scores_equal_the_in_memory_scores(client, tmp_path: Path, method: str,  # type: ignore[no-untyped-def]
                                                   options: dict[str, str]) -> None:
    path, df = _catalogue(tmp_path)
    out = scale.score_table(path, CRITERIA, W, method, keep=["sku"], output=tmp_path / "scored", client=client,
                            **options)
    got = pd.read_parquet(out).set_index("sku").loc[df["sku"]]
    ref = get_method(method, **options).scores(df[list(CRITERIA)].to_numpy(), W, BENEFIT)
    assert np.max(np.abs(got["score"].to_numpy() - ref)) < 1e-12
    expected_rank = pd.Series(ref).rank(ascending=False, method="min").to_numpy()
    assert np.array_equal(got["rank"].to_numpy(), expected_rank)


def test_top_k_and_a_glob(client, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path, df = _catalogue(tmp_path)
    best = scale.score_table(str(path / "*.parquet"), CRITERIA, W, "topsis", keep=["sku"], top_k=5, client=client)
    ref = pd.Series(get_method("topsis").scores(df[list(CRITERIA)].to_numpy(), W, BENEFIT), index=df["sku"])
    assert best["sku"].tolist() == ref.nlargest(5).index.tolist()
    assert best["rank"].tolist() == [1, 2, 3, 4, 5]


def test_raster_scores_equal_the_in_memory_scores(client) -> None:  # type: ignore[no-untyped-def]
    grid = np.random.default_rng(4).random((40, 30, 4)) + 0.01
    raster = scale.score_table(da.from_array(grid, chunks=(16, 12, 4)), CRITERIA, W, "ahp", client=client)
    ref = get_method("ahp").scores(grid.reshape(-1, 4), W, BENEFIT).reshape(40, 30)
    assert raster.shape == (40, 30)
    assert np.max(np.abs(raster.compute() - ref)) < 1e-12


def _tasks_run(client, fn) -> list[str]:  # type: ignore[no-untyped-def]
    with distributed.get_task_stream(client) as ts:
        fn()
    return [str(t["key"]) for t in ts.data]


def test_a_bad_column_fails_before_anything_is_scheduled(client, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path, _ = _catalogue(tmp_path)
    bad = {**CRITERIA, "qualty": "benefit"}
    del bad["quality"]

    def run() -> None:
        with pytest.raises(InputError, match=r"no column 'qualty' \(did you mean 'quality'\?\)"):
            scale.score_table(path, bad, W, "topsis", client=client)

    assert _tasks_run(client, run) == []


def test_bad_values_are_located_before_scoring(client, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, df = _catalogue(tmp_path)
    df.loc[1234, "speed"] = np.nan
    with pytest.raises(NormalizationError, match=r"row 1234 \(partition \d\), column 'speed' = nan: .*finite"):
        scale.score_table(dd.from_pandas(df, npartitions=4), CRITERIA, W, "topsis", client=client)
    df.loc[1234, "speed"] = 1.0
    df.loc[4321, "weight"] = 0.0  # a cost criterion: 'max' normalisation inverts it (min / x)

    def run() -> None:
        with pytest.raises(NormalizationError, match=r"row 4321 .*column 'weight' = 0.0: .*values > 0"):
            scale.score_table(dd.from_pandas(df, npartitions=4), CRITERIA, W, "wsm", client=client)

    assert not [k for k in _tasks_run(client, run) if "score" in k]  # the statistics pass only


def test_methods_that_need_all_pairs_are_refused(tmp_path: Path) -> None:
    path, _ = _catalogue(tmp_path, rows=30)
    with pytest.raises(InputError, match=r"'promethee_ii' .*m \* m pairs"):
        scale.score_table(path, CRITERIA, W, "promethee_ii")
    with pytest.raises(InputError, match=r"weights"):
        scale.score_table(path, CRITERIA, [0.5, 0.5, 0.5, 0.5], "topsis")


@pytest.mark.parametrize("method", ["topsis", "vikor"])  # vikor shares one sampled matrix per group: replicates
def test_holds_probability_on_dask_is_bitwise_the_local_result(client, method: str) -> None:  # type: ignore[no-untyped-def]
    from mcda.sensitivity.robustness import holds_probability

    X, b = _problem()
    w, claim = np.full(4, 0.25), np.array([0])
    kw = dict(lo=X * 0.9, hi=X * 1.1, evidence="interval", n_samples=30_000, rng=4)
    local = holds_probability(X, w, b, claim, get_method(method), **kw)  # type: ignore[arg-type]
    assert 0 < local[0] < 1
    assert holds_probability(X, w, b, claim, get_method(method), client=client, **kw) == local  # type: ignore[arg-type]


def test_cli_scheduler_gives_the_same_numbers(tmp_path: Path) -> None:
    from _support.cli import run


    laptops = Path(__file__).resolve().parent / "data" / "laptops.yaml"
    local = run("smaa", laptops, "--samples", "3000", "--format", "json")
    on_dask = run("smaa", laptops, "--samples", "3000", "--format", "json", "--scheduler", "local")
    assert local.returncode == on_dask.returncode == 0, on_dask.stderr
    assert local.stdout == on_dask.stdout
    bad = run("smaa", laptops, "--samples", "3000", "--scheduler", "nonsense://nowhere")
    assert bad.returncode == 2 and "cannot connect" in bad.stderr
