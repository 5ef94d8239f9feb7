"""Shared test configuration: hypothesis profiles and the optional real corpus."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import hypothesis.core
import pytest
from hypothesis import HealthCheck, settings

# ci: bounded examples and a per-example deadline, so the suite stays well under 10 minutes
# on 2 cores (.ci/run selects it).  CI explores: each run draws other examples from a seed
# that is printed in the report header; HYPOTHESIS_SEED=N (or --hypothesis-seed=N) replays it.
settings.register_profile("ci", max_examples=60, deadline=timedelta(seconds=10),
                          print_blob=True, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=100, deadline=timedelta(seconds=10))
# fuzz: long local runs (HYPOTHESIS_PROFILE=fuzz pytest tests/test_properties.py); every
# failure it shrinks is added to the test as an explicit @example.
settings.register_profile("fuzz", max_examples=20000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def _hypothesis_seed(config: pytest.Config) -> int | None:
    """The seed of this run: ``--hypothesis-seed``, else ``HYPOTHESIS_SEED``, else random."""
    if config.getoption("hypothesis_seed", None) is not None:
        return None  # the hypothesis plugin applies it
    value = os.environ.get("HYPOTHESIS_SEED")
    return int(value) if value else secrets.randbelow(2**32)


def pytest_configure(config: pytest.Config) -> None:
    seed = _hypothesis_seed(config)
    if seed is not None:
        hypothesis.core.global_force_seed = seed  # what --hypothesis-seed sets
    config.stash[_SEED] = seed


def pytest_report_header(config: pytest.Config) -> str:
    seed = config.stash.get(_SEED, None)
    if seed is None:
        return f"hypothesis seed: {config.getoption('hypothesis_seed', None)} (given)"
    return f"hypothesis seed: {seed} (replay with HYPOTHESIS_SEED={seed})"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    # printed even under -q (which hides the report header)
    seed = terminalreporter.config.stash.get(_SEED, None)
    if seed is not None:
        terminalreporter.write_line(f"hypothesis seed: {seed} (replay with HYPOTHESIS_SEED={seed})")


_SEED = pytest.StashKey[int | None]()


def examples(fraction: float, minimum: int = 2) -> int:
    """A share of the profile's ``max_examples`` (for tests parametrised many times)."""
    return max(minimum, int(settings.default.max_examples * fraction))

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def corpus_path() -> Path | None:
    """The real corpus named by ``CABLEFORMAT_CORPUS``, if set and present."""
    value = os.environ.get("CABLEFORMAT_CORPUS")
    if not value:
        return None
    path = Path(value)
    return path if path.is_dir() else None


@pytest.fixture
def corpus() -> Path:
    """The real corpus directory; the test is skipped when it is not available."""
    path = corpus_path()
    if path is None:
        pytest.skip("CABLEFORMAT_CORPUS not set or not a directory")
    return path
