"""Corpus-scale benchmark: throughput, scaling, Dask, peak memory, synthetic Cablegate run.

Usage: python bench/bench_scale.py [CORPUS_DIR] [--jobs 2] [--csv-mb 1024] [--cables 251287]
                                   [--skip-dask] [--work DIR]

Reports, in one run:

1. the plain baseline (read, decode, cut out ``<pre>``, split lines; as bench/bench.py);
2. ``cableformat validate --jobs 1`` over the HTML pages: pages/s;
3. ``--jobs N``: pages/s and the scaling ratio to 1 job;
4. a Dask ``LocalCluster`` (N single-threaded worker processes): pages/s;
5. a CSV of ``--csv-mb`` MB made by repeating the corpus's cables: time and peak memory;
6. a synthetic corpus of ``--cables`` cables (Cablegate: 251,287) as cables.csv, validated
   end to end with ``--jobs N``: wall time.

Every CLI run is a subprocess writing its report (jsonl) to /dev/null; peak memory is the
largest sum of the RSS of the process tree (parent + workers), sampled, plus the
largest single process.  CPU seconds (user + sys of the tree) are shown next to wall time,
because a shared machine's load makes wall time alone misleading; the load average is
printed for the same reason.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import baseline
from cableformat.readers import iter_sources
from cableformat.source import ReadError


def run_cli(args: list[str]) -> tuple[float, float, int, int, int]:
    """Run ``cableformat ARGS``; return wall s, CPU s, peak tree RSS, peak process RSS, code.

    CPU is the rusage of the finished process tree (exact); RSS is sampled, every 50 ms for
    the first two seconds and every 250 ms after that, so that the sampler (which walks
    /proc) does not take a noticeable share of the two cores from the run it measures.
    """
    cmd = [sys.executable, "-m", "cableformat", *args]
    # As on a user's machine: the runs read (and the first one writes) compiled bytecode.
    # With PYTHONDONTWRITEBYTECODE set (some sandboxes), every process start would compile
    # the package's sources again, about 0.1 s of each run.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = psutil.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    peak_tree = peak_one = 0
    while proc.poll() is None:
        try:
            procs = [proc, *proc.children(recursive=True)]
        except psutil.Error:
            procs = [proc]
        total = 0
        for p in procs:
            try:
                rss = p.memory_info().rss
            except psutil.Error:
                continue
            total += rss
            peak_one = max(peak_one, rss)
        peak_tree = max(peak_tree, total)
        time.sleep(0.05 if time.perf_counter() - t0 < 2 else 0.25)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode not in (0, 1, 2):
        print(f"  ! exit {proc.returncode}: {err[-500:]}", file=sys.stderr)
    return wall, cpu, peak_tree, peak_one, proc.returncode


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def make_csv(pages: list[Path], path: Path, *, mb: float | None, cables: int | None) -> int:
    """cables.csv rows built from the corpus pages, repeated to ``mb`` MB or ``cables`` rows."""
    rows = []
    for page in pages:
        for item in iter_sources(page):
            if isinstance(item, ReadError) or item.wrapper is None:
                continue
            w = item.wrapper
            rows.append(
                f'"{{n}}","1/2/2009 10:00","{_escape(w.reference_id or "")}",'
                f'"{_escape(w.origin or "")}","{_escape(w.classification or "")}","","",'
                f'"{_escape(item.text)}"\n'
            )
    limit = (mb or 0) * 1e6
    written = n = 0
    with open(path, "w", encoding="utf-8") as out:
        while (cables is not None and n < cables) or (cables is None and written < limit):
            row = rows[n % len(rows)].replace("{n}", str(n + 1), 1)
            out.write(row)
            written += len(row)
            n += 1
    return n


def dask_run(corpus: Path, jobs: int) -> tuple[float, int]:
    """Validate the HTML pages on a LocalCluster of ``jobs`` processes; seconds, cables."""
    from distributed import Client, LocalCluster

    import cableformat.dask as cd

    with LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster):
        bag = cd.read_corpus([str(corpus / "html")], partition_size=64)
        cd.summarize(cd.validate(bag.take(64, npartitions=1, compute=False)))  # warm up
        t0 = time.perf_counter()
        summary = cd.summarize(cd.validate(bag))
        return time.perf_counter() - t0, summary.cables + summary.unreadable


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=os.environ.get("CABLEFORMAT_CORPUS",
                                                                 "../shared/corpus"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--csv-mb", type=float, default=1024)
    ap.add_argument("--cables", type=int, default=251_287)
    ap.add_argument("--skip-dask", action="store_true")
    ap.add_argument("--work", default="/tmp/cableformat-bench")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    html = corpus / "html"
    pages = sorted(html.glob("**/*.html"))
    if not pages:
        print(f"no HTML pages under {html}", file=sys.stderr)
        return 2
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    mb = sum(p.stat().st_size for p in pages) / 1e6
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start")
    print(f"corpus: {len(pages)} pages, {mb:.0f} MB")
    base = min(baseline(pages) for _ in range(2))
    print(f"baseline (read+decode+cut <pre>+split):  {len(pages) / base:8,.0f} pages/s")

    common = ["validate", "--format", "jsonl", "-o", "/dev/null", "--quiet"]
    run_cli([*common, str(pages[0])])  # warm-up: writes the bytecode the measured runs read
    rates = {}
    for jobs in (1, args.jobs):
        wall, cpu, tree, one, _ = run_cli([*common, "--jobs", str(jobs), str(html)])
        rates[jobs] = len(pages) / wall
        print(f"validate --jobs {jobs}: {rates[jobs]:8,.0f} pages/s  wall {wall:6.1f} s  "
              f"cpu {cpu:6.1f} s ({len(pages) / cpu:,.0f} pages per cpu-s)  "
              f"peak RSS tree {tree / 1e6:.0f} MB (largest process {one / 1e6:.0f} MB)")
    print(f"scaling --jobs {args.jobs} / --jobs 1: {rates[args.jobs] / rates[1]:.2f}x  "
          f"(load average now {os.getloadavg()[0]:.2f})")

    if not args.skip_dask:
        try:
            secs, n = dask_run(corpus, args.jobs)
            print(f"dask LocalCluster ({args.jobs} workers x 1 thread): {n / secs:8,.0f} "
                  f"cables/s  wall {secs:.1f} s")
        except ImportError:
            print("dask LocalCluster: skipped (pip install 'cableformat[dask]')")

    if args.csv_mb > 0:
        big = work / f"repeated-{args.csv_mb:g}MB.csv"
        n = make_csv(pages, big, mb=args.csv_mb, cables=None)
        size = big.stat().st_size / 1e6
        wall, cpu, tree, one, _ = run_cli([*common, "--jobs", str(args.jobs), str(big)])
        print(f"CSV {size:,.0f} MB ({n:,} cables), --jobs {args.jobs}: wall {wall:.1f} s "
              f"({n / wall:,.0f} cables/s), cpu {cpu:.1f} s, peak RSS tree {tree / 1e6:.0f} MB "
              f"(largest process {one / 1e6:.0f} MB)")
        big.unlink()

    if args.cables > 0:
        synth = work / f"synthetic-{args.cables}.csv"
        n = make_csv(pages, synth, mb=None, cables=args.cables)
        size = synth.stat().st_size / 1e6
        wall, cpu, tree, one, _ = run_cli([*common, "--jobs", str(args.jobs), str(synth)])
        print(f"synthetic corpus {n:,} cables ({size:,.0f} MB CSV), --jobs {args.jobs}: "
              f"wall {wall:.1f} s ({n / wall:,.0f} cables/s; target < 180 s), cpu {cpu:.1f} s, "
              f"peak RSS tree {tree / 1e6:.0f} MB")
        synth.unlink()
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
