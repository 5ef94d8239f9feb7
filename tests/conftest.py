"""Shared test configuration: hypothesis profiles and the optional real corpus."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# ci: bounded examples and a per-example deadline, so the suite stays well under 10 minutes
# on 2 cores (.ci/run selects it); examples are derandomised so a CI failure reproduces.
settings.register_profile("ci", max_examples=60, deadline=timedelta(seconds=10),
                          derandomize=True, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=100, deadline=timedelta(seconds=10))
# fuzz: long local runs (HYPOTHESIS_PROFILE=fuzz pytest tests/test_properties.py); every
# failure it shrinks is added to the test as an explicit @example.
settings.register_profile("fuzz", max_examples=20000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


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
