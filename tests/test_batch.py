"""The batch engine, atomic outputs, progress, sharding and ``validate --jobs``.

The engine tests use a tiny picklable task (no parser) so they pin the engine's own
guarantees: input order whatever the workers, bounded read-ahead, a task exception or a
dead worker reported on exactly the cable concerned while the run goes on, and counts
that add up.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import pytest

from cableformat.batch import (
    Batch,
    CheckTask,
    CompactResult,
    Unit,
    WorkerPool,
    iter_batches,
    iter_units,
    map_cables,
)
from cableformat.cli import main
from cableformat.outputs import (
    atomic_write,
    is_finished,
    remove_stale_temporaries,
    write_text_atomic,
)
from cableformat.progress import RunProgress, progress_enabled
from cableformat.readers.csv import CsvRow
from cableformat.source import ReadError, Source

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@dataclass(frozen=True)
class EchoTask:
    """First line of each cable; ``BOOM`` raises, ``DIE`` kills the worker process."""

    def __call__(self, path: str, source: Source) -> tuple[str, str]:
        first = source.text.split("\n", 1)[0]
        if first == "BOOM":
            raise ValueError("boom")
        if first == "DIE" and os.getpid() != PARENT:
            os.kill(os.getpid(), signal.SIGKILL)
        return ("ok", f"{os.path.basename(path)}:{first}")

    def unreadable(self, path: str, error: ReadError) -> tuple[str, str]:
        return ("unreadable", f"{os.path.basename(path)}:{error.code}")

    def crashed(self, path: str, message: str) -> tuple[str, str]:
        return ("crashed", f"{os.path.basename(path)}:{message}")


PARENT = os.getpid()


def _tree(tmp_path: Path, lines: list[str]) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    for i, line in enumerate(lines):
        (root / f"c{i:04d}.txt").write_text(line + "\nbody\n")
    return root


def test_parallel_results_keep_input_order(tmp_path: Path) -> None:
    root = _tree(tmp_path, [f"CABLE {i}" for i in range(57)])
    serial = list(map_cables(EchoTask(), [str(root)], jobs=1, batch_size=4))
    parallel = list(map_cables(EchoTask(), [str(root)], jobs=2, batch_size=4))
    assert parallel == serial
    assert [r[1] for r in serial] == [f"c{i:04d}.txt:CABLE {i}" for i in range(57)]


def test_task_exception_and_dead_worker_are_reported_and_the_run_goes_on(
    tmp_path: Path,
) -> None:
    lines = [f"CABLE {i}" for i in range(30)]
    lines[7] = "BOOM"
    lines[18] = "DIE"
    root = _tree(tmp_path, lines)
    results = list(map_cables(EchoTask(), [str(root), str(tmp_path / "nope")], jobs=2,
                              batch_size=5))
    assert len(results) == 31  # every cable and the missing path: nothing lost
    assert results[7] == ("crashed", "c0007.txt:internal error: ValueError: boom")
    kind, text = results[18]
    assert kind == "crashed" and "worker process died" in text and "signal 9" in text
    assert results[30] == ("unreadable", "nope:X008")
    assert [r[1] for i, r in enumerate(results[:30]) if i not in (7, 18)] == [
        f"c{i:04d}.txt:CABLE {i}" for i in range(30) if i not in (7, 18)
    ]


def test_pool_streams_with_bounded_read_ahead() -> None:
    pulled = 0

    def endless() -> object:
        nonlocal pulled
        i = 0
        while True:
            pulled += 1
            text = f"CABLE {i}\n"
            yield Batch(i, [Unit(f"s{i}", Source(text=text, name=f"s{i}", input_format="text"))])
            i += 1

    pool: WorkerPool[tuple[str, str]] = WorkerPool(EchoTask(), None, 2)
    run = pool.run(endless())  # type: ignore[arg-type]
    got = list(islice(run, 5))
    run.close()  # stops the workers
    assert pool._workers == []
    assert [results[0][0][1] for _, results in got] == [f"s{i}:CABLE {i}" for i in range(5)]
    assert pulled <= 5 + 2 * 4 + 1  # the window, not the (infinite) input


def test_units_stream_csv_records_and_keep_small_files_as_paths(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x\n")
    (tmp_path / "rows.csv").write_text(
        '"1","1/2/2009 10:00","09A1","Embassy A","UNCLASSIFIED","","H1","B1"\n'
        '"2","1/2/2009 10:00","09A2","Embassy A","UNCLASSIFIED","","H2","B2"\n'
    )
    units = list(iter_units([str(tmp_path)]))
    assert [u.path.rsplit("/", 1)[-1] for u in units] == ["a.txt", "rows.csv", "rows.csv"]
    assert units[0].source is None
    # the parent only finds the CSV rows; decoding them is left to the worker
    rows = [u.source for u in units[1:]]
    assert all(isinstance(r, CsvRow) for r in rows)
    assert [u.size for u in units[1:]] == [len(r.raw) for r in rows]  # type: ignore[union-attr]
    sources = [r.resolve() for r in rows]  # type: ignore[union-attr]
    assert all(isinstance(s, Source) for s in sources)
    assert [s.wrapper.reference_id for s in sources] == ["09A1", "09A2"]  # type: ignore[union-attr]
    assert [s.line_offset for s in sources] == [0, 1]  # type: ignore[union-attr]
    for jobs in (1, 2):  # decoded in this process, then in the workers
        results = list(map_cables(EchoTask(), [str(tmp_path / "rows.csv")], jobs=jobs,
                                  batch_size=1))
        assert results == [("ok", "rows.csv:H1"), ("ok", "rows.csv:H2")]
    batches = list(iter_batches(iter(units), batch_size=2))
    assert [len(b.units) for b in batches] == [2, 1]


def test_check_task_results_are_compact_and_located() -> None:
    path = str(SAMPLES / "synthetic-malformed.txt")
    [result] = list(map_cables(CheckTask(), [path], jobs=1))
    assert isinstance(result, CompactResult) and result.cable is None
    assert result.diagnostics
    from cableformat.writers.report import diagnostic_record

    record = diagnostic_record(result, result.diagnostics[0])
    assert record["line"] >= 1 and record["column"] >= 1
    source = result.source
    assert source is not None
    assert source.file_line(record["line"]) == (
        Path(path).read_text().splitlines()[record["line"] - 1]
    )


# -- validate --jobs ----------------------------------------------------------------------


def _inputs(tmp_path: Path, corpus: Path | None) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    for sample in SAMPLES.glob("*.txt"):
        shutil.copy(sample, root / sample.name)
    if corpus is not None:
        for page in sorted((corpus / "html").glob("*.html"))[:40]:
            shutil.copy(page, root / page.name)
        for csv in sorted((corpus / "csv").glob("*.csv")):
            shutil.copy(csv, root / csv.name)
    (root / "binary.txt").write_bytes(b"\x00\x01\x02" * 10)
    return root


@pytest.mark.parametrize("fmt", ["text", "jsonl", "sarif"])
def test_validate_jobs_output_equals_serial(tmp_path, capsys, fmt: str) -> None:
    from tests.conftest import corpus_path

    root = _inputs(tmp_path, corpus_path())
    outs = []
    for jobs in ("1", "2"):
        code = main(["validate", "--format", fmt, "--jobs", jobs, "--quiet", str(root)])
        outs.append((code, capsys.readouterr().out))
    assert outs[0] == outs[1]
    assert outs[0][0] == 2  # the binary file is unreadable; every other cable still checked


def test_validate_reports_internal_errors_with_exit_3(tmp_path, capsys, monkeypatch) -> None:
    import cableformat.batch as batch

    def boom(self, path: str, source: Source) -> CompactResult:
        if "malformed" in path:
            raise RuntimeError("exploded")
        return original(self, path, source)

    original = batch.CheckTask.__call__
    monkeypatch.setattr(batch.CheckTask, "__call__", boom)
    code = main(["validate", "--jobs", "2", "--format", "jsonl", str(SAMPLES)])
    out, err = capsys.readouterr()
    assert code == 3
    assert "internal error: RuntimeError: exploded" in err and err.count("\n") == 1
    codes = {(json.loads(line)["path"].rsplit("/", 1)[-1], json.loads(line)["code"])
             for line in out.splitlines()}
    assert ("synthetic-malformed.txt", "X999") in codes


def test_jobs_must_be_positive(capsys) -> None:
    assert main(["validate", "--jobs", "0", str(SAMPLES)]) == 2
    assert "--jobs" in capsys.readouterr().err


# -- outputs ----------------------------------------------------------------------------------


def test_atomic_write_replaces_only_on_success(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.json"
    write_text_atomic(target, "first")
    assert target.read_text() == "first" and is_finished(target)
    for exc in (RuntimeError("disk full"), KeyboardInterrupt()):
        with pytest.raises(type(exc)), atomic_write(target) as out:
            out.write("partial")
            raise exc
        assert target.read_text() == "first"
    assert sorted(p.name for p in target.parent.iterdir()) == ["out.json"]
    assert not is_finished(tmp_path / "missing.json")


def test_stale_temporaries_are_hidden_and_removed(tmp_path: Path) -> None:
    (tmp_path / ".out.json.abc123.tmp").write_text("partial")
    (tmp_path / "out.json").write_text("done")
    assert remove_stale_temporaries(tmp_path) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_report_file_is_not_left_partial_on_interrupt(tmp_path, monkeypatch, capsys) -> None:
    import cableformat.cli.validate as cli_validate

    def interrupted(*args: object, **kwargs: object) -> object:
        yield from ()
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_validate, "check_inputs", interrupted)
    report = tmp_path / "report.txt"
    assert main(["validate", "-o", str(report), str(SAMPLES)]) == 130
    assert not report.exists() and list(tmp_path.iterdir()) == []


# -- progress -------------------------------------------------------------------------------


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal_and_not_quiet() -> None:
    assert not progress_enabled(False, io.StringIO())
    assert not progress_enabled(True, _Tty())
    assert progress_enabled(False, _Tty())


def test_progress_counts_cables_and_errors_and_draws() -> None:
    stream = _Tty()
    task = CheckTask()
    results = list(map_cables(task, [str(SAMPLES)], jobs=1))
    with RunProgress(True, 1000, stream=stream) as progress:
        seen = list(progress.watch(results))
    assert seen == results
    assert progress.cables == len(results)
    assert progress.errors == sum(
        1 for r in results for d in r.diagnostics if d.severity == "error"
    )
    quiet = RunProgress(False)
    assert list(quiet.watch(results)) == results


# -- shards -----------------------------------------------------------------------------------


def test_shard_round_trip_gives_the_same_results(tmp_path: Path, capsys) -> None:
    from cableformat.cli.shard import record_items

    root = _inputs(tmp_path, None)
    (root / "rows.csv").write_text(
        '"1","1/2/2009 10:00","09A1","Embassy A","UNCLASSIFIED","","H1\nH1b","B1"\n'
        '"2","1/2/2009 10:00","09A2","Embassy A","UNCLASSIFIED","","H2","B2\nB2b"\n'
    )
    out = tmp_path / "shards"
    assert main(["shard", str(root), "--out", str(out), "--cables-per-shard", "3"]) == 0
    shards = sorted(out.glob("shard-*.jsonl"))
    assert len(shards) == 3  # 7 records (5 files + 2 CSV rows) in shards of 3
    task = CheckTask()
    direct = list(map_cables(task, [str(root)], jobs=1))
    again = []
    for shard in shards:
        for line in shard.read_text().splitlines():
            for name, item in record_items(json.loads(line)):
                again.append(task.unreadable(name, item) if isinstance(item, ReadError)
                             else task(name, item))
    assert again == direct


def test_compact_results_survive_pickling_between_processes() -> None:
    import pickle

    from cableformat.diagnostics import Diagnostic, Edit, Fix, Severity

    path = str(SAMPLES / "synthetic-malformed.txt")
    [result] = list(map_cables(CheckTask(), [path], jobs=1))
    assert result.diagnostics and result.source is not None and result.source.lines
    fixed = Diagnostic("X001", Severity.WARNING, "m", 1, 2, hint="h",
                       fix=Fix("t", (Edit(1, 2, "x"),), "safe"))
    result.diagnostics.append(fixed)
    unreadable = CheckTask().unreadable("gone.txt", ReadError("gone.txt", "X008", "no such file"))
    crashed = CheckTask().crashed("bad.txt", "internal error: boom")
    for original in (result, unreadable, crashed):
        back = pickle.loads(pickle.dumps(original, protocol=pickle.HIGHEST_PROTOCOL))
        assert back == original and type(back) is type(original)
        assert all(isinstance(d.severity, Severity) for d in back.diagnostics)
    back = pickle.loads(pickle.dumps(result))
    assert back.reference_id == result.reference_id and back.source.lines == result.source.lines
    assert back.diagnostics[-1].fix == fixed.fix
