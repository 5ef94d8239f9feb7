"""``cableformat.dask`` and ``--scheduler`` against a small in-process ``LocalCluster``.

Skipped when Dask is not installed (``pip install -e '.[test,dask]'``; ``.ci/run`` does).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("dask.bag")
pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import cableformat.dask as cd  # noqa: E402
from cableformat.batch import CheckTask, map_cables  # noqa: E402
from cableformat.cli import main  # noqa: E402
from cableformat.writers.report import summarize  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
ROWS = (
    '"1","1/2/2009 10:00","09A1","Embassy A","UNCLASSIFIED","","H1\nH1b","B1"\n'
    '"2","1/2/2009 10:00","09A2","Embassy A","UNCLASSIFIED","","H2","B2\nB2b"\n'
)


@pytest.fixture(scope="module")
def cluster():  # type: ignore[no-untyped-def]
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as local, distributed.Client(local) as client:
        yield local, client


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    for sample in SAMPLES.glob("*.txt"):
        shutil.copy(sample, root / sample.name)
    (root / "rows.csv").write_text(ROWS)
    (root / "empty.txt").write_bytes(b"")
    return root


def test_import_cableformat_does_not_import_dask() -> None:
    code = "import sys, cableformat, cableformat.cli; print('dask' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "False"


def test_bag_validate_frame_and_summary_match_the_engine(cluster, corpus_dir, tmp_path) -> None:
    direct = list(map_cables(CheckTask(excerpts=False), [str(corpus_dir)], jobs=1))
    expected = summarize(direct)

    bag = cd.read_corpus([str(corpus_dir)], partition_size=2)
    assert bag.npartitions > 1
    results = cd.validate(bag)
    assert results.compute() == direct
    assert cd.summarize(results) == expected

    frame = cd.diagnostics_frame(results)
    df = frame.compute()
    assert list(df.columns) == list(cd.DIAGNOSTIC_COLUMNS)
    assert len(df) == sum(len(r.diagnostics) for r in direct)
    assert df.groupby("code").size().to_dict() == expected.by_rule

    written = cd.write_jsonl(cd.diagnostic_records(results), str(tmp_path / "out"))
    assert len(written) == bag.npartitions
    rows = [json.loads(line) for p in written for line in Path(p).read_text().splitlines()]
    assert len(rows) == len(df)


def test_shards_through_read_shards(cluster, corpus_dir, tmp_path) -> None:
    shards = tmp_path / "shards"
    assert main(["shard", str(corpus_dir), "--out", str(shards), "--cables-per-shard", "2"]) == 0
    results = cd.validate(cd.read_shards(str(shards / "*.jsonl"), blocksize=200))
    direct = list(map_cables(CheckTask(excerpts=False), [str(corpus_dir)], jobs=1))
    assert results.compute() == direct


def test_cli_scheduler_gives_the_same_report(cluster, corpus_dir, capsys) -> None:
    local, _client = cluster
    assert main(["validate", "--format", "jsonl", "--jobs", "1", str(corpus_dir)]) == 2
    plain = capsys.readouterr().out
    code = main(["validate", "--format", "jsonl", "--quiet",
                 "--scheduler", local.scheduler_address, str(corpus_dir)])
    assert code == 2
    assert capsys.readouterr().out == plain
